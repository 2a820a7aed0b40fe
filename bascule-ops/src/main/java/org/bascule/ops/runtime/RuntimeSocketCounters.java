package org.bascule.ops.runtime;

/**
 * What the runtime socket has seen since start, for logs and metrics.
 *
 * @param connections       connections accepted
 * @param commands          command lines run by a registered command (whatever their status)
 * @param unknownCommands   command lines whose first word is no command
 * @param badRequests       lines refused before any command: empty, over-long, not UTF-8
 * @param timeouts          clients that sent no complete line within the read timeout
 * @param abandoned         clients that closed before sending anything (a start-up probe is one)
 * @param handlerFailures   commands that threw; answered {@code ERR 1}
 * @param refused           connections over the concurrent limit
 * @param ioErrors          connections lost while reading or writing
 */
public record RuntimeSocketCounters(
        long connections, long commands, long unknownCommands, long badRequests, long timeouts,
        long abandoned, long handlerFailures, long refused, long ioErrors) {}
