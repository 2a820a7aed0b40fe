package org.bascule.health;

import java.time.Duration;
import java.util.Objects;
import org.bascule.health.http.FetchOutcome;
import org.bascule.health.http.HttpFetch;

/**
 * Runs an {@link HttpCheckSpec}: every url in order, each over a new connection; the first
 * that fails ends the check with its reason. HAProxy's codes tell where it failed:
 * {@code L4CON}/{@code L4TOUT} (connect), {@code L6RSP}/{@code L6TOUT} (TLS),
 * {@code L7TOUT} (no or slow answer), {@code L7RSP} (not HTTP, the digest differs, or the body
 * fails HAProxy's {@code http-check expect string|rstring}),
 * {@code L7STS} (a status not accepted); {@code L7OK} when all pass.
 *
 * <p>keepalived checks one url per {@code delay_loop} and walks the list over successive
 * checks; here one check GETs them all, so a verdict always covers every url, and a failed url
 * is retried with {@code retry}/{@code delay_before_retry} like any failed check.
 */
public final class HttpChecker implements Checker {

    private final HttpCheckSpec spec;

    public HttpChecker(HttpCheckSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public CheckResult check() {
        long started = System.nanoTime();
        int lastStatus = 0;
        for (UrlSpec url : spec.urls()) {
            FetchOutcome outcome = HttpFetch.fetch(spec.fetchTarget(url), spec.preamble().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    url.method(), url.path(), url.virtualhost(), spec.version(), url.body().isPresent() ? BodyExpect.LIMIT : 0);
            switch (outcome) {
                case FetchOutcome.Failed(CheckStatus status, String detail, Duration took) -> {
                    return result(status, url.path() + ": " + detail, started);
                }
                case FetchOutcome.Response r -> {
                    int status = r.head().status();
                    if (!url.statusCodes().accepts(status)) {
                        return result(CheckStatus.L7STS, url.path() + ": HTTP status " + status
                                + (r.head().reason().isEmpty() ? "" : " " + r.head().reason())
                                + " (expected: " + url.statusCodes() + ")", started, status);
                    }
                    if (url.digest().isPresent() && !url.digest().get().equals(r.md5())) {
                        return result(CheckStatus.L7RSP, url.path() + ": MD5 digest " + r.md5() + " of " + r.bodyBytes()
                                + " bytes (expected: " + url.digest().get() + ")", started, status);
                    }
                    if (url.body().isPresent() && !url.body().get().accepts(r.bodyStart())) {
                        // HAProxy's default error-status of an expect rule: L7RSP
                        return result(CheckStatus.L7RSP, url.path() + ": body does not match (expected: " + url.body().get() + ")",
                                started, status);
                    }
                    lastStatus = status;
                }
            }
        }
        return result(CheckStatus.L7OK, spec.urls().size() == 1 ? "HTTP status " + lastStatus
                : spec.urls().size() + " urls passed", started, lastStatus);
    }

    private static CheckResult result(CheckStatus status, String detail, long started) {
        return new CheckResult(status, detail, Duration.ofNanos(System.nanoTime() - started));
    }

    /** A result with the HTTP status that decided it ({@code check_code}). */
    private static CheckResult result(CheckStatus status, String detail, long started, int httpStatus) {
        return new CheckResult(status, detail, Duration.ofNanos(System.nanoTime() - started), Feedback.NONE,
                java.util.OptionalInt.of(httpStatus));
    }
}
