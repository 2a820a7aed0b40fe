package org.bascule.l7.spec;

/** One {@code http-response <action> … [if|unless <cond>]} line, applied to each server response. */
public sealed interface HttpResponseRule {

    Condition when();

    /** {@code http-response set-header <name> <fmt>}. */
    record SetHeader(String name, LogFormat value, Condition when) implements HttpResponseRule {
        public SetHeader {
            HeaderNames.check(name, "http-response set-header");
            Require.nonNull(value, "set-header value");
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-response add-header <name> <fmt>}. */
    record AddHeader(String name, LogFormat value, Condition when) implements HttpResponseRule {
        public AddHeader {
            HeaderNames.check(name, "http-response add-header");
            Require.nonNull(value, "add-header value");
            Require.nonNull(when, "condition");
        }
    }

    /** {@code http-response del-header <name>}. */
    record DelHeader(String name, Condition when) implements HttpResponseRule {
        public DelHeader {
            HeaderNames.check(name, "http-response del-header");
            Require.nonNull(when, "condition");
        }
    }
}
