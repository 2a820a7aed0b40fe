package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error and warning the parser can give, with its exact {@code file:line:col}, token and
 * "expected" part (STYLE.md rule 10). Each case is a small configuration and the one diagnostic
 * it must produce.
 */
class DiagnosticMessagesTest {

    private static final String VS_HEAD = "virtual_server 10.0.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // Values.
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  weight x\n }\n}\n",
                        "test.conf:6:10: error: invalid weight 'x' (expected: an integer from 0 to 2147483647)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 70000 {\n }\n}\n",
                        "test.conf:5:23: error: invalid real_server port '70000' (expected: an integer from 0 to 65535)"),
                Arguments.of("virtual_server 10.0.0.1 70000 {\n}\n",
                        "test.conf:1:25: error: invalid port '70000' (expected: an integer from 0 to 65535)"),
                Arguments.of("virtual_server 10.0.0.300 80 {\n}\n",
                        "test.conf:1:16: error: invalid virtual server address '10.0.0.300' (expected: an IPv4 or IPv6 address, e.g. 192.168.1.10 or 2001:db8::10)"),
                Arguments.of(VS_HEAD.replace("lb_algo rr", "lb_algo rrr") + " real_server 10.0.0.2 80 {\n }\n}\n",
                        "test.conf:2:10: error: unknown scheduler 'rrr' (expected: one of rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos; did you mean 'rr'?)"),
                Arguments.of(VS_HEAD.replace("lb_kind NAT", "lb_kind NATT") + " real_server 10.0.0.2 80 {\n }\n}\n",
                        "test.conf:3:10: error: unknown forwarding method 'NATT' (expected: NAT, DR or TUN; did you mean 'NAT'?)"),
                Arguments.of(VS_HEAD.replace("protocol TCP", "protocol ICMP") + " real_server 10.0.0.2 80 {\n }\n}\n",
                        "test.conf:4:11: error: unknown protocol 'ICMP' (expected: TCP, UDP or SCTP)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 300\n}\n",
                        "test.conf:3:20: error: invalid virtual_router_id '300' (expected: an integer from 1 to 255)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n priority 256\n}\n",
                        "test.conf:4:11: error: invalid priority '256' (expected: an integer from 1 to 255)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n advert_int 0.001\n}\n",
                        "test.conf:4:13: error: invalid advert_int '0.001' (expected: a time in seconds from 0.01 to 255 (decimals allowed, e.g. 0.5))"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  300.1.1.1\n }\n}\n",
                        "test.conf:5:3: error: invalid virtual address '300.1.1.1' (expected: IP or IP/MASK, e.g. 192.168.1.10/24 or 2001:db8::10/64)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.1/33\n }\n}\n",
                        "test.conf:5:12: error: invalid prefix length in '10.0.0.1/33' '33' (expected: an integer from 0 to 32)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n  10.0.0.1 dve eth0\n }\n}\n",
                        "test.conf:5:12: error: unknown address option 'dve' (expected: IP[/MASK] followed by options brd, dev, scope, label, peer,"
                                + " preferred_lft, track_group or flags home, -nodad, mngtmpaddr, noprefixroute, autojoin, no_track, use_vmac)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n authentication {\n  auth_type MD5\n }\n}\n",
                        "test.conf:5:13: error: invalid auth_type 'MD5' (expected: PASS or AH)"),
                Arguments.of("global_defs {\n smtp_alert maybe\n}\n",
                        "test.conf:2:13: error: invalid smtp_alert value 'maybe' (expected: on, off, true, false, yes or no)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  HTTP_GET {\n   url {\n    path /\n    status_code 600\n   }\n  }\n }\n}\n",
                        "test.conf:9:17: error: invalid status_code '600' (expected: a status from 100 to 599 or a range like 200-299)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  HTTP_GET {\n   url {\n    path /\n    digest zz\n   }\n  }\n }\n}\n",
                        "test.conf:9:12: error: invalid digest 'zz' (expected: 32 hexadecimal digits (an MD5 sum, as genhash prints it))"),
                // Arity and shape.
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n priority\n}\n",
                        "test.conf:4:2: error: missing value after 'priority' (expected: priority <1-255>)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1 2\n}\n",
                        "test.conf:3:22: error: unexpected extra value '2' (expected: virtual_router_id <1-255>; quote a value that contains blanks)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress\n}\n",
                        "test.conf:4:2: error: missing '{' after 'virtual_ipaddress' (expected: virtual_ipaddress { IP[/MASK] [dev IF] [label L] [scope S] … })"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n priority 100 {\n }\n}\n",
                        "test.conf:4:2: error: unexpected block after 'priority 100' (expected: priority <1-255> on one line, without '{')"),
                // Unknown and misplaced keywords.
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n lb_algo rr\n}\n",
                        "test.conf:4:2: warning: 'lb_algo' is not valid in vrrp_instance (it belongs in virtual_server)"),
                Arguments.of("vrrp_instance VI {\n interface eth0\n virtual_router_id 1\n priorty 100\n}\n",
                        "test.conf:4:2: warning: unknown keyword 'priorty' in vrrp_instance (did you mean 'priority'?)"),
                Arguments.of("global_defs {\n zzzz 1\n}\n",
                        "test.conf:2:2: warning: unknown keyword 'zzzz' in global_defs (expected: a global_defs keyword such as umask, nftables, lvs_flush)"),
                Arguments.of("real_server 10.0.0.2 80 {\n}\n",
                        "test.conf:1:1: error: 'real_server' is not valid at top level (it belongs in virtual_server)"),
                Arguments.of("vrrp_instanse VI {\n}\n",
                        "test.conf:1:1: error: unknown keyword 'vrrp_instanse' at top level (did you mean 'vrrp_instance'?)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  MISC_CHECK {\n   misc_path /bin/true\n   connect_timeout 3\n  }\n }\n}\n",
                        "test.conf:8:4: warning: 'connect_timeout' is not valid in MISC_CHECK (it belongs in virtual_server, real_server, TCP_CHECK, …)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  url {\n   path /\n  }\n }\n}\n",
                        "test.conf:6:3: error: 'url' is not valid in real_server (it belongs in HTTP_GET, SSL_GET)"),
                // Block contents.
                Arguments.of("vrrp_instance VI {\n interface eth0\n}\n",
                        "test.conf:1:1: error: no virtual_router_id in vrrp_instance 'VI' (expected: virtual_router_id <1-255> in the block)"),
                Arguments.of("vrrp_instance VI {\n state SLAVE\n interface eth0\n virtual_router_id 1\n}\n",
                        "test.conf:2:8: warning: unknown state 'SLAVE' (expected: MASTER or BACKUP; taken as BACKUP, as keepalived does)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  HTTP_GET {\n   connect_timeout 3\n  }\n }\n}\n",
                        "test.conf:6:3: error: no url in checker 'HTTP_GET' (expected: at least one url { path /PATH; status_code 200 } block)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  HTTP_GET {\n   url {\n    status_code 200\n   }\n  }\n }\n}\n",
                        "test.conf:7:4: error: no path in 'url' (expected: a 'path /PATH' line in the url block)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  MISC_CHECK {\n   misc_timeout 3\n  }\n }\n}\n",
                        "test.conf:6:3: error: MISC_CHECK without 'misc_path' (expected: a 'misc_path SCRIPT' line in the block)"),
                Arguments.of(VS_HEAD + "}\n",
                        "test.conf:1:1: warning: no real_server in virtual_server '10.0.0.1 80' (expected: at least one real_server block)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  BFD_CHECK {\n   name b\n  }\n }\n}\nbfd_instance b {\n}\n",
                        "test.conf:6:3: warning: unsupported checker 'BFD_CHECK' (expected: one Bascule runs: TCP_CHECK, HTTP_GET, SSL_GET,"
                                + " MISC_CHECK, PING_CHECK, DNS_CHECK; this one is kept in the model but not run)"),
                Arguments.of(VS_HEAD + " real_server 10.0.0.2 80 {\n  HTTP_GET {\n   nb_get_retry 3\n   url {\n    path /\n   }\n  }\n }\n}\n",
                        "test.conf:7:4: warning: deprecated keyword 'nb_get_retry' (expected: retry COUNT)"),
                // References.
                Arguments.of("virtual_server group NOPE {\n lb_algo rr\n}\n",
                        "test.conf:1:22: error: undefined virtual_server_group 'NOPE' (expected: a virtual_server_group block defining it)"),
                Arguments.of("vrrp_script chk {\n script /bin/true\n}\nvrrp_instance VI {\n interface eth0\n virtual_router_id 1\n track_script {\n  chk_x\n }\n}\n",
                        "test.conf:8:3: error: undefined vrrp_script 'chk_x' (expected: one of chk)"),
                Arguments.of("vrrp_sync_group G {\n group {\n  VI\n  VJ\n }\n}\nvrrp_instance VI {\n interface eth0\n virtual_router_id 1\n}\n",
                        "test.conf:4:3: error: undefined vrrp_instance 'VJ' (expected: one of VI; did you mean 'VI'?)"),
                Arguments.of("vrrp_script a {\n script x\n}\nvrrp_script a {\n script y\n}\n",
                        "test.conf:4:13: error: duplicate vrrp_script 'a' (expected: a name not already used at test.conf:1:1)"),
                Arguments.of("vrrp_instance A {\n interface eth0\n virtual_router_id 5\n}\nvrrp_instance B {\n interface eth0\n virtual_router_id 5\n}\n",
                        "test.conf:5:1: error: virtual_router_id 5 already used on eth0 by vrrp_instance A, in 'B' (expected: a virtual_router_id unique per interface and address family)"),
                // Lexical.
                Arguments.of("global_defs {\n router_id \"LVS\n}\n",
                        "test.conf:2:12: error: unterminated quoted string '\"LVS' (expected: a closing \" on the same line)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsExactly(String config, String expected) {
        assertThat(Configs.diagnostics(config)).containsExactly(expected);
    }
}
