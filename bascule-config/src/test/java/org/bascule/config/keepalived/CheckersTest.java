package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every checker block and its own keywords. */
class CheckersTest {

    private static List<Checker> checkers(String rsLines) {
        return Configs.valid(Configs.virtualServer("", rsLines)).virtualServers().getFirst().realServers().getFirst().checkers();
    }

    @Test
    void connectionOptions() {
        TcpCheck tcp = (TcpCheck) checkers("""
                  TCP_CHECK {
                    connect_ip 10.0.0.5
                    connect_port 8080
                    bindto 10.0.0.1
                    bind_port 40000
                    bind_if eth0
                    connect_timeout 0.5
                    fwmark 9
                    log_all_failures
                  }
                """).getFirst();
        assertThat(tcp.connection()).isEqualTo(new CheckConnection(InetAddress.ofLiteral("10.0.0.5"), 8080,
                Optional.of(InetAddress.ofLiteral("10.0.0.1")), OptionalInt.of(40000), Optional.of("eth0"), Duration.ofMillis(500),
                OptionalLong.of(9)));
        assertThat(tcp.schedule().logAllFailures()).isTrue();
    }

    @Test
    void httpAndSslGet() {
        List<Checker> list = checkers("""
                  HTTP_GET {
                    http_protocol 1.1
                    fast_recovery
                    url {
                      path /a
                      digest 5F1A4B7E269B7F5DDF6BBCE06856C1E8
                      status_code 200 300-399
                      regex "^OK"
                      regex_options caseless
                      regex_min_offset 2
                    }
                    url {
                      path /b
                    }
                  }
                  SSL_GET {
                    enable_sni
                    url {
                      path /
                    }
                  }
                """);
        HttpGetCheck http = (HttpGetCheck) list.get(0);
        assertThat(http.kind()).isEqualTo(CheckerKind.HTTP_GET);
        assertThat(http.httpProtocol()).isEqualTo("1.1");
        assertThat(http.fastRecovery()).isTrue();
        UrlCheck a = http.urls().getFirst();
        assertThat(a.digest()).contains("5f1a4b7e269b7f5ddf6bbce06856c1e8");
        assertThat(a.statusCodes()).containsExactly(new StatusCodeRange(200, 200), new StatusCodeRange(300, 399));
        assertThat(a.accepts(350)).isTrue();
        assertThat(a.accepts(201)).isFalse();
        assertThat(a.regex()).map(UrlRegex::pattern).contains("^OK");
        assertThat(a.regex()).map(UrlRegex::options).contains(List.of("caseless"));
        assertThat(a.regex()).map(UrlRegex::minOffset).contains(OptionalLong.of(2));
        assertThat(http.urls().get(1).statusCodes()).containsExactly(StatusCodeRange.DEFAULT);
        HttpGetCheck ssl = (HttpGetCheck) list.get(1);
        assertThat(ssl.ssl()).isTrue();
        assertThat(ssl.kind()).isEqualTo(CheckerKind.SSL_GET);
        assertThat(ssl.enableSni()).isTrue();
    }

    @Test
    void miscCheck() {
        MiscCheck misc = (MiscCheck) checkers("""
                  MISC_CHECK {
                    misc_path "/usr/local/bin/test_ldap.pl 192.168.10.72"
                    misc_timeout 15
                    misc_dynamic
                    user ldap ldap
                    retry 2
                  }
                """).getFirst();
        assertThat(misc.path()).isEqualTo("/usr/local/bin/test_ldap.pl 192.168.10.72");
        assertThat(misc.timeout()).hasSeconds(15);
        assertThat(misc.dynamic()).isTrue();
        assertThat(misc.user()).contains(new ScriptUser("ldap", Optional.of("ldap")));
        assertThat(misc.schedule().retry()).isEqualTo(2);
    }

