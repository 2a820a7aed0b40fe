package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.Optional;
import org.bascule.os.IoInterface;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** BASCULE_TRANSPORT for the L7 tier: the default order, and a forced transport taken when available (names: IoInterfaceTest). */
class TransportTest {

    @Test
    void defaultIsTheFirstAvailableOfIoUringEpollNio() {
        Transport expected = IoUring.isAvailable() ? Transport.IO_URING : Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO;
        assertThat(Transport.choose(Optional.empty())).isEqualTo(expected);
    }

    @Test
    void aForcedTransportIsTakenWhenAvailable() {
        assertThat(Transport.choose(Optional.of(IoInterface.NIO))).isEqualTo(Transport.NIO);
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        assertThat(Transport.choose(Optional.of(IoInterface.EPOLL))).isEqualTo(Transport.EPOLL);
    }

    @Test
    void ioUringIsAvailableOnThisKernel() {
        // The machine's kernel allows io_uring (io_uring_disabled=0); where it does not, say why.
        Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring unavailable: " + IoUring.unavailabilityCause());
        assertThat(Transport.choose(Optional.of(IoInterface.IO_URING))).isEqualTo(Transport.IO_URING);
    }
}
