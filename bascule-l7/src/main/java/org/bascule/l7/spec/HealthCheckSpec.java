package org.bascule.l7.spec;

import java.util.List;

/**
 * What a backend's servers with {@code check} are probed with: a TCP connect by default,
 * {@code option httpchk} for an HTTP request.
 */
public sealed interface HealthCheckSpec {

    /** No {@code option httpchk}: a server is up when a TCP connection to it succeeds. */
    record TcpConnect() implements HealthCheckSpec {}

    /**
     * {@code option httpchk [<method> <uri> [<version>]]} plus {@code http-check send hdr …} and
     * {@code http-check expect …}.
     *
     * @param method  {@code OPTIONS} by default (HAProxy's)
     * @param uri     {@code /} by default
     * @param version {@code HTTP/1.0} by default
     * @param headers {@code http-check send hdr <name> <value>}, e.g. {@code Host}
     * @param expects every {@code http-check expect}, in order: all must pass on the one response
     *                (HAProxy 2.2+ evaluates consecutive expect rules against the same response);
     *                none: 2xx or 3xx passes
     */
    record Http(String method, String uri, String version, List<Header> headers, List<HttpCheckExpect> expects)
            implements HealthCheckSpec {
        public Http {
            Require.that(method != null && method.matches("[A-Z]+"), "option httpchk method", method, "an HTTP method");
            Require.that(uri != null && uri.startsWith("/"), "option httpchk uri", uri, "a path starting with '/'");
            Require.that("HTTP/1.0".equals(version) || "HTTP/1.1".equals(version), "option httpchk version", version,
                    "HTTP/1.0 or HTTP/1.1");
            headers = List.copyOf(headers);
            expects = List.copyOf(expects);
        }

        public static Http defaults() {
            return new Http("OPTIONS", "/", "HTTP/1.0", List.of(), List.of());
        }
    }

    /** A header sent by the check. */
    record Header(String name, String value) {
        public Header {
            HeaderNames.check(name, "http-check send hdr");
            Require.nonNull(value, "http-check send hdr value");
        }
    }
}
