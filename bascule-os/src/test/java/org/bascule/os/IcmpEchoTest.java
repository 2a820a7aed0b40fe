package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ICMP and ICMPv6 echo between two namespaces: the peer's kernel answers; an unused address does not. */
class IcmpEchoTest {

    private NetnsLab lab;
    private String a;
    private String b;

    @BeforeEach
    void network() {
        lab = NetnsLab.open("ping");
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "va", b, "vb");
        lab.ip(a, "addr", "add", "10.77.7.1/24", "dev", "va");
        lab.ip(b, "addr", "add", "10.77.7.2/24", "dev", "vb");
        lab.ip(a, "addr", "add", "2001:db8:7::1/64", "dev", "va", "nodad");
        lab.ip(b, "addr", "add", "2001:db8:7::2/64", "dev", "vb", "nodad");
    }

    @AfterEach
    void cleanUp() {
        lab.close();
    }

    @Test
    void ipv4EchoIsAnsweredByThePeer() throws Exception {
        EchoResult r = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("10.77.7.2"), Duration.ofSeconds(3)));
        assertThat(r).isInstanceOfSatisfying(EchoResult.Reply.class, reply -> {
            assertThat(reply.from()).isEqualTo(addr("10.77.7.2"));
            assertThat(reply.ttl()).isEqualTo(64);
            assertThat(reply.roundTrip()).isLessThan(Duration.ofSeconds(3));
        });
    }

    @Test
    void ipv6EchoIsAnsweredByThePeer() throws Exception {
        EchoResult r = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("2001:db8:7::2"), Duration.ofSeconds(3)));
        assertThat(r).isInstanceOfSatisfying(EchoResult.Reply.class, reply -> {
            assertThat(reply.from()).isEqualTo(addr("2001:db8:7::2"));
            assertThat(reply.ttl()).isEqualTo(64);
        });
    }

    @Test
    void throughADeviceFromASource() throws Exception {
        EchoResult r = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("10.77.7.2"), Duration.ofSeconds(3),
                Optional.of("va"), Optional.of(InetAddress.getByName("10.77.7.1"))));
        assertThat(r).isInstanceOf(EchoResult.Reply.class);
    }

    @Test
    void anUnusedAddressFailsWithinTheTimeout() throws Exception {
        long start = System.nanoTime();
        EchoResult v4 = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("10.77.7.99"), Duration.ofSeconds(1)));
        EchoResult v6 = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("2001:db8:7::99"), Duration.ofSeconds(1)));
        assertThat(v4).isNotInstanceOf(EchoResult.Reply.class);
        assertThat(v6).isNotInstanceOf(EchoResult.Reply.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anAddressWithoutRouteIsUnreachableAtOnce() throws Exception {
        EchoResult r = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("10.77.200.1"), Duration.ofSeconds(1)));
        assertThat(r).isInstanceOfSatisfying(EchoResult.Unreachable.class,
                u -> assertThat(u.reason()).contains("Network is unreachable"));
    }

    @Test
    void aHostUnreachableFromTheRouterIsReported() throws Exception {
        // b routes 10.77.8.0/24 to nowhere with "unreachable": its kernel answers a's echo with ICMP host unreachable
        lab.ip(a, "route", "add", "10.77.8.0/24", "via", "10.77.7.2");
        lab.ip(b, "route", "add", "unreachable", "10.77.8.0/24");
        NetnsLab.run("ip", "netns", "exec", b, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        EchoResult r = NetworkNamespace.call(a, () -> IcmpEcho.ping(InetAddress.getByName("10.77.8.1"), Duration.ofSeconds(3)));
        assertThat(r).isInstanceOfSatisfying(EchoResult.Unreachable.class, u -> {
            assertThat(u.reportedBy()).contains(addr("10.77.7.2"));
            assertThat(u.reason()).isEqualTo("host unreachable");
        });
    }

    private static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
