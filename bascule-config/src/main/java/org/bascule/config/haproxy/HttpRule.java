package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/**
 * One {@code http-request} or {@code http-response} rule (configuration.txt section 4.2): an
 * action and an optional {@code if|unless} condition. Rules run in file order; a final action
 * ({@code deny}, {@code redirect}, {@code allow}) stops the evaluation.
 */
public sealed interface HttpRule {

    /** The condition; empty when the rule always applies. */
    Optional<Condition> condition();

    /** The rule's line. */
    SourcePos pos();

    /** {@code set-header NAME FORMAT}: replaces every occurrence of the header. */
    record SetHeader(String name, String value, Optional<Condition> condition, SourcePos pos) implements HttpRule {
        public SetHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code add-header NAME FORMAT}: appends one more occurrence. */
    record AddHeader(String name, String value, Optional<Condition> condition, SourcePos pos) implements HttpRule {
        public AddHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code del-header NAME [-m METHOD]}: removes the header (exact name unless a method is given). */
    record DelHeader(String name, MatchMethod method, Optional<Condition> condition, SourcePos pos) implements HttpRule {
        public DelHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(method, "method");
        }
    }

    /** {@code deny [deny_status CODE]}: answers with an error (403 unless given) and stops. */
    record Deny(int status, Optional<Condition> condition, SourcePos pos) implements HttpRule {
    }

    /** {@code allow}: stops evaluating the following rules of this list. */
    record Allow(Optional<Condition> condition, SourcePos pos) implements HttpRule {
    }

    /**
     * {@code redirect location|prefix|scheme TARGET [code CODE] [drop-query] [append-slash]
     * [set-cookie NAME[=VALUE]] [clear-cookie NAME]}.
     *
     * @param type    what the target replaces
     * @param target  the location, prefix or scheme (a log-format string)
     * @param code    301, 302, 303, 307 or 308 (302 unless given)
     * @param options the other words, e.g. {@code drop-query}
     */
    record Redirect(RedirectType type, String target, int code, List<String> options, Optional<Condition> condition, SourcePos pos)
            implements HttpRule {
        public Redirect {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(target, "target");
            options = List.copyOf(options);
        }
    }

    /** The three forms of {@code redirect}. */
    enum RedirectType {
        LOCATION, PREFIX, SCHEME
    }

    /**
     * {@code track-sc0|1|2 KEY [table TABLE]}: counts this request in the stick-table entry of
     * KEY (e.g. {@code src}), for fetches such as {@code sc_http_req_rate(0)}.
     *
     * @param counter 0, 1 or 2
     * @param key     the sample that selects the entry
     * @param table   the stick-table's proxy; empty for the current proxy's table
     */
    record TrackSc(int counter, Fetch key, Optional<String> table, Optional<Condition> condition, SourcePos pos) implements HttpRule {
        public TrackSc {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(table, "table");
        }
    }

    /**
     * {@code http-request wait-for-body time <time> [at-least <bytes>]} (HAProxy 2.4+): the request
     * is held until its body is complete, or {@code at-least} bytes of it came (else the buffer
     * is full), or {@code time} passes (then a 408).
     *
     * @param time    the longest wait
     * @param atLeast bytes enough to go on with; empty: a buffer's worth
     */
    record WaitForBody(Duration time, OptionalLong atLeast, Optional<Condition> condition, SourcePos pos)
            implements HttpRule {
        public WaitForBody {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(atLeast, "at-least");
        }
    }

    /**
     * An action HAProxy 2.6 knows that has no typed record here ({@code set-var}, {@code
     * replace-header}, {@code return} …): kept as written for whoever runs the configuration to
     * act on or warn about.
     *
     * @param action the action keyword
     * @param args   its arguments up to the condition
     */
    record Other(String action, List<String> args, Optional<Condition> condition, SourcePos pos) implements HttpRule {
        public Other {
            Objects.requireNonNull(action, "action");
            args = List.copyOf(args);
        }
    }

    /** Status of {@link Deny} when no {@code deny_status} is given. */
    int DEFAULT_DENY_STATUS = 403;

    /** Status of {@link Redirect} when no {@code code} is given. */
    int DEFAULT_REDIRECT_CODE = 302;

}
