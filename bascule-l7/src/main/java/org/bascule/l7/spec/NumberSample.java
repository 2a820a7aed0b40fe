package org.bascule.l7.spec;

/** An integer an ACL compares ({@code dst_port 443}, {@code hdr_cnt(host) gt 1}): HAProxy 2.6 configuration.txt 7.3.2-7.3.6. */
public sealed interface NumberSample {

    /** The samples without an argument. */
    enum Plain implements NumberSample {
        /** {@code dst_port}: the port the client connected to (the PROXY header's, under {@code accept-proxy}). */
        DESTINATION_PORT,
        /** {@code src_port}: the client's port. */
        SOURCE_PORT,
        /** {@code req.body_len}: the bytes of body the proxy holds when the rules run (at most {@code tune.bufsize}). */
        BODY_LENGTH,
        /** {@code req.body_size}: the body's declared size ({@code Content-Length}); none for a chunked one. */
        BODY_SIZE,
        /** {@code fe_conn}: the connections open on this frontend now. */
        FRONTEND_CONNECTIONS
    }

    /**
     * {@code hdr_cnt(<name>)}, {@code req.hdr_cnt(<name>)}: how many values the header has, comma-separated
     * values counted apart as HAProxy's {@code hdr()} splits them; an empty name counts every header line.
     */
    record HeaderCount(String name) implements NumberSample {
        public HeaderCount {
            Require.nonNull(name, "hdr_cnt");
        }
    }

    /** {@code be_conn(<backend>)}: the requests that backend is serving or queueing now. */
    record BackendConnections(String backend) implements NumberSample {
        public BackendConnections {
            Require.name(backend, "be_conn backend");
        }
    }
}
