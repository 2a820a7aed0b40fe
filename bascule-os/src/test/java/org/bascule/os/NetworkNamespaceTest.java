package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetworkNamespaceTest {

    private static String netnsOfThread() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void callRunsInsideAndTheCallerStaysOutside() throws Exception {
        try (NetnsLab lab = NetnsLab.open("ns")) {
            String a = lab.namespace("a");
            lab.ip(a, "link", "add", "marker0", "type", "veth", "peer", "name", "marker1");
            String outside = netnsOfThread();

            String inside = NetworkNamespace.call(a, NetworkNamespaceTest::netnsOfThread);
            boolean seesMarker = NetworkNamespace.call(a, () -> {
                try (Rtnetlink nl = Rtnetlink.open()) {
                    return nl.link("marker0").isPresent();
                }
            });

            assertThat(inside).isNotEqualTo(outside);
            assertThat(netnsOfThread()).isEqualTo(outside);
            assertThat(seesMarker).isTrue();
            try (Rtnetlink nl = Rtnetlink.open()) {
                assertThat(nl.link("marker0")).as("the marker link lives only in the namespace").isEmpty();
            }
        }
    }

    @Test
    void enterAndLeaveOnTheSameThread() throws Exception {
        try (NetnsLab lab = NetnsLab.open("ns2")) {
            String a = lab.namespace("a");
            String before = netnsOfThread();
            Thread t = Thread.ofPlatform().start(() -> {
                try (NetworkNamespace.Entered e = NetworkNamespace.enter(a)) {
                    assertThat(netnsOfThread()).isNotEqualTo(before);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                try {
                    assertThat(netnsOfThread()).isEqualTo(before);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
    }

    @Test
    void startRunsALongLivedThreadInsideAndTaskExceptionsComeBackAsThemselves() throws Exception {
        try (NetnsLab lab = NetnsLab.open("ns3")) {
            String a = lab.namespace("a");
            String expected = NetworkNamespace.call(a, NetworkNamespaceTest::netnsOfThread);
            java.util.concurrent.atomic.AtomicReference<String> seen = new java.util.concurrent.atomic.AtomicReference<>();
            Thread node = NetworkNamespace.start(a, "node-a", () -> {
                try {
                    seen.set(netnsOfThread());
                } catch (Exception e) {
                    seen.set(e.toString());
                }
            });
            node.join(10_000);

            assertThat(seen.get()).isEqualTo(expected);
            assertThat(node.getName()).isEqualTo("node-a");
            assertThatThrownBy(() -> NetworkNamespace.call(a, () -> {
                throw new java.io.FileNotFoundException("inside");
            })).isInstanceOf(java.io.FileNotFoundException.class).hasMessage("inside");
        }
    }

    @Test
    void refusesVirtualThreadsAndMissingNamespaces() throws Exception {
        Thread v = Thread.ofVirtual().unstarted(() -> assertThatThrownBy(() -> NetworkNamespace.enter("whatever"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual thread"));
        v.start();
        v.join(10_000);
        assertThatThrownBy(() -> NetworkNamespace.call("bos-no-such-namespace", () -> 1))
                .isInstanceOf(OsException.class)
                .hasMessageContaining("/var/run/netns/bos-no-such-namespace")
                .hasMessageContaining("No such file or directory");
        assertThatThrownBy(() -> NetworkNamespace.path("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
