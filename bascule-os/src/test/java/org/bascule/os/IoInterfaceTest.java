package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** BASCULE_TRANSPORT's names, and a clear refusal of a bad one. */
class IoInterfaceTest {

    @Test
    void namesAreReadCaseInsensitively() {
        assertThat(IoInterface.parse("io_uring")).isEqualTo(IoInterface.IO_URING);
        assertThat(IoInterface.parse(" IO-URING ")).isEqualTo(IoInterface.IO_URING);
        assertThat(IoInterface.parse("uring")).isEqualTo(IoInterface.IO_URING);
        assertThat(IoInterface.parse("Epoll")).isEqualTo(IoInterface.EPOLL);
        assertThat(IoInterface.parse("nio")).isEqualTo(IoInterface.NIO);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheVariableAndTheChoices() {
        assertThatThrownBy(() -> IoInterface.parse("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BASCULE_TRANSPORT=kqueue: unknown transport, expected io_uring, epoll or nio");
    }
}
