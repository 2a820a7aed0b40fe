package org.bascule.ops.runtime;

import java.util.List;
import java.util.Objects;

/**
 * One command of the runtime socket, registered as data the way HAProxy registers its CLI
 * keywords ({@code cli_register_kw} with a {@code cli_kw_list}: words, usage, handler): the
 * server knows no command by name except {@code help}, which it builds from this list.
 *
 * @param name    the first word of the command line ({@code ipvsadm})
 * @param summary one line for {@code help}
 * @param handler runs the command with the words after the name
 */
public record RuntimeCommand(String name, String summary, Handler handler) {

    /** Runs one command. May throw: the server answers {@code ERR 1} and keeps serving. */
    @FunctionalInterface
    public interface Handler {
        RuntimeReply handle(List<String> args) throws Exception;
    }

    public RuntimeCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: one word)");
        }
    }
}
