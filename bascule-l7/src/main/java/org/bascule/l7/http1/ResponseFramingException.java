package org.bascule.l7.http1;

/** A response that breaks HTTP/1.1 framing: the typed {@link #error()} plus where it was seen. */
public final class ResponseFramingException extends Exception {

    private final FramingError error;

    public ResponseFramingException(FramingError error, String detail) {
        super(error.text() + ": " + detail, null, false, false);
        this.error = error;
    }

    public FramingError error() {
        return error;
    }
}
