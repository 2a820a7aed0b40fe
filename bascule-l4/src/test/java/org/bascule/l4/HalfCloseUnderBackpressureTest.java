package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A client that sends 16 MiB, shuts its sending side and reads the echo more slowly than it
 * comes: its FIN reaches the proxy while the proxy still has the echo to write to it, paused for
 * backpressure. Every byte must arrive. Repeated, because the loss this guards against (Netty
 * 4.2.13-4.2.18's epoll dropping a half-closed descriptor from its interest set, see
 * {@link L4Transport}) struck about one run in four.
 */
class HalfCloseUnderBackpressureTest {

    private static final byte[] PAYLOAD = new byte[16 * 1024 * 1024];

    static {
        new Random(7).nextBytes(PAYLOAD);
    }

    @RepeatedTest(20)
    void everyByteOfTheEchoArrivesAfterTheClientsFin() throws Exception {
        try (var f = new L4Fixture()) {
            EchoServer a = f.server("a");
            f.start(VirtualServiceSpec.nat(L4Fixture.ANY_LOOPBACK_PORT, "rr", List.of(RealServerSpec.of(a.address(), 1))));
            try (TcpClient c = new TcpClient(f.vip())) {
                var writer = CompletableFuture.runAsync(() -> {
                    try {
                        c.send(PAYLOAD);
                        c.shutdownOutput();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofVirtual().start(r));
                byte[] back = c.readToEnd();
                writer.get(30, TimeUnit.SECONDS);
                assertThat(back.length).as("bytes echoed back").isEqualTo(PAYLOAD.length);
                assertThat(back).isEqualTo(PAYLOAD);
            }
        }
    }
}
