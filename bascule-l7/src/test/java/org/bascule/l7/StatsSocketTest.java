package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats socket}: closing it really stops listening. The kernel's own table of UNIX sockets
 * ({@code /proc/net/unix}, which lists a bound socket by path even after its file is unlinked)
 * must no longer hold a listener for the path, a connect must fail, and the file must be gone.
 * HAProxy 2.6.12 leaves the (dead) file behind on exit and replaces it at the next start;
 * Bascule removes it, so no stale file suggests a running process.
 */
class StatsSocketTest {

    @TempDir
    Path dir;

    @Test
    void closeStopsListeningEveryTime() throws Exception {
        // The race seen on JDK 25 (an accept parked on a virtual thread outliving close) is timing
        // dependent: open and close many times, each time with a client served first.
        for (int i = 0; i < 40; i++) {
            Path path = dir.resolve("stats-" + i + ".sock");
            StatsSocket socket = StatsSocket.open(path, new RuntimeApi(null));
            assertThat(HealthAndRuntimeApiTest.ask(path, "help")).contains("show stat");
            assertThat(listeners(path)).as("listening on %s while open", path).hasSize(1);

            socket.close();

            assertThat(path).doesNotExist();
            assertThat(listeners(path)).as("a socket still listening on %s after close", path).isEmpty();
            assertThatThrownBy(() -> {
                try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    c.connect(UnixDomainSocketAddress.of(path));
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Path path = dir.resolve("twice.sock");
        StatsSocket socket = StatsSocket.open(path, new RuntimeApi(null));
        socket.close();
        socket.close();
        assertThat(listeners(path)).isEmpty();
    }

    /** The kernel's listening UNIX sockets bound to {@code path} (flag __SO_ACCEPTCON, 0x10000). */
    static List<String> listeners(Path path) throws IOException {
        return Files.readAllLines(Path.of("/proc/net/unix")).stream().skip(1)
                .map(String::trim)
                .filter(l -> l.endsWith(" " + path))
                .filter(l -> (Integer.parseInt(l.split("\\s+")[3], 16) & 0x10000) != 0)
                .toList();
    }
}
