package org.bascule.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bascule.ops.runtime.IpvsadmRuntimeCommand;
import org.bascule.ops.runtime.RuntimeReply;
import org.bascule.ops.runtime.RuntimeSocketClient;
import org.bascule.ops.runtime.RuntimeSocketPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code bascule ipvsadm ARGS}: ipvsadm's flags and output, answered by the running daemon
 * over its runtime socket ({@code -Ln}, {@code --stats}, {@code --rate}, {@code -c}, and the
 * edits {@code -A -E -D -C -a -e -d -Z --set}). Exits with the status ipvsadm would: 0, 1 (no
 * such service to list), 2 (usage), 255 (the table refused the edit).
 */
@Command(name = "ipvsadm", description = "List and edit the running daemon's virtual server table as ipvsadm does (e.g. -Ln, -Ln --stats, -Lnc, -a -t VIP:PORT -r RS:PORT -m -w 5).")
final class IpvsadmCommand implements Callable<Integer> {

    @Option(names = "--socket", paramLabel = "PATH", description = "Runtime socket of the daemon (default: as bascule run).")
    Optional<Path> socket;

    /** ipvsadm's own arguments, passed through untouched (-h included). */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = RuntimeSocketPath.choose(socket);
        List<String> line = new ArrayList<>();
        line.add(IpvsadmRuntimeCommand.NAME);
        line.addAll(args);
        try {
            RuntimeReply reply = new RuntimeSocketClient(path).send(line);
            if (reply.isOk()) {
                out.print(reply.body());
                if (!reply.message().isEmpty()) {
                    err.println(reply.message());
                }
            } else {
                err.println(reply.message());
            }
            return reply.status();
        } catch (IOException e) {
            err.println("bascule ipvsadm: no running daemon answers on " + path + " (" + e.getMessage()
                    + "); start one with: bascule run -f keepalived.conf");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
