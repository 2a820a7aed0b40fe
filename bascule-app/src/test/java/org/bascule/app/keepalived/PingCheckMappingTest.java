package org.bascule.app.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.bascule.config.ParseResult;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.KeepalivedParser;
import org.bascule.health.Checker;
import org.bascule.health.PingCheckSpec;
import org.bascule.health.PingChecker;
import org.junit.jupiter.api.Test;

/** keepalived's PING_CHECK becomes a PingCheckSpec with every keyword kept, run by the PingChecker. */
class PingCheckMappingTest {

    @Test
    void pingCheckKeepsAddressesTimeoutAndTimers() throws Exception {
        ParseResult<KeepalivedConfig> parsed = KeepalivedParser.parse("test.conf", """
                virtual_server 127.0.0.1 8080 {
                    delay_loop 4
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 127.0.0.1 9001 {
                        PING_CHECK {
                            connect_ip 127.0.0.2
                            bindto 127.0.0.1
                            connect_timeout 2
                            retry 3
                            delay_before_retry 0.5
                        }
                    }
                }
                """);
        assertThat(parsed.errors()).as(parsed.formatDiagnostics()).isEmpty();

        L4Plan plan = VirtualServerMapping.plan(parsed.config());

        assertThat(plan.notes()).isEmpty();
        PingCheckSpec ping = (PingCheckSpec) plan.services().getFirst().realServers().getFirst().checks().getFirst();
        assertThat(ping.connectIp()).isEqualTo(InetAddress.getByName("127.0.0.2"));
        assertThat(ping.bindTo()).contains(InetAddress.getByName("127.0.0.1"));
        assertThat(ping.connectTimeout()).hasSeconds(2);
        assertThat(ping.timing().delayLoop()).hasSeconds(4);
        assertThat(ping.timing().retry()).isEqualTo(3);
        assertThat(ping.timing().delayBeforeRetry()).hasMillis(500);
        assertThat(ping.label()).isEqualTo("PING_CHECK 127.0.0.2");
        assertThat(Checker.forSpec(ping)).isInstanceOf(PingChecker.class);
    }
}
