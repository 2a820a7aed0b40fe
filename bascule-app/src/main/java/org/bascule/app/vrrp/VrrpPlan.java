package org.bascule.app.vrrp;

import java.util.List;
import org.bascule.config.Diagnostic;
import org.bascule.vrrp.io.VrrpSetup;

/**
 * What the VRRP engine will run for a keepalived.conf, and every difference from keepalived
 * (each with the file:line of the directive), e.g. {@code auth_type AH}, which Bascule refuses.
 */
public record VrrpPlan(VrrpSetup setup, List<Diagnostic> notes) {

    public VrrpPlan {
        notes = List.copyOf(notes);
    }

    /** True when the configuration has VRRP instances to run. */
    public boolean hasInstances() {
        return !setup.instances().isEmpty();
    }
}
