package org.bascule.ops.runtime;

import java.util.Objects;
import org.bascule.ops.ipvsadm.Ipvsadm;
import org.bascule.ops.ipvsadm.IpvsadmOutcome;

/**
 * The runtime socket's {@code ipvsadm <args...>}: ipvsadm's listing of the live table, its text
 * as the body of {@code OK}, its errors as {@code ERR} with ipvsadm's exit status.
 */
public final class IpvsadmRuntimeCommand {
    public static final String NAME = "ipvsadm";

    private IpvsadmRuntimeCommand() {}

    public static RuntimeCommand of(Ipvsadm ipvsadm) {
        Objects.requireNonNull(ipvsadm, "ipvsadm");
        return new RuntimeCommand(NAME, "<args...>: the live table as ipvsadm lists it (e.g. ipvsadm -Ln --stats)",
                args -> switch (ipvsadm.run(args)) {
                    case IpvsadmOutcome.Printed p -> RuntimeReply.ok(p.stdout());
                    case IpvsadmOutcome.Failed f -> RuntimeReply.error(f.exitStatus(), f.message());
                });
    }
}
