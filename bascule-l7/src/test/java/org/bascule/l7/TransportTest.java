package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** BASCULE_TRANSPORT: the names it takes, the default order, and a clear refusal of a bad value. */
class TransportTest {

    @Test
    void namesAreParsedCaseInsensitively() {
        assertThat(Transport.parse("io_uring")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.parse("IO-URING")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.parse("Epoll")).isEqualTo(Transport.EPOLL);
        assertThat(Transport.parse("nio")).isEqualTo(Transport.NIO);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Transport.choose("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BASCULE_TRANSPORT=kqueue")
                .hasMessageContaining("io_uring, epoll or nio");
    }

    @Test
    void defaultIsTheFirstAvailableOfIoUringEpollNio() {
        Transport expected = IoUring.isAvailable() ? Transport.IO_URING : Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO;
        assertThat(Transport.choose(null)).isEqualTo(expected);
        assertThat(Transport.choose(" ")).isEqualTo(expected);
    }

    @Test
    void aForcedTransportIsTakenWhenAvailable() {
        assertThat(Transport.choose("nio")).isEqualTo(Transport.NIO);
        Assumptions.assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        assertThat(Transport.choose("epoll")).isEqualTo(Transport.EPOLL);
    }

    @Test
    void ioUringIsAvailableOnThisKernel() {
        // The machine's kernel allows io_uring (io_uring_disabled=0); where it does not, say why.
        Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring unavailable: " + IoUring.unavailabilityCause());
        assertThat(Transport.choose("io_uring")).isEqualTo(Transport.IO_URING);
    }
}
