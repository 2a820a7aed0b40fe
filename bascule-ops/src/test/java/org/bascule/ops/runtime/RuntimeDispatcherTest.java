package org.bascule.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Command lines to replies, without a socket. */
class RuntimeDispatcherTest {
    private final RuntimeDispatcher dispatcher = new RuntimeDispatcher(List.of(
            new RuntimeCommand("echo", "say the words back", args -> RuntimeReply.ok(String.join("|", args) + "\n")),
            new RuntimeCommand("boom", "fail inside", args -> {
                throw new IllegalStateException("kaput");
            })));

    @Test
    void wordsSplitOnSpacesAndTabsAndACarriageReturnIsDropped() {
        assertThat(dispatcher.dispatch("echo  a\tb c\r")).isEqualTo(new RuntimeDispatcher.Dispatch(
                RuntimeDispatcher.Kind.COMMAND, RuntimeReply.ok("a|b|c\n")));
        assertThat(dispatcher.dispatch("  echo").reply()).isEqualTo(RuntimeReply.ok("\n"));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(dispatcher.dispatch("help").reply()).isEqualTo(RuntimeReply.ok("""
                  boom : fail inside
                  echo : say the words back
                  help : list the commands of this socket
                """));
    }

    @Test
    void unknownAndEmpty() {
        assertThat(dispatcher.dispatch("xyz 1 2")).isEqualTo(new RuntimeDispatcher.Dispatch(RuntimeDispatcher.Kind.UNKNOWN_COMMAND,
                RuntimeReply.error(2, "unknown command 'xyz' (expected: boom, echo, help)")));
        assertThat(dispatcher.dispatch("\u0001\u0002").reply().message())
                .isEqualTo("unknown command '\\x01\\x02' (expected: boom, echo, help)");
        assertThat(dispatcher.dispatch(" \t\r")).isEqualTo(new RuntimeDispatcher.Dispatch(RuntimeDispatcher.Kind.EMPTY,
                RuntimeReply.error(2, "empty command line (expected: boom, echo, help)")));
    }

    @Test
    void aFailingCommandIsAnErrorReplyNotACrash() {
        assertThat(dispatcher.dispatch("boom")).isEqualTo(new RuntimeDispatcher.Dispatch(RuntimeDispatcher.Kind.HANDLER_FAILED,
                RuntimeReply.error(1, "internal error in 'boom': java.lang.IllegalStateException: kaput")));
    }

    @Test
    void namesAreRegisteredOnce() {
        RuntimeCommand help = new RuntimeCommand("help", "mine", args -> RuntimeReply.ok(""));
        assertThatThrownBy(() -> new RuntimeDispatcher(List.of(help)))
                .hasMessage("command: 'help' (expected: a name registered once)");
        assertThatThrownBy(() -> new RuntimeCommand("two words", "x", args -> RuntimeReply.ok("")))
                .hasMessage("name: 'two words' (expected: one word)");
    }
}
