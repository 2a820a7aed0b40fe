package org.bascule.health;

import java.util.Objects;
import java.util.Optional;

/**
 * What a check reported beyond up or down: a weight and an administrative state. Each part
 * stays in force until a later report changes it, as HAProxy keeps an agent's last
 * {@code drain} or {@code 50%}; an empty part means "no change".
 */
public record Feedback(Optional<WeightChange> weight, Optional<AdminState> admin) {

    /** Nothing reported. */
    public static final Feedback NONE = new Feedback(Optional.empty(), Optional.empty());

    public Feedback {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(admin, "admin");
    }

    public static Feedback weight(WeightChange weight) {
        return new Feedback(Optional.of(weight), Optional.empty());
    }

    public boolean isEmpty() {
        return weight.isEmpty() && admin.isEmpty();
    }

    /** This report laid over an earlier standing one: what is said replaces, what is not stays. */
    public Feedback over(Feedback standing) {
        return new Feedback(weight.or(standing::weight), admin.or(standing::admin));
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        weight.ifPresent(w -> s.append("weight ").append(w));
        admin.ifPresent(a -> s.append(s.isEmpty() ? "" : ", ").append(a.name().toLowerCase(java.util.Locale.ROOT)));
        return s.toString();
    }
}
