package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bascule.l7.spec.Balance;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.HashType;
import org.bascule.l7.spec.ServerSpec;
import org.junit.jupiter.api.Test;

/** The {@code balance} algorithms with HAProxy's semantics, on a backend without traffic. */
class BalanceTest {

    private static LiveBackend backend(Balance balance, HashType hash, ServerSpec... servers) {
        BackendSpec spec = BackendSpec.of("bk", List.of(servers)).withBalance(balance);
        spec = new BackendSpec(spec.name(), spec.mode(), balance, hash, spec.servers(), spec.forwardFor(), spec.redispatch(),
                spec.retries(), spec.timeouts(), spec.reuse(), spec.healthCheck(), spec.allBackups(), spec.requestRules(),
                spec.responseRules(), spec.bufferRequest());
        return new LiveBackend(spec);
    }

    private static ServerSpec srv(String name, int weight) {
        return ServerSpec.of(name, new InetSocketAddress("127.0.0.1", 8000 + name.charAt(0))).withWeight(weight);
    }

    private static PickKey key(String client, String path, Map<String, String> headers) throws Exception {
        return new PickKey(InetAddress.getByName(client), path, "", h -> Optional.ofNullable(headers.get(h.toLowerCase())));
    }

    private static List<String> picks(LiveBackend b, int n, PickKey k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(((LiveBackend.Choice.Picked) b.pick(k, Set.of())).server().name());
        }
        return out;
    }

    @Test
    void roundRobinInterleavesByWeight() throws Exception {
        LiveBackend b = backend(new Balance.RoundRobin(), HashType.MAP_BASED, srv("a", 3), srv("b", 1));
        assertThat(picks(b, 8, key("10.0.0.1", "/", Map.of()))).containsExactly("a", "a", "b", "a", "a", "a", "b", "a");
        b.server("b").orElseThrow().setWeight(3);
        Map<String, Long> counts = count(picks(b, 600, key("10.0.0.1", "/", Map.of())));
        assertThat(counts.get("a")).isEqualTo(300);
    }

    @Test
    void staticRoundRobinWalksAFixedTable() throws Exception {
        LiveBackend b = backend(new Balance.StaticRoundRobin(), HashType.MAP_BASED, srv("a", 2), srv("b", 1));
        assertThat(picks(b, 6, key("10.0.0.1", "/", Map.of()))).containsExactly("a", "b", "a", "a", "b", "a");
    }

    @Test
    void leastConnPrefersTheLeastLoadedRelativeToWeight() throws Exception {
        LiveBackend b = backend(new Balance.LeastConn(), HashType.MAP_BASED, srv("a", 1), srv("b", 2));
        b.server("a").orElseThrow().active.set(2);
        b.server("b").orElseThrow().active.set(3);
        // a: 2/1 = 2, b: 3/2 = 1.5
        assertThat(picks(b, 3, key("10.0.0.1", "/", Map.of()))).containsOnly("b");
    }

    @Test
    void firstFillsServersInOrderUpToMaxconn() throws Exception {
        LiveBackend b = backend(new Balance.First(), HashType.MAP_BASED, srv("a", 1).withMaxconn(2), srv("b", 1).withMaxconn(2));
        assertThat(picks(b, 3, key("10.0.0.1", "/", Map.of()))).containsOnly("a");
        b.server("a").orElseThrow().active.set(2);
        assertThat(picks(b, 2, key("10.0.0.1", "/", Map.of()))).containsOnly("b");
        b.server("b").orElseThrow().active.set(2);
        assertThat(b.pick(key("10.0.0.1", "/", Map.of()), Set.of())).isInstanceOf(LiveBackend.Choice.Full.class);
    }

    @Test
    void sourceUriAndHeaderHashesAreSticky() throws Exception {
        for (HashType type : HashType.values()) {
            LiveBackend src = backend(new Balance.Source(), type, srv("a", 1), srv("b", 1), srv("c", 1));
            Set<String> spread = new java.util.HashSet<>();
            for (int i = 1; i < 40; i++) {
                List<String> same = picks(src, 5, key("10.0.0." + i, "/", Map.of()));
                assertThat(Set.copyOf(same)).hasSize(1);
                spread.add(same.getFirst());
            }
            assertThat(spread).as("40 clients over 3 servers (%s)", type).hasSize(3);
            LiveBackend uri = backend(new Balance.Uri(0, 0, false), type, srv("a", 1), srv("b", 1), srv("c", 1));
            assertThat(Set.copyOf(picks(uri, 5, key("10.0.0.1", "/img/logo.png", Map.of())))).hasSize(1);
            LiveBackend hdr = backend(new Balance.Header("X-User"), type, srv("a", 1), srv("b", 1), srv("c", 1));
            assertThat(Set.copyOf(picks(hdr, 5, key("10.0.0.1", "/", Map.of("x-user", "alice"))))).hasSize(1);
            // No header: round robin, as HAProxy.
            assertThat(Set.copyOf(picks(hdr, 3, key("10.0.0.1", "/", Map.of())))).hasSize(3);
        }
    }

    @Test
    void consistentHashingMovesOnlyTheKeysOfARemovedServer() throws Exception {
        LiveBackend b = backend(new Balance.Source(), HashType.CONSISTENT, srv("a", 1), srv("b", 1), srv("c", 1));
        Map<Integer, String> before = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            before.put(i, picks(b, 1, key("10.0." + (i / 250) + "." + (i % 250), "/", Map.of())).getFirst());
        }
        b.server("c").orElseThrow().setAdmin(AdminState.MAINT);
        for (int i = 0; i < 200; i++) {
            String now = picks(b, 1, key("10.0." + (i / 250) + "." + (i % 250), "/", Map.of())).getFirst();
            if (!before.get(i).equals("c")) {
                assertThat(now).as("client %d", i).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void uriLenAndDepthTrimTheKey() {
        PickKey k = new PickKey(InetAddress.getLoopbackAddress(), "/a/b/c/d", "x=1", h -> Optional.empty());
        assertThat(org.bascule.l7.balance.PickersAccess.uriKey(k, new Balance.Uri(0, 2, false))).isEqualTo("/a/b");
        assertThat(org.bascule.l7.balance.PickersAccess.uriKey(k, new Balance.Uri(4, 0, false))).isEqualTo("/a/b");
        assertThat(org.bascule.l7.balance.PickersAccess.uriKey(k, new Balance.Uri(0, 0, true))).isEqualTo("/a/b/c/d?x=1");
    }

    @Test
    void randomTwoDrawsAvoidsTheBusierServer() throws Exception {
        LiveBackend b = backend(new Balance.Random(2), HashType.MAP_BASED, srv("a", 1), srv("b", 1));
        b.server("a").orElseThrow().active.set(50);
        Map<String, Long> counts = count(picks(b, 400, key("10.0.0.1", "/", Map.of())));
        // b wins unless both draws hit a (1 in 4).
        assertThat(counts.get("b")).isBetween(250L, 350L);
    }

    @Test
    void backupsOnlyWhenNoActiveServerIsUsable() throws Exception {
        LiveBackend b = backend(new Balance.RoundRobin(), HashType.MAP_BASED, srv("a", 1), srv("b", 1).withBackup(true),
                srv("c", 1).withBackup(true));
        assertThat(picks(b, 3, key("10.0.0.1", "/", Map.of()))).containsOnly("a");
        b.server("a").orElseThrow().setHealth(false, org.bascule.health.CheckResult.initial());
        assertThat(picks(b, 3, key("10.0.0.1", "/", Map.of()))).containsOnly("b");
        assertThat(b.usableServers()).isEqualTo(2);
    }

    private static Map<String, Long> count(List<String> picks) {
        Map<String, Long> m = new HashMap<>();
        picks.forEach(p -> m.merge(p, 1L, Long::sum));
        return m;
    }
}
