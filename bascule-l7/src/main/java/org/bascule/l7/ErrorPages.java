package org.bascule.l7;

/** The bodies of the errors the proxy answers itself, worded as HAProxy 2.6's built-in pages. */
final class ErrorPages {

    /** 503: no server could take the request (none usable, queue timeout, connects failed). */
    static final String NO_SERVER = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n";

    /** 502: the server's response was invalid or cut short before anything reached the client. */
    static final String BAD_GATEWAY = "<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n";

    /** 408: the request (its head, or its body under {@code option http-buffer-request}) did not come within {@code timeout http-request}. */
    static final String REQUEST_TIMEOUT = "<html><body><h1>408 Request Time-out</h1>\nYour browser didn't send a complete request in time.\n</body></html>\n";

    private ErrorPages() {
    }
}
