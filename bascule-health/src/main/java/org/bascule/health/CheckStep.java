package org.bascule.health;

import java.util.List;
import java.util.Objects;

/** The result of one transition: the new state and the actions, in the order to perform them. */
public record CheckStep(CheckState state, List<CheckAction> actions) {

    public CheckStep {
        Objects.requireNonNull(state, "state");
        actions = List.copyOf(actions);
    }
}
