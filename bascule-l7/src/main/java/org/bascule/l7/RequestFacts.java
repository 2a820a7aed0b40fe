package org.bascule.l7;

import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What conditions and header formats read about one request: the request head, the client
 * (as a PROXY header named it under {@code accept-proxy}), the address it connected to, whether
 * it came over TLS, and the request rate of its tracked key ({@code track-sc}).
 */
final class RequestFacts {

    final HttpRequest request;
    final InetSocketAddress client;
    final InetSocketAddress local;
    final boolean tls;
    final String path;
    final String query;
    /** Requests per period of the tracked key, per counter sc0..sc2; -1 when not tracked. */
    final long[] trackedRate = {-1, -1, -1};

    RequestFacts(HttpRequest request, InetSocketAddress client, InetSocketAddress local, boolean tls) {
        this.request = request;
        this.client = client;
        this.local = local;
        this.tls = tls;
        String uri = request.uri();
        int q = uri.indexOf('?');
        String p = q < 0 ? uri : uri.substring(0, q);
        // Absolute-form targets (RFC 9112 §3.2.2): the path starts after the authority.
        if (p.startsWith("http://") || p.startsWith("https://")) {
            int slash = p.indexOf('/', p.indexOf("//") + 2);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        this.path = p;
        this.query = q < 0 ? "" : uri.substring(q + 1);
    }

    /** The last value of a header, as HAProxy's {@code hdr()} without an occurrence. */
    Optional<String> header(String name) {
        var all = request.headers().getAll(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    PickKey pickKey() {
        return new PickKey(client.getAddress(), path, query, this::header);
    }
}
