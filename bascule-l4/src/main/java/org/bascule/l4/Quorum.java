package org.bascule.l4;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a virtual service has its quorum: the total weight of its live real servers against
 * keepalived's {@code quorum} and {@code hysteresis}. Pure: {@link #start} and {@link #on} take
 * the live weight and return the new state and, when it flipped, the transition that runs
 * {@code quorum_up} or {@code quorum_down} and swaps the sorry server in or out.
 *
 * <p>Two readings of the hysteresis, chosen by {@link Rule}:
 * <ul>
 *   <li>{@link Rule#SOURCE_DOCUMENT} (R-V3, the tutorial in the first source document): the
 *       hysteresis is the minimum weight difference between two calls of the scripts. The
 *       quorum is lost when the live weight falls below {@code quorum}, and regained when it
 *       is back at {@code quorum} and at least {@code hysteresis} above the weight the loss
 *       was called at; a loss after a gain likewise needs {@code hysteresis} below the gain.
 *       With quorum 30 and hysteresis 2: down called at 29, not up again at 30, up at 31.</li>
 *   <li>{@link Rule#KEEPALIVED} ({@code update_quorum_state} in keepalived 2.2's
 *       {@code check/ipwrapper.c}): gained at {@code quorum + hysteresis} or more, lost below
 *       {@code quorum - hysteresis} (or at 0). With 30 and 2: down at 27, up at 32.</li>
 * </ul>
 */
public final class Quorum {

    /** How the hysteresis widens the quorum. */
    public enum Rule { SOURCE_DOCUMENT, KEEPALIVED }

    /** Where the quorum stands. {@code calledAt}: the live weight at the last transition, if any. */
    public record State(boolean up, long weight, Optional<Long> calledAt) {
        public State {
            Objects.requireNonNull(calledAt, "calledAt");
        }
    }

    /** A flip of the quorum, with the weight that caused it. */
    public sealed interface Transition {
        long weight();

        /** {@code Gained quorum}: run quorum_up, take the sorry server out. */
        record Gained(long weight) implements Transition {}

        /** {@code Lost quorum}: run quorum_down, put the sorry server in. */
        record Lost(long weight) implements Transition {}
    }

    /** The state after an event, and the transition if there was one. */
    public record Step(State state, Optional<Transition> transition) {}

    private final long quorum;
    private final long hysteresis;
    private final Rule rule;

    public Quorum(long quorum, long hysteresis, Rule rule) {
        this.quorum = quorum;
        this.hysteresis = hysteresis;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public static Quorum of(QuorumSpec spec) {
        return new Quorum(spec.quorum(), spec.hysteresis(), spec.rule());
    }

    /**
     * The state at start-up, before any check: no script runs then (keepalived's
     * {@code set_quorum_states} only records it), but a service that starts without its
     * quorum (e.g. {@code alpha}) starts on its sorry server.
     */
    public State start(long liveWeight) {
        boolean up = switch (rule) {
            case SOURCE_DOCUMENT -> liveWeight >= quorum;
            case KEEPALIVED -> liveWeight >= quorum + hysteresis;
        };
        return new State(up, liveWeight, Optional.empty());
    }

    /** The live weight changed to {@code liveWeight}. */
    public Step on(State s, long liveWeight) {
        boolean gain = !s.up() && gains(s, liveWeight);
        boolean loss = s.up() && loses(s, liveWeight);
        if (gain) {
            return new Step(new State(true, liveWeight, Optional.of(liveWeight)), Optional.of(new Transition.Gained(liveWeight)));
        }
        if (loss) {
            return new Step(new State(false, liveWeight, Optional.of(liveWeight)), Optional.of(new Transition.Lost(liveWeight)));
        }
        return new Step(new State(s.up(), liveWeight, s.calledAt()), Optional.empty());
    }

    private boolean gains(State s, long w) {
        return switch (rule) {
            case SOURCE_DOCUMENT -> w >= quorum && s.calledAt().map(at -> w - at >= hysteresis).orElse(true);
            case KEEPALIVED -> w >= quorum + hysteresis;
        };
    }

    private boolean loses(State s, long w) {
        return switch (rule) {
            case SOURCE_DOCUMENT -> w < quorum && s.calledAt().map(at -> at - w >= hysteresis).orElse(true);
            case KEEPALIVED -> w == 0 || w < quorum - hysteresis;
        };
    }
}
