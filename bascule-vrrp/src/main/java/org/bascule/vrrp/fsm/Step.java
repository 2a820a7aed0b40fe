package org.bascule.vrrp.fsm;

import java.util.List;
import java.util.Objects;

/** The outcome of one event: the new state and the actions to carry out, in order. */
public record Step(RouterState state, List<VrrpAction> actions) {

    public Step {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
