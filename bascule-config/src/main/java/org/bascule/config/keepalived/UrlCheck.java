package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * A {@code url { … }} block of HTTP_GET / SSL_GET; every url of a checker must pass.
 *
 * @param path        {@code path} (required)
 * @param digest      {@code digest}: MD5 of the body, 32 hex digits, lower case (genhash)
 * @param statusCodes {@code status_code}; [200-299] when not given
 * @param virtualhost {@code virtualhost} of the url, else the checker's, else the real
 *                    server's, else the virtual server's (check_http.c)
 * @param regex       {@code regex} and its options
 */
public record UrlCheck(
        SourcePos pos,
        String path,
        Optional<String> digest,
        List<StatusCodeRange> statusCodes,
        Optional<String> virtualhost,
        Optional<UrlRegex> regex) {

    public UrlCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        statusCodes = List.copyOf(statusCodes);
        Objects.requireNonNull(virtualhost, "virtualhost");
        Objects.requireNonNull(regex, "regex");
    }

    /** True when {@code status} is accepted. */
    public boolean accepts(int status) {
        return statusCodes.stream().anyMatch(r -> r.contains(status));
    }
}
