/**
 * The local runtime socket: a Unix domain socket, owner-only, through which the {@code bascule}
 * command (or {@code socat}, {@code nc -U}) asks the running daemon things, in the spirit of
 * HAProxy's stats socket ({@code stats socket ... mode 600}, one plain-text command per
 * connection, the reply, then the server closes).
 *
 * <h2>Protocol</h2>
 * <pre>
 *   request      = command-line LF         ; UTF-8, at most 4096 bytes with the LF
 *                                          ; (a client's half-close may end it instead of LF)
 *   command-line = name *( SP arg )         ; split on spaces and tabs, no quoting; a CR before LF is ignored
 *   reply        = status-line body         ; then the server closes the connection
 *   status-line  = "OK" [SP warning] LF      ; a warning goes to standard error, the status stays 0
 *                / "ERR" SP status SP message LF
 *   status       = 1*3DIGIT                 ; 1-255, the exit status a CLI should return
 *   body         = *OCTET                   ; UTF-8 text: the command's output (OK), or nothing (ERR)
 * </pre>
 * A CLI prints the body to standard output on {@code OK} and exits 0; on {@code ERR} it prints
 * the message to standard error and exits with the status. Statuses follow the commands' own:
 * {@code ipvsadm} keeps ipvsadm's (2 bad usage, 1 no such service); the socket itself answers 2
 * for what it cannot read (unknown command, empty or over-long line, bytes that are not UTF-8, no
 * line within the read timeout) and 1 when a command fails inside. For example:
 * <pre>
 *   $ printf 'ipvsadm -Ln\n' | nc -U /run/bascule/bascule.sock
 *   OK
 *   IP Virtual Server version 1.2.1 (size=4096)
 *   ...
 *   $ printf 'xyz\n' | nc -U /run/bascule/bascule.sock
 *   ERR 2 unknown command 'xyz' (expected: help, ipvsadm)
 * </pre>
 *
 * <h2>Safety</h2>
 * The socket file is mode 0600 in a directory Bascule creates 0700; a stale file left by a dead
 * daemon is removed, a live daemon on the same path makes start-up fail. Each connection runs on
 * its own virtual thread with a deadline for the request and one for the reply, and a cap on
 * concurrent connections, so a stuck or hostile client costs one thread for a bounded time; bad
 * input is answered, counted ({@link org.bascule.ops.runtime.RuntimeSocketCounters}) and never
 * stops the server.
 */
package org.bascule.ops.runtime;
