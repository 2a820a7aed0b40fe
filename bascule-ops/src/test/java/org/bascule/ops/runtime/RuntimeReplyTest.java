package org.bascule.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The status line, both ways. */
class RuntimeReplyTest {

    @Test
    void okCarriesTheBody() {
        RuntimeReply reply = RuntimeReply.ok("line 1\nline 2\n");
        assertThat(reply.format()).isEqualTo("OK\nline 1\nline 2\n");
        assertThat(RuntimeReply.parse(reply.format())).isEqualTo(reply);
        assertThat(RuntimeReply.parse("OK")).isEqualTo(RuntimeReply.ok(""));
    }

    @Test
    void errorCarriesStatusAndOneLineMessage() {
        RuntimeReply reply = RuntimeReply.error(2, "unknown command 'xyz' (expected: help, ipvsadm)");
        assertThat(reply.format()).isEqualTo("ERR 2 unknown command 'xyz' (expected: help, ipvsadm)\n");
        assertThat(RuntimeReply.parse(reply.format())).isEqualTo(reply);
        assertThat(RuntimeReply.error(1, "two\nlines").format()).isEqualTo("ERR 1 two lines\n");
        assertThat(RuntimeReply.parse("ERR 255 x\nmore\n")).isEqualTo(new RuntimeReply(255, "x", "more\n"));
    }

    @Test
    void malformedStatusLines() {
        for (String bad : new String[] {"", "ok\n", "ERR\n", "ERR 0 zero\n", "ERR 256 big\n", "ERR x msg\n", "ERROR 1 x\n", "OKAY\n"}) {
            assertThatThrownBy(() -> RuntimeReply.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(expected: OK [warning] or ERR <1-255> <message>)");
        }
    }

    @Test
    void anOkReplyMayCarryAWarningForStandardError() {
        RuntimeReply reply = RuntimeReply.ok("", "warning: Route forwarding is served as NAT (Masq) until the packet engine exists");
        assertThat(reply.format()).isEqualTo("OK warning: Route forwarding is served as NAT (Masq) until the packet engine exists\n");
        assertThat(RuntimeReply.parse(reply.format())).isEqualTo(reply);
        assertThat(reply.isOk()).isTrue();
        assertThat(RuntimeReply.parse("OK\nbody\n")).isEqualTo(RuntimeReply.ok("body\n"));
    }
}
