package org.bascule.health;

import java.util.Optional;

/**
 * Outcome of one check run: a short code and a human text, as HAProxy's
 * {@code HCHK_STATUS_*} table in {@code src/check.c} prints them in logs, {@code show stat}
 * and metrics, and what it means for the target's health: a pass, a failure, or (an agent
 * reply without a health word, HAProxy's {@code HCHK_STATUS_CHECKED}) no opinion at all.
 */
public enum CheckStatus {
    UNK("UNK", "Unknown", Effect.FAIL),
    INI("INI", "Initializing", Effect.FAIL),
    SOCKERR("SOCKERR", "Socket error", Effect.FAIL),
    CHECKED("CHECKED", "No status change", Effect.NEUTRAL),
    L4OK("L4OK", "Layer4 check passed", Effect.PASS),
    L4TOUT("L4TOUT", "Layer4 timeout", Effect.FAIL),
    L4CON("L4CON", "Layer4 connection problem", Effect.FAIL),
    L6OK("L6OK", "Layer6 check passed", Effect.PASS),
    L6TOUT("L6TOUT", "Layer6 timeout", Effect.FAIL),
    L6RSP("L6RSP", "Layer6 invalid response", Effect.FAIL),
    L7TOUT("L7TOUT", "Layer7 timeout", Effect.FAIL),
    L7RSP("L7RSP", "Layer7 invalid response", Effect.FAIL),
    L7OK("L7OK", "Layer7 check passed", Effect.PASS),
    L7OKD("L7OKD", "Layer7 check passed (agent up)", Effect.PASS),
    L7STS("L7STS", "Layer7 wrong status", Effect.FAIL),
    PROCERR("PROCERR", "External check error", Effect.FAIL),
    PROCTOUT("PROCTOUT", "External check timeout", Effect.FAIL),
    PROCOK("PROCOK", "External check passed", Effect.PASS);

    /** What a status does to the verdict. */
    public enum Effect { PASS, FAIL, NEUTRAL }

    private final String code;
    private final String text;
    private final Effect effect;

    CheckStatus(String code, String text, Effect effect) {
        this.code = code;
        this.text = text;
        this.effect = effect;
    }

    /** Short code: {@code L4OK}, {@code L4TOUT}, ... */
    public String code() {
        return code;
    }

    /** Human text: "Layer4 timeout". */
    public String text() {
        return text;
    }

    public Effect effect() {
        return effect;
    }

    /** Whether this outcome counts as a success for the timing rules. */
    public boolean passed() {
        return effect == Effect.PASS;
    }

    /** UP for a pass, DOWN for a failure, empty when the outcome says nothing about health. */
    public Optional<Health> verdict() {
        return switch (effect) {
            case PASS -> Optional.of(Health.UP);
            case FAIL -> Optional.of(Health.DOWN);
            case NEUTRAL -> Optional.empty();
        };
    }
}
