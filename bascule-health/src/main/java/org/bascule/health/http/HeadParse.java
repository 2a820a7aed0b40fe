package org.bascule.health.http;

import java.util.Objects;

/** The outcome of looking for a response head in the bytes received so far. */
public sealed interface HeadParse {

    /** No empty line yet: read more. */
    record Incomplete() implements HeadParse {}

    /** A complete head; the body starts at {@link HttpResponseHead#length()}. */
    record Parsed(HttpResponseHead head) implements HeadParse {
        public Parsed {
            Objects.requireNonNull(head, "head");
        }
    }

    /** Not a response: why, and a human detail naming the offending part. */
    record Malformed(HttpResponseError error, String detail) implements HeadParse {
        public Malformed {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
