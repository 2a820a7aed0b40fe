package org.bascule.ops.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a command line to a reply, without I/O: splits the line into words, finds the command by
 * its first word, runs it. Adds {@code help}, which lists every command with its summary.
 */
final class RuntimeDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeDispatcher.class);
    static final String HELP = "help";

    /** How a line was handled, for the server's counters. */
    enum Kind { COMMAND, UNKNOWN_COMMAND, EMPTY, HANDLER_FAILED }

    record Dispatch(Kind kind, RuntimeReply reply) {}

    private final Map<String, RuntimeCommand> commands;
    private final String expected;

    RuntimeDispatcher(List<RuntimeCommand> registered) {
        List<RuntimeCommand> all = new ArrayList<>(registered);
        all.add(new RuntimeCommand(HELP, "list the commands of this socket", args -> RuntimeReply.ok(helpText())));
        all.sort(Comparator.comparing(RuntimeCommand::name));
        Map<String, RuntimeCommand> byName = new LinkedHashMap<>();
        for (RuntimeCommand c : all) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("command: '" + c.name() + "' (expected: a name registered once)");
            }
        }
        this.commands = byName;
        this.expected = String.join(", ", byName.keySet());
    }

    Dispatch dispatch(String line) {
        String stripped = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        List<String> words = List.of(stripped.strip().split("[ \t]+"));
        if (stripped.isBlank()) {
            return new Dispatch(Kind.EMPTY, RuntimeReply.error(RuntimeReply.USAGE, "empty command line (expected: " + expected + ")"));
        }
        RuntimeCommand command = commands.get(words.getFirst());
        if (command == null) {
            return new Dispatch(Kind.UNKNOWN_COMMAND, RuntimeReply.error(RuntimeReply.USAGE,
                    "unknown command '" + Printable.of(words.getFirst()) + "' (expected: " + expected + ")"));
        }
        try {
            return new Dispatch(Kind.COMMAND, command.handler().handle(words.subList(1, words.size())));
        } catch (Exception | LinkageError e) {
            LOG.warn("runtime command '{}' failed", command.name(), e);
            return new Dispatch(Kind.HANDLER_FAILED, RuntimeReply.error(RuntimeReply.FAILURE,
                    "internal error in '" + command.name() + "': " + e));
        }
    }

    private String helpText() {
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        return commands.values().stream()
                .map(c -> "  " + c.name() + " ".repeat(width - c.name().length()) + " : " + c.summary() + "\n")
                .collect(Collectors.joining());
    }
}
