package org.bascule.health;

/**
 * Outcome of one check run: a short code and a human text, as HAProxy's
 * {@code HCHK_STATUS_*} table in {@code src/check.c} prints them in logs, {@code show stat}
 * and metrics. Layer-7 codes come with the HTTP and agent checks.
 */
public enum CheckStatus {
    UNK("UNK", "Unknown", false),
    INI("INI", "Initializing", false),
    SOCKERR("SOCKERR", "Socket error", false),
    L4OK("L4OK", "Layer4 check passed", true),
    L4TOUT("L4TOUT", "Layer4 timeout", false),
    L4CON("L4CON", "Layer4 connection problem", false);

    private final String code;
    private final String text;
    private final boolean passed;

    CheckStatus(String code, String text, boolean passed) {
        this.code = code;
        this.text = text;
        this.passed = passed;
    }

    /** Short code: {@code L4OK}, {@code L4TOUT}, ... */
    public String code() {
        return code;
    }

    /** Human text: "Layer4 timeout". */
    public String text() {
        return text;
    }

    /** Whether this outcome counts as a success for the timing rules. */
    public boolean passed() {
        return passed;
    }
}
