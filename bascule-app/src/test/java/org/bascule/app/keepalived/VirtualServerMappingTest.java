package org.bascule.app.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.bascule.config.Diagnostic;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.health.TcpCheckSpec;
import org.bascule.l4.VirtualServiceSpec;
import org.bascule.sched.ClientGranularity;
import org.bascule.sched.PersistenceSettings;
import org.bascule.sched.SchedulerFlag;
import org.bascule.l4.table.ForwardingMethod;
import org.junit.jupiter.api.Test;

class VirtualServerMappingTest {

    private static L4Plan plan(String text) {
        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse("test.conf", text);
        assertThat(parsed.errors()).as(parsed.formatDiagnostics()).isEmpty();
        return VirtualServerMapping.plan(parsed.config());
    }

    @Test
    void natServiceWithTcpCheckKeepsEveryTimer() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 8080 {
                    delay_loop 3
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 9001 {
                        weight 10
                        TCP_CHECK {
                            connect_port 9101
                            connect_timeout 2
                            retry 4
                            delay_before_retry 0.5
                        }
                    }
                }
                """);
        assertThat(plan.notes()).isEmpty();
        VirtualServiceSpec vs = plan.services().getFirst();
        assertThat(vs.vip()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(vs.scheduler()).isEqualTo("wrr");
        assertThat(vs.method()).isEqualTo(ForwardingMethod.MASQ);
        var rs = vs.realServers().getFirst();
        assertThat(rs.weight()).isEqualTo(10);
        TcpCheckSpec check = (TcpCheckSpec) rs.checks().getFirst();
        assertThat(check.connectTo()).isEqualTo(new InetSocketAddress("127.0.0.1", 9101));
        assertThat(check.connectTimeout()).hasSeconds(2);
        assertThat(check.timing().delayLoop()).hasSeconds(3);
        assertThat(check.timing().retry()).isEqualTo(4);
        assertThat(check.timing().delayBeforeRetry()).hasMillis(500);
    }

    @Test
    void directRoutingFallsBackToNatAndSaysWhere() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 8080 {
                    lb_algo rr
                    lb_kind DR
                    protocol TCP
                    real_server 127.0.0.1 8080 {
                    }
                }
                """);
        assertThat(plan.services()).hasSize(1);
        assertThat(plan.services().getFirst().method()).isEqualTo(ForwardingMethod.MASQ);
        assertThat(plan.notes()).extracting(Diagnostic::format)
                .containsExactly("test.conf:1:1: warning: virtual_server 127.0.0.1 8080: lb_kind DR falls back to NAT"
                        + " (a user-space proxy; real servers see the balancer's address) until the packet engine exists");
    }

    @Test
    void groupExpandsToEveryAddressAndPort() {
        L4Plan plan = plan("""
                virtual_server_group WEB {
                    127.0.0.1-3 8080
                    127.0.1.1 8443
                    fwmark 7
                }
                virtual_server group WEB {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 9001 {
                    }
                }
                """);
        assertThat(plan.services()).extracting(VirtualServiceSpec::vip).containsExactly(
                new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.2", 8080),
                new InetSocketAddress("127.0.0.3", 8080), new InetSocketAddress("127.0.1.1", 8443));
        assertThat(plan.notes()).extracting(Diagnostic::message)
                .containsExactly("virtual_server_group WEB: fwmark 7 needs the packet engine; not served");
    }

    @Test
    void whatCannotBeServedYetIsSaidNotHidden() {
        L4Plan plan = plan("""
                virtual_server fwmark 1 {
                    lb_algo rr
                    protocol TCP
                    real_server 127.0.0.1 9001 {
                    }
                }
                virtual_server 127.0.0.1 53 {
                    protocol SCTP
                    real_server 127.0.0.1 9053 {
                    }
                }
                virtual_server 127.0.0.1 80 {
                    lb_algo lblcr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 9080 {
                        HTTP_GET {
                            url {
                                path /healthcheck
                                status_code 200
                            }
                        }
                        MISC_CHECK {
                            misc_path "/bin/true"
                        }
                    }
                }
                """);
        assertThat(plan.services()).singleElement().satisfies(vs -> {
            assertThat(vs.scheduler()).isEqualTo("wrr");
            assertThat(vs.realServers().getFirst().checks()).hasSize(2);
        });
        assertThat(plan.notes()).extracting(Diagnostic::message).containsExactly(
                "virtual_server fwmark 1 is not served: firewall marks need the packet engine",
                "virtual_server 127.0.0.1 53 is not served: protocol SCTP (the NAT proxy serves TCP and UDP)",
                "virtual_server 127.0.0.1 80: lb_algo 'lblcr' is not available yet; balancing with wrr (weights kept)");
    }

    @Test
    void httpSslAndMiscCheckersAreMappedWithEverySetting() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 80 {
                    delay_loop 4
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    virtualhost supervision.fr.local
                    real_server 127.0.0.1 9080 {
                        HTTP_GET {
                            url {
                                path /test_vie.php
                                digest 5f1a4b7e269b7f5ddf6bbce06856c1e8
                            }
                            url {
                                path /status
                                status_code 200 301-302
                                virtualhost other.local
                            }
                            connect_timeout 2
                            warmup 0
                        }
                        SSL_GET {
                            url {
                                path /
                            }
                            enable_sni
                            http_protocol 1.1
                        }
                        MISC_CHECK {
                            misc_path "/usr/local/bin/check_ldap.sh -h 127.0.0.1"
                            misc_timeout 3
                            misc_dynamic
                        }
                    }
                }
                """);
        assertThat(plan.notes()).isEmpty();
        var checks = plan.services().getFirst().realServers().getFirst().checks();
        var http = (org.bascule.health.HttpCheckSpec) checks.get(0);
        assertThat(http.tls()).isFalse();
        assertThat(http.connectTimeout()).hasSeconds(2);
        assertThat(http.timing().warmup()).isZero();
        assertThat(http.timing().delayBeforeRetry()).hasSeconds(3);
        assertThat(http.urls()).extracting(u -> u.path() + " " + u.digest().orElse("-") + " " + u.statusCodes() + " "
                + u.virtualhost().orElse("-")).containsExactly(
                "/test_vie.php 5f1a4b7e269b7f5ddf6bbce06856c1e8 200-299 supervision.fr.local",
                "/status - 200 301-302 other.local");
        var ssl = (org.bascule.health.HttpCheckSpec) checks.get(1);
        assertThat(ssl.tls()).isTrue();
        assertThat(ssl.enableSni()).isTrue();
        assertThat(ssl.version()).isEqualTo(org.bascule.health.http.HttpVersion.HTTP_1_1);
        assertThat(ssl.timing().warmup()).hasSeconds(4); // keepalived: warmup defaults to delay_loop
        var misc = (org.bascule.health.MiscCheckSpec) checks.get(2);
        assertThat(misc.script()).isEqualTo("/usr/local/bin/check_ldap.sh -h 127.0.0.1");
        assertThat(misc.timeout()).hasSeconds(3);
        assertThat(misc.dynamic()).isTrue();
        assertThat(misc.timing().retry()).isZero();
    }

    @Test
    void quorumSorryServerAndScriptsOfTheTutorial() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 80 {
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    quorum 30
                    hysteresis 2
                    quorum_up "/usr/local/bin/notify.pl qourum up"
                    quorum_down "/usr/local/bin/start_spare_vm.pl"
                    sorry_server 127.0.0.55 80
                    sorry_server_inhibit
                    omega
                    real_server 127.0.0.1 9080 {
                        weight 20
                        notify_up "/bin/echo up"
                        notify_down /bin/false
                    }
                    real_server 127.0.0.2 9080 {
                        weight 20
                    }
                }
                """);
        VirtualServiceSpec vs = plan.services().getFirst();
        assertThat(vs.quorum().quorum()).isEqualTo(30);
        assertThat(vs.quorum().hysteresis()).isEqualTo(2);
        assertThat(vs.quorum().up()).map(s -> s.command()).contains("/usr/local/bin/notify.pl qourum up");
        assertThat(vs.quorum().down()).map(s -> s.command()).contains("/usr/local/bin/start_spare_vm.pl");
        assertThat(vs.sorryServer()).contains(new InetSocketAddress("127.0.0.55", 80));
        assertThat(vs.sorryInhibit()).isTrue();
        assertThat(vs.omega()).isTrue();
        assertThat(vs.realServers().getFirst().notifyUp()).map(s -> s.command()).contains("/bin/echo up");
        assertThat(vs.realServers().getFirst().notifyDown()).map(s -> s.command()).contains("/bin/false");
        assertThat(plan.notes()).extracting(Diagnostic::message).containsExactly(
                "virtual_server 127.0.0.1 80: hysteresis 2 is the minimum weight change between quorum_down and quorum_up"
                        + " (quorum 30: down below 30, up again 2 above the weight it went down at), as the source document"
                        + " describes; keepalived 2.2 instead goes down below 28 and up at 32");
    }

    @Test
    void aQuorumAboveTheTotalWeightIsLoweredAsKeepalivedDoes() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 80 {
                    lb_algo wrr
                    lb_kind NAT
                    protocol TCP
                    quorum 50
                    real_server 127.0.0.1 9080 {
                        weight 3
                    }
                }
                """);
        // the parser already lowers it (with its own warning); the plan serves it lowered
        assertThat(plan.services().getFirst().quorum().quorum()).isEqualTo(3);
    }

    @Test
    void udpVirtualServersAreServedByTheFlowTable() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 53 {
                    lb_algo rr
                    lb_kind NAT
                    protocol UDP
                    real_server 127.0.0.1 9053 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """);
        assertThat(plan.notes()).isEmpty();
        assertThat(plan.services()).singleElement().satisfies(vs -> assertThat(vs.address())
                .isEqualTo(new org.bascule.l4.table.ServiceAddress.Endpoint(org.bascule.l4.table.L4Protocol.UDP,
                        new InetSocketAddress("127.0.0.1", 53))));
    }

    @Test
    void schedulersFlagsAndPersistenceAreServed() {
        L4Plan plan = plan("""
                virtual_server 127.0.0.1 80 {
                    lb_algo mh
                    mh-port
                    mh-fallback
                    persistence_timeout 120
                    persistence_granularity 255.255.255.0
                    protocol TCP
                    real_server 127.0.0.1 9080 {
                    }
                }
                virtual_server 127.0.0.1 81 {
                    lvs_sched sh
                    sh-port
                    protocol TCP
                    real_server 127.0.0.1 9081 {
                    }
                }
                virtual_server 127.0.0.1 82 {
                    lb_algo twos
                    persistence_timeout
                    protocol TCP
                    real_server 127.0.0.1 9082 {
                    }
                    real_server 127.0.0.1 9083 {
                        uthreshold 100
                    }
                }
                """);
        assertThat(plan.notes()).extracting(Diagnostic::message).containsExactly(
                "real_server 127.0.0.1:9083: uthreshold/lthreshold are not applied yet (IPVS's overload flag);"
                        + " the server takes connections without a limit");
        assertThat(plan.services()).hasSize(3);
        var mh = plan.services().get(0);
        assertThat(mh.scheduler()).isEqualTo("mh");
        assertThat(mh.schedulerFlags()).containsExactlyInAnyOrder(SchedulerFlag.PORT, SchedulerFlag.FALLBACK);
        assertThat(mh.persistence()).contains(PersistenceSettings.of(java.time.Duration.ofSeconds(120))
                .withGranularity(ClientGranularity.parse("255.255.255.0")));
        var sh = plan.services().get(1);
        assertThat(sh.scheduler()).isEqualTo("sh");
        assertThat(sh.schedulerFlags()).containsExactly(SchedulerFlag.PORT);
        assertThat(sh.persistence()).isEmpty();
        var twos = plan.services().get(2);
        assertThat(twos.scheduler()).isEqualTo("twos");
        assertThat(twos.persistence()).contains(PersistenceSettings.of(java.time.Duration.ofSeconds(360)));
    }
}
