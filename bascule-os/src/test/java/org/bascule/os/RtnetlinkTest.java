package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Addresses, routes and link state changed through rtnetlink and checked with iproute2's own eyes. */
class RtnetlinkTest {

    private NetnsLab lab;
    private String a;
    private String b;

    @BeforeEach
    void network() {
        lab = NetnsLab.open("nl");
        a = lab.namespace("a");
        b = lab.namespace("b");
        lab.veth(a, "va", b, "vb");
    }

    @AfterEach
    void cleanUp() {
        lab.close();
    }

    private Rtnetlink netlinkIn(String ns) throws Exception {
        return NetworkNamespace.call(ns, Rtnetlink::open);
    }

    @Test
    void linksReportIndexNameMacAndState() throws Exception {
        try (Rtnetlink nl = netlinkIn(a)) {
            NetworkLink va = nl.requireLink("va");
            String shown = lab.ip(a, "-o", "link", "show", "va");

            assertThat(shown).startsWith(va.index() + ": va@");
            assertThat(shown).contains("link/ether " + va.mac().orElseThrow());
            assertThat(va.isUp()).isTrue();
            assertThat(nl.link(va.index()).map(NetworkLink::name)).contains("va"); // flags may change meanwhile (carrier)
            assertThat(nl.link("lo").orElseThrow().isLoopback()).isTrue();
            assertThat(nl.link("nosuch0")).isEmpty();
            assertThatThrownBy(() -> nl.requireLink("nosuch0")).isInstanceOf(OsException.class)
                    .hasMessageContaining("interface nosuch0: No such device");

            lab.ip(a, "link", "set", "va", "down");
            assertThat(nl.requireLink("va").isUp()).isFalse();
            assertThat(nl.requireLink("va").isRunning()).isFalse();
        }
    }

    @Test
    void addedAddressesAppearInIpAddrAndGoAway() throws Exception {
        try (Rtnetlink nl = netlinkIn(a)) {
            int va = nl.requireLink("va").index();
            LinkAddress vip4 = LinkAddress.of(va, InetAddress.getByName("10.77.2.10"), 24).withLabel("va:vip");
            LinkAddress vip6 = LinkAddress.of(va, InetAddress.getByName("2001:db8:2::10"), 64)
                    .withFlags(EnumSet.of(AddressFlag.NODAD));
            LinkAddress hostScoped = LinkAddress.of(va, InetAddress.getByName("10.77.3.1"), 32).withScope(AddressScope.HOST);

            nl.addAddress(vip4);
            nl.addAddress(vip6);
            nl.addAddress(hostScoped);

            String v4 = lab.ip(a, "-4", "addr", "show", "dev", "va");
            assertThat(v4).contains("inet 10.77.2.10/24 scope global va:vip");
            assertThat(v4).contains("inet 10.77.3.1/32 scope host va");
            String v6 = lab.ip(a, "-6", "addr", "show", "dev", "va");
            assertThat(v6).contains("inet6 2001:db8:2::10/64 scope global nodad");
            assertThat(v6.lines().filter(l -> l.contains("2001:db8:2::10"))).singleElement().asString()
                    .doesNotContain("tentative");

            List<LinkAddress> listed = nl.addresses(va);
            assertThat(listed).anySatisfy(x -> {
                assertThat(x.sameAs(vip4)).isTrue();
                assertThat(x.label()).contains("va:vip");
            });
            assertThat(listed).anySatisfy(x -> {
                assertThat(x.sameAs(vip6)).isTrue();
                assertThat(x.flags()).contains(AddressFlag.NODAD);
            });

            assertThatThrownBy(() -> nl.addAddress(vip4))
                    .isInstanceOfSatisfying(OsException.class, e -> assertThat(e.alreadyExists()).isTrue())
                    .hasMessageContaining("RTM_NEWADDR 10.77.2.10/24");

            nl.deleteAddress(vip4);
            nl.deleteAddress(vip6);
            assertThat(lab.ip(a, "addr", "show", "dev", "va")).doesNotContain("10.77.2.10").doesNotContain("2001:db8:2::10");
            assertThatThrownBy(() -> nl.deleteAddress(vip4))
                    .isInstanceOfSatisfying(OsException.class, e -> assertThat(e.notFound()).isTrue())
                    .hasMessageContaining("RTM_DELADDR");
        }
    }

