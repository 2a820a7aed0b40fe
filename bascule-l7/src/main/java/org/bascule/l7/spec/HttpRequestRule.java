package org.bascule.l7.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * One {@code http-request <action> … [if|unless <cond>]} line of a frontend (or backend), run in
 * order; {@code deny} and {@code redirect} stop the evaluation.
 */
public sealed interface HttpRequestRule {

    Condition when();

    /** {@code http-request set-header <name> <fmt>}: replaces every value of the header. */
    record SetHeader(String name, LogFormat value, Condition when) implements HttpRequestRule {
        public SetHeader {
            HeaderNames.check(name, "http-request set-header");
            Require.nonNull(value, "set-header value");
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-request add-header <name> <fmt>}: appends one value. */
    record AddHeader(String name, LogFormat value, Condition when) implements HttpRequestRule {
        public AddHeader {
            HeaderNames.check(name, "http-request add-header");
            Require.nonNull(value, "add-header value");
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-request del-header <name>}: removes every value. */
    record DelHeader(String name, Condition when) implements HttpRequestRule {
        public DelHeader {
            HeaderNames.check(name, "http-request del-header");
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-request deny [deny_status <code>]}: answers the status (403 by default) and closes. */
    record Deny(int status, Condition when) implements HttpRequestRule {
        public Deny {
            Require.range(status, 200, 599, "deny_status");
            Require.nonNull(when, "condition");
        }
    }

    /**
     * {@code http-request redirect location|prefix|scheme <target> [code <c>]}: a 301/302/303/307/308
     * answer. {@code prefix} keeps the path and query; {@code scheme} keeps host, path and query.
     */
    record Redirect(RedirectKind kind, String target, int code, Condition when) implements HttpRequestRule {
        public Redirect {
            Require.nonNull(kind, "redirect kind");
            Require.that(target != null && !target.isEmpty(), "redirect " + kind, target, "a target");
            Require.that(code == 301 || code == 302 || code == 303 || code == 307 || code == 308, "redirect code",
                    code, "301, 302, 303, 307 or 308");
            Require.nonNull(when, "condition");
        }
    }

    /** The forms of {@code redirect}. */
    enum RedirectKind { LOCATION, PREFIX, SCHEME }

    /**
     * {@code http-request track-sc<n> src [table <t>]}: counts this request against the client
     * address in the stick table of this frontend (or {@code table}), for
     * {@link Condition.TrackedRequestRate}.
     */
    record TrackSource(int counter, Optional<String> table, Condition when) implements HttpRequestRule {
        public TrackSource {
            Require.range(counter, 0, 2, "track-sc");
            table.ifPresent(t -> Require.name(t, "table"));
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-request tarpit}: holds the request for {@code timeout tarpit}, then answers 500. */
    record Tarpit(Duration delay, Condition when) implements HttpRequestRule {
        public Tarpit {
            Require.positive(delay, "timeout tarpit");
            Require.nonNull(when, "condition");
        }
    }

    /**
     * {@code http-request wait-for-body time <time> [at-least <bytes>]}: no server hears of the
     * request before its body is complete or {@code atLeast} bytes of it came ({@code 0}: the
     * buffer size, {@code tune.bufsize}); past {@code time}, a 408. As {@code option
     * http-buffer-request} with its own bounds.
     */
    record WaitForBody(Duration time, long atLeast, Condition when) implements HttpRequestRule {
        public WaitForBody {
            Require.positive(time, "wait-for-body time");
            Require.that(atLeast >= 0 && atLeast <= Integer.MAX_VALUE, "wait-for-body at-least", Long.toString(atLeast),
                    "0 to " + Integer.MAX_VALUE + " bytes");
            Require.nonNull(when, "condition");
        }
    }
}
