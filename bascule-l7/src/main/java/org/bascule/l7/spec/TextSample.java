package org.bascule.l7.spec;

/**
 * A string an ACL reads from the request, beyond {@code path} and {@code hdr()} (HAProxy 2.6
 * configuration.txt section 7.3.6, and 7.3.4 for {@code ssl_fc_sni}).
 */
public sealed interface TextSample {

    /** The samples without an argument. */
    enum Plain implements TextSample {
        /** {@code url}: the request target as sent. */
        URL,
        /** {@code query}: what follows the first {@code ?} of the target; no sample without one. */
        QUERY,
        /** {@code base}: the first {@code Host} value followed by the path (no query). */
        BASE,
        /** {@code pathq}: the path and its query, as in an origin-form target. */
        PATH_QUERY,
        /** {@code req.ver}: the version without {@code HTTP/}, e.g. {@code 1.1}. */
        VERSION,
        /** {@code ssl_fc_sni}: the server name the client asked for in its TLS hello; none over plain TCP. */
        SNI,
        /**
         * {@code req.body}: the body the proxy holds when the rules run, at most {@code tune.bufsize}
         * bytes, as HAProxy's buffer does; nothing of a body still streaming.
         */
        BODY
    }

    /** {@code req.cook(<name>)}, {@code cook(<name>)}: the value of every cookie of that name. */
    record Cookie(String name) implements TextSample {
        public Cookie {
            Require.that(name != null && !name.isEmpty() && name.chars().noneMatch(c -> c <= ' ' || c == '=' || c == ';'),
                    "cook", name, "a cookie name");
        }
    }

    /** {@code url_param(<name>)}, {@code urlp(<name>)}: the first value of that parameter of the query string, not decoded. */
    record UrlParam(String name) implements TextSample {
        public UrlParam {
            Require.that(name != null && !name.isEmpty(), "url_param", name, "a parameter name");
        }
    }

    /**
     * {@code req.body_param(<name>)}: the first value of that parameter (its name case-sensitive) of an
     * {@code application/x-www-form-urlencoded} body (of {@link Plain#BODY}), not decoded.
     */
    record BodyParam(String name) implements TextSample {
        public BodyParam {
            Require.that(name != null && !name.isEmpty(), "req.body_param", name, "a parameter name");
        }
    }
}
