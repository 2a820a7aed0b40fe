package org.bascule.l7;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.l7.spec.FlagSample;
import org.bascule.l7.spec.NumberSample;
import org.bascule.l7.spec.TextSample;

/**
 * What conditions and header formats read about one request: the request head (and its body when
 * the proxy holds it whole), the client (as a PROXY header named it under {@code accept-proxy}),
 * the address it connected to, whether it came over TLS and with which server name, whether it is
 * its connection's first request, and the request rate of its tracked key ({@code track-sc}).
 */
final class RequestFacts {

    final HttpRequest request;
    final InetSocketAddress client;
    final InetSocketAddress local;
    final boolean tls;
    final String path;
    final String query;
    /** The target has a {@code ?}: {@code query} is a sample, possibly empty. */
    private final boolean hasQuery;
    /** Requests per period of the tracked key, per counter sc0..sc2; -1 when not tracked. */
    final long[] trackedRate = {-1, -1, -1};
    /** The client's TCP connection (the parent of an HTTP/2 stream), where TLS left the server name. */
    private final Channel connection;
    private final boolean firstRequest;

    RequestFacts(HttpRequest request, InetSocketAddress client, InetSocketAddress local, boolean tls, Channel connection,
            boolean firstRequest) {
        this.request = request;
        this.client = client;
        this.local = local;
        this.tls = tls;
        this.connection = connection;
        this.firstRequest = firstRequest;
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
        this.hasQuery = q >= 0;
    }

    /** The last value of a header, as HAProxy's {@code hdr()} without an occurrence. */
    Optional<String> header(String name) {
        var all = request.headers().getAll(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    PickKey pickKey() {
        return new PickKey(client.getAddress(), path, query, this::header);
    }

    /** The values of a string sample; an ACL matches when one of them does. {@code bufferSize}: {@code tune.bufsize}. */
    List<String> texts(TextSample sample, int bufferSize) {
        return switch (sample) {
            case TextSample.Plain p -> switch (p) {
                case URL -> List.of(request.uri());
                case QUERY -> hasQuery ? List.of(query) : List.of();
                case BASE -> {
                    String host = request.headers().get(HttpHeaderNames.HOST);
                    yield List.of(host == null ? path : host + path);
                }
                case PATH_QUERY -> List.of(hasQuery ? path + "?" + query : path);
                case VERSION -> List.of(request.protocolVersion().majorVersion() + "." + request.protocolVersion().minorVersion());
                case SNI -> tls ? SniRecorder.requested(connection).map(List::of).orElse(List.of()) : List.of();
                case BODY -> List.of(body(bufferSize));
            };
            case TextSample.Cookie c -> cookies(c.name());
            case TextSample.UrlParam u -> hasQuery ? parameter(query, u.name(), true) : List.of();
            case TextSample.BodyParam b -> parameter(body(bufferSize), b.name(), false);
        };
    }

    /**
     * An integer sample of the request, or none ({@code req.body_size} of a chunked body). The loads
     * ({@code fe_conn}, {@code be_conn}) are the proxy's, not the request's: {@link ConditionEval} reads them.
     */
    OptionalLong number(NumberSample sample, int bufferSize) {
        return switch (sample) {
            case NumberSample.Plain p -> switch (p) {
                case DESTINATION_PORT -> OptionalLong.of(local.getPort());
                case SOURCE_PORT -> OptionalLong.of(client.getPort());
                case BODY_LENGTH -> OptionalLong.of(Math.min(heldBody().readableBytes(), bufferSize));
                case BODY_SIZE -> {
                    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                    try {
                        yield length != null ? OptionalLong.of(Long.parseLong(length.trim()))
                                : request instanceof FullHttpRequest full && !request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                                ? OptionalLong.of(full.content().readableBytes()) : OptionalLong.empty();
                    } catch (NumberFormatException e) {
                        yield OptionalLong.empty();
                    }
                }
                case FRONTEND_CONNECTIONS -> throw new IllegalArgumentException("fe_conn is not a sample of the request");
            };
            case NumberSample.HeaderCount h -> OptionalLong.of(headerCount(h.name()));
            case NumberSample.BackendConnections b -> throw new IllegalArgumentException("be_conn is not a sample of the request");
        };
    }

    boolean flag(FlagSample sample) {
        return switch (sample) {
            case TLS -> tls;
            case TLS_HAS_SNI -> tls && SniRecorder.requested(connection).isPresent();
            case FIRST_REQUEST -> firstRequest;
        };
    }

    /** The body bytes the proxy holds: a request's aggregated body, or nothing while one streams. */
    private ByteBuf heldBody() {
        return request instanceof FullHttpRequest full ? full.content() : io.netty.buffer.Unpooled.EMPTY_BUFFER;
    }

    /** At most {@code limit} bytes of the held body, one char per byte (it may be binary). */
    private String body(int limit) {
        ByteBuf b = heldBody();
        return b.toString(b.readerIndex(), Math.min(b.readableBytes(), limit), StandardCharsets.ISO_8859_1);
    }

    /** {@code hdr_cnt}: the comma-separated values of every line of the header; with no name, the header lines. */
    private int headerCount(String name) {
        if (name.isEmpty()) {
            return request.headers().size();
        }
        int n = 0;
        for (String line : request.headers().getAll(name)) {
            n += 1 + (int) line.chars().filter(c -> c == ',').count();
        }
        return n;
    }

    /** The values of every cookie {@code name} on the Cookie lines (RFC 6265 §4.2.1: {@code name=value; name2=value2}). */
    private List<String> cookies(String name) {
        List<String> values = new ArrayList<>(1);
        for (String line : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    values.add(pair.substring(eq + 1).trim());
                }
            }
        }
        return values;
    }

    /**
     * The first value of parameter {@code name} in {@code text}, not decoded: HAProxy's
     * {@code url_param} ends a parameter at {@code &} or {@code ;}, {@code req.body_param} at {@code &}.
     */
    private static List<String> parameter(String text, String name, boolean semicolonToo) {
        int from = 0;
        while (from <= text.length()) {
            int end = text.indexOf('&', from);
            if (semicolonToo) {
                int semi = text.indexOf(';', from);
                end = semi >= 0 && (end < 0 || semi < end) ? semi : end;
            }
            if (end < 0) {
                end = text.length();
            }
            int eq = text.indexOf('=', from);
            if (eq > from && eq < end && text.startsWith(name, from) && eq - from == name.length()) {
                return List.of(text.substring(eq + 1, end));
            }
            from = end + 1;
        }
        return List.of();
    }
}
