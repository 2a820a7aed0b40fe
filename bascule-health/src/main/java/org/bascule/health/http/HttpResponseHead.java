package org.bascule.health.http;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The head of an HTTP/1.x response as a health check needs it (RFC 9112 §4 status line, §6.3
 * message body length).
 *
 * @param version       {@code HTTP/1.0} or {@code HTTP/1.1} (any {@code HTTP/d.d})
 * @param status        the three-digit status code
 * @param reason        the reason phrase, possibly empty
 * @param length        bytes of the head, including the empty line that ends it: the body
 *                      starts there
 * @param contentLength {@code Content-Length}, when the response has one and no
 *                      {@code Transfer-Encoding} (which overrides it, RFC 9112 §6.3)
 * @param chunked       whether {@code Transfer-Encoding} was given; the body is then read to
 *                      the end of the connection and used as it arrives, as keepalived does
 */
public record HttpResponseHead(String version, int status, String reason, int length, OptionalLong contentLength,
        boolean chunked) {

    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(contentLength, "contentLength");
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 3 digits)");
        }
    }
}
