package org.bascule.health;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code url { path; digest; status_code; virtualhost }} block of HTTP_GET / SSL_GET.
 *
 * @param path        what to GET
 * @param digest      MD5 of the body, lower-case hex (from genhash), if the body must match
 * @param statusCodes the accepted statuses (default 2xx)
 * @param virtualhost the Host header, already resolved (url, else checker, else real server,
 *                    else virtual server); empty: the address and port checked
 * @param method      the request method: GET for keepalived, HAProxy's {@code option httpchk}
 *                    sends OPTIONS by default
 * @param body        what the body must hold (HAProxy's {@code http-check expect string|rstring}); none for keepalived
 */
public record UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualhost, String method,
        Optional<BodyExpect> body) {

    /** A keepalived url: GET. */
    public UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualhost) {
        this(path, digest, statusCodes, virtualhost, "GET");
    }

    /** A url whose body is not looked at. */
    public UrlSpec(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualhost, String method) {
        this(path, digest, statusCodes, virtualhost, method, Optional.empty());
    }

    public UrlSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(statusCodes, "statusCodes");
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(body, "body");
        if (method == null || !method.matches("[A-Z]{1,16}")) {
            throw new IllegalArgumentException("method: '" + method + "' (expected: an HTTP method such as GET or OPTIONS)");
        }
        digest = Objects.requireNonNull(digest, "digest").map(d -> d.toLowerCase(Locale.ROOT));
        if (digest.isPresent() && !digest.get().matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("digest: " + digest.get() + " (expected: 32 hexadecimal digits)");
        }
        if (path.isEmpty() || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: no space or control character)");
        }
    }

    /** GET {@code path}, any 2xx, no digest, no virtualhost. */
    public static UrlSpec of(String path) {
        return new UrlSpec(path, Optional.empty(), StatusCodes.DEFAULT, Optional.empty());
    }
}