    @Test
    void addedRoutesAppearInIpRouteAndGoAway() throws Exception {
        lab.ip(a, "addr", "add", "10.77.4.1/24", "dev", "va");
        lab.ip(a, "addr", "add", "2001:db8:4::1/64", "dev", "va", "nodad");
        try (Rtnetlink nl = netlinkIn(a)) {
            int va = nl.requireLink("va").index();
            Route viaGateway = Route.to(InetAddress.getByName("10.77.50.0"), 24)
                    .via(InetAddress.getByName("10.77.4.2")).dev(va).metric(10);
            Route inTable = Route.to(InetAddress.getByName("10.77.51.0"), 24).dev(va).table(100)
                    .src(InetAddress.getByName("10.77.4.1"));
            Route blackhole = Route.to(InetAddress.getByName("10.77.52.0"), 24).type(RouteType.BLACKHOLE);
            Route v6 = Route.to(InetAddress.getByName("2001:db8:50::"), 48).via(InetAddress.getByName("2001:db8:4::2")).dev(va);

            nl.addRoute(viaGateway);
            nl.addRoute(inTable);
            nl.addRoute(blackhole);
            nl.addRoute(v6);

            assertThat(lab.ip(a, "route", "show"))
                    .contains("10.77.50.0/24 via 10.77.4.2 dev va proto static metric 10")
                    .contains("blackhole 10.77.52.0/24 proto static");
            assertThat(lab.ip(a, "route", "show", "table", "100"))
                    .contains("10.77.51.0/24 dev va proto static scope link src 10.77.4.1");
            assertThat(lab.ip(a, "-6", "route", "show")).contains("2001:db8:50::/48 via 2001:db8:4::2 dev va proto static");

            assertThat(nl.routes(Route.MAIN)).anySatisfy(r -> {
                assertThat(r.destination()).isEqualTo(InetAddress.getByName("10.77.50.0"));
                assertThat(r.prefixLength()).isEqualTo(24);
                assertThat(r.gateway()).contains(InetAddress.getByName("10.77.4.2"));
                assertThat(r.metric()).hasValue(10);
            });
            assertThat(nl.routes(100)).singleElement().satisfies(r -> {
                assertThat(r.destination()).isEqualTo(InetAddress.getByName("10.77.51.0"));
                assertThat(r.preferredSource()).contains(InetAddress.getByName("10.77.4.1"));
            });

            assertThatThrownBy(() -> nl.addRoute(viaGateway)).isInstanceOfSatisfying(OsException.class,
                    e -> assertThat(e.alreadyExists()).isTrue());
            assertThatThrownBy(() -> nl.addRoute(Route.to(InetAddress.getByName("10.77.53.0"), 24)
                    .via(InetAddress.getByName("10.77.99.1")).dev(va)))
                    .isInstanceOf(OsException.class)
                    .hasMessageContaining("RTM_NEWROUTE 10.77.53.0/24 via 10.77.99.1")
                    .hasMessageContaining("kernel: Nexthop has invalid gateway");

            nl.deleteRoute(viaGateway);
            nl.deleteRoute(inTable);
            nl.deleteRoute(blackhole);
            nl.deleteRoute(v6);
            assertThat(lab.ip(a, "route", "show", "table", "all")).doesNotContain("10.77.50.0").doesNotContain("10.77.51.0")
                    .doesNotContain("10.77.52.0").doesNotContain("2001:db8:50::");
            assertThatThrownBy(() -> nl.deleteRoute(viaGateway)).isInstanceOfSatisfying(OsException.class,
                    e -> assertThat(e.notFound()).isTrue());
        }
    }

    @Test
    void oneHandleServesManyThreadsAtOnce() throws Exception {
        try (Rtnetlink nl = netlinkIn(a)) {
            int expected = nl.links().size();
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 40; i++) {
                    answers.add(pool.submit(() -> {
                        nl.addresses();
                        return nl.links().size();
                    }));
                }
                for (var answer : answers) {
                    assertThat(answer.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void linkMonitorSeesTheLinkGoDownAndUp() throws Exception {
        try (LinkMonitor monitor = NetworkNamespace.call(a, LinkMonitor::open)) {
            lab.ip(a, "link", "set", "va", "down");
            Optional<LinkEvent> down = awaitLink(monitor, "va", false);
            lab.ip(a, "link", "set", "va", "up");
            Optional<LinkEvent> up = awaitLink(monitor, "va", true);
            lab.ip(b, "link", "set", "vb", "down"); // the peer loses carrier: va stays up but not running
            Optional<LinkEvent> noCarrier = awaitRunning(monitor, "va", false);

            assertThat(down).isPresent();
            assertThat(up).isPresent();
            assertThat(noCarrier).hasValueSatisfying(e -> assertThat(e.link().isUp()).isTrue());
        }
    }

    private static Optional<LinkEvent> awaitLink(LinkMonitor monitor, String name, boolean up) throws OsException {
        return await(monitor, e -> e.link().name().equals(name) && e.link().isUp() == up);
    }

    private static Optional<LinkEvent> awaitRunning(LinkMonitor monitor, String name, boolean running) throws OsException {
        return await(monitor, e -> e.link().name().equals(name) && e.link().isRunning() == running);
    }

    private static Optional<LinkEvent> await(LinkMonitor monitor, java.util.function.Predicate<LinkEvent> wanted)
            throws OsException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<LinkEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Optional<LinkEvent> e = monitor.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e.isPresent()) {
                seen.add(e.get());
                if (wanted.test(e.get())) {
                    return e;
                }
            }
        }
        System.err.println("events seen: " + seen);
        return Optional.empty();
    }
}
