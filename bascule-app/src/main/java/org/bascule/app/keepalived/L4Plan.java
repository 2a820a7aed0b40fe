package org.bascule.app.keepalived;

import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.l4.VirtualServiceSpec;

/**
 * What the L4 tier will serve for a keepalived.conf, and what it will serve differently from
 * keepalived (each with the file:line of the directive concerned), e.g. a DR virtual server
 * proxied in NAT mode until the packet engine exists.
 */
public record L4Plan(List<VirtualServiceSpec> services, List<Diagnostic> notes) {
    public L4Plan {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
    }
}
