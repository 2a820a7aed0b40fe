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
                    protocol UDP
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
            assertThat(vs.realServers().getFirst().checks()).singleElement()
                    .isInstanceOfSatisfying(TcpCheckSpec.class,
                            c -> assertThat(c.connectTo()).isEqualTo(new InetSocketAddress("127.0.0.1", 9080)));
        });
        assertThat(plan.notes()).extracting(Diagnostic::message).containsExactly(
                "virtual_server fwmark 1 is not served: firewall marks need the packet engine",
                "virtual_server 127.0.0.1 53 is not served: protocol UDP needs the UDP flow table, not built yet (only TCP is proxied)",
                "virtual_server 127.0.0.1 80: lb_algo 'lblcr' is not available yet; balancing with wrr (weights kept)",
                "HTTP_GET is not run by this version: real_server 127.0.0.1:9080 is checked with a TCP connect to 127.0.0.1:9080 instead",
                "MISC_CHECK is not run by this version: it does not take real_server 127.0.0.1:9080 out (its other checkers still do)");
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
