package org.bascule.ops.runtime;

import java.util.Objects;
import org.bascule.ops.ipvsadm.Ipvsadm;
import org.bascule.ops.ipvsadm.IpvsadmOutcome;

/**
 * The runtime socket's {@code ipvsadm <args...>}: ipvsadm's listings and edits of the live table,
 * its text as the body of {@code OK} (a warning, if any, on the status line), its errors as
 * {@code ERR} with ipvsadm's exit status.
 */
public final class IpvsadmRuntimeCommand {
    public static final String NAME = "ipvsadm";

    private IpvsadmRuntimeCommand() {}

    public static RuntimeCommand of(Ipvsadm ipvsadm) {
        Objects.requireNonNull(ipvsadm, "ipvsadm");
        return new RuntimeCommand(NAME, "<args...>: the live table as ipvsadm lists and edits it (e.g. ipvsadm -Ln --stats, ipvsadm -e -t VIP:80 -r RS:80 -m -w 0)",
                args -> switch (ipvsadm.run(args)) {
                    case IpvsadmOutcome.Printed p -> RuntimeReply.ok(p.stdout(), p.warning());
                    case IpvsadmOutcome.Failed f -> RuntimeReply.error(f.exitStatus(), f.message());
                });
    }
}