    @Test
    void dnsPingSmtpUdp() {
        List<Checker> list = checkers("""
                  DNS_CHECK {
                    type aaaa
                    name example.com
                    connect_port 53
                  }
                  PING_CHECK {
                  }
                  SMTP_CHECK {
                    helo_name lb.example.com
                  }
                  UDP_CHECK {
                    payload 0a 0b
                    require_reply 0aXx
                    min_reply_length 2
                    max_reply_length 10
                  }
                """);
        DnsCheck dns = (DnsCheck) list.get(0);
        assertThat(dns.type()).isEqualTo("AAAA");
        assertThat(dns.name()).isEqualTo("example.com");
        assertThat(dns.connection().connectPort()).isEqualTo(53);
        assertThat(list.get(1)).isInstanceOf(PingCheck.class);
        SmtpCheck smtp = (SmtpCheck) list.get(2);
        assertThat(smtp.heloName()).isEqualTo("lb.example.com");
        UdpCheck udp = (UdpCheck) list.get(3);
        assertThat(udp.payload()).contains("0a 0b");
        assertThat(udp.requireReply()).isTrue();
        assertThat(udp.replyPattern()).contains("0aXx");
        assertThat(udp.minReplyLength()).isEqualTo(2);
        assertThat(udp.maxReplyLength()).isEqualTo(10);
        assertThat(((SmtpCheck) checkers("  SMTP_CHECK {\n  }").getFirst()).heloName()).isEqualTo(SmtpCheck.DEFAULT_HELO_NAME);
    }

    @Test
    void smtpHostBlocksBecomeOneCheckerEach() {
        List<Checker> list = checkers("""
                  SMTP_CHECK {
                    connect_timeout 2
                    host {
                      connect_ip 10.0.0.7
                      connect_port 2525
                    }
                    host {
                      connect_ip 10.0.0.8
                    }
                  }
                """);
        assertThat(list).extracting(c -> ((SmtpCheck) c).connection().connectIp().getHostAddress() + ":" + ((SmtpCheck) c).connection().connectPort())
                .containsExactly("10.0.0.2:80", "10.0.0.7:2525", "10.0.0.8:80");
        assertThat(list).allMatch(c -> ((SmtpCheck) c).connection().connectTimeout().equals(Duration.ofSeconds(2)));
    }

    @Test
    void fileAndBfdChecksReferToTheirBlocks() {
        String text = "track_file tf {\n file /run/tf\n}\nbfd_instance b1 {\n neighbor_ip 10.0.0.3\n}\n" + Configs.virtualServer("",
                "  FILE_CHECK {\n   track_file tf\n   weight 3 reverse\n  }\n  BFD_CHECK {\n   name b1\n  }");
        List<Checker> list = Configs.valid(text).virtualServers().getFirst().realServers().getFirst().checkers();
        assertThat(list.get(0)).isEqualTo(new FileCheck(list.get(0).pos(), "tf", false, Optional.of(3L), true));
        assertThat(list.get(1)).isEqualTo(new BfdCheck(list.get(1).pos(), "b1"));
        assertThat(Configs.diagnostics(Configs.virtualServer("", "  FILE_CHECK {\n   track_file nope\n  }")))
                .contains("test.conf:7:3: error: undefined track_file 'nope' (expected: a track_file block of that name in FILE_CHECK)");
    }

    @Test
    void checkerProblems() {
        assertThat(Configs.diagnostics(Configs.virtualServer("", "  TCP_CHECK {\n   connect_ip 2001:db8::1\n   bindto 10.0.0.1\n  }")))
                .containsExactly("test.conf:7:3: error: bindto and connect address of different families in 'TCP_CHECK'"
                        + " (expected: bindto of the family of 2001:db8::1)");
        assertThat(Configs.diagnostics(Configs.virtualServer("", "  TCP_CHECK {\n   connect_ip fe80::1\n  }")))
                .containsExactly("test.conf:7:3: error: link-local connect address without bind_if in 'TCP_CHECK' (expected: bind_if IFNAME for fe80::1)");
        assertThat(Configs.diagnostics(Configs.virtualServer("", "  DNS_CHECK {\n   type XYZ\n   name a..b\n  }"))).containsExactly(
                "test.conf:8:9: error: unknown DNS_CHECK type 'XYZ' (expected: A, NS, CNAME, SOA, MX, TXT or AAAA)",
                "test.conf:9:9: error: DNS name with an empty label 'a..b' (expected: a domain name like example.com or .)");
        assertThat(Configs.diagnostics(Configs.virtualServer("", "  HTTP_GET {\n   url {\n    path /\n    regex_no_match\n   }\n  }")))
                .containsExactly("test.conf:8:4: warning: regex options without regex in 'url' (expected: a 'regex PATTERN' line, or no regex_* options)");
    }
}
