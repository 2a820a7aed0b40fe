package org.bascule.health.http;

import java.time.Duration;
import java.util.Objects;
import org.bascule.health.CheckStatus;

/** What one GET brought back: a response (head, MD5 of the body), or the failure and its layer. */
public sealed interface FetchOutcome {

    Duration took();

    /**
     * A response. {@code md5} is the lower-case hex MD5 of the body (what {@code digest}
     * compares and genhash prints), limited to {@code Content-Length} when given;
     * {@code bodyStart} the body's first bytes (ISO-8859-1) when the fetch was asked to keep them.
     */
    record Response(HttpResponseHead head, String md5, long bodyBytes, Duration took, String bodyStart) implements FetchOutcome {
        public Response {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(md5, "md5");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(bodyStart, "bodyStart");
        }

        public Response(HttpResponseHead head, String md5, long bodyBytes, Duration took) {
            this(head, md5, bodyBytes, took, "");
        }
    }

    /** No usable response: {@code L4CON}, {@code L4TOUT}, {@code L6RSP}, {@code L7TOUT}, {@code L7RSP}, {@code SOCKERR}. */
    record Failed(CheckStatus status, String detail, Duration took) implements FetchOutcome {
        public Failed {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(took, "took");
        }
    }
}
