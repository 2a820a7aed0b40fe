package org.bascule.l7;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bascule.l7.proxyproto.ProxyHeader;
import org.bascule.l7.proxyproto.ProxyHeaderException;
import org.bascule.l7.spec.Condition;
import org.bascule.l7.spec.ForwardFor;
import org.bascule.l7.spec.HttpRequestRule;
import org.bascule.l7.spec.MonitorSpec;
import org.bascule.l7.spec.UseBackendRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an HTTP frontend. Requests arrive whole (bodiless, or a small body
 * aggregated so a failed connection attempt can be retried with the same bytes) or streamed (a
 * head, then body pieces relayed as they come: {@link RequestBodies}), and are handled one at a
 * time, in order (pipelined requests wait in {@link #pending}); responses stream back as the
 * server sends them. Per request: {@code monitor-uri}, {@code stats uri}, {@code http-request} rules, backend
 * choice ({@code use_backend}/{@code default_backend}), {@code option forwardfor}, then an
 * {@link HttpExchange} with a server.
 *
 * <p>Timeouts: {@code timeout http-request} from the first byte of a request (or the connection)
 * to its end, answered 408 when some bytes came; {@code timeout http-keep-alive} while idle
 * between requests, closing silently.
 */
final class HttpFrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpFrontendHandler.class);

    final FrontendRuntime fe;
    final boolean tls;
    InetSocketAddress client;
    InetSocketAddress local;
    ChannelHandlerContext ctx;
    /** The context of the client's HTTP/1 response encoder: proxied responses are written there as bytes, below it. Null on HTTP/2 streams. */
    ChannelHandlerContext rawOut;
    /** Requests read ahead: whole ones, and streamed heads followed by the body pieces read with them. */
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
    private HttpExchange current;
    /** The exchange whose streamed request body is still arriving: body pieces go to it. */
    private HttpExchange receiving;
    /** {@code timeout client} in ns (-1: none): the longest a client may pause within a streamed body. */
    private final long clientTimeoutNanos;
    private int served;
    /** {@code timeout http-request} (else {@code client}) and {@code http-keep-alive} (else the former), in ns; -1: none. */
    private final long firstTimeoutNanos;
    private final long keepAliveTimeoutNanos;
    /** {@code timeout http-request}/{@code http-keep-alive}; {@link #idleAnswer408} while a request may be coming. */
    private LazyTimer idle;
    private boolean idleAnswer408;
    /** A request's small body is being aggregated (RequestBodies.BODY_AWAITED): reads count as activity. */
    private boolean aggregatingBody;
    /** The current request's matching {@code http-request wait-for-body}, if any (set by the rules, read in handle). */
    private HttpRequestRule.WaitForBody bodyWait;
    private boolean closing;
    /**
     * Plain-TCP HTTP/1 connections keep reading while a request is in flight and stop only when
     * a pipelined one is already waiting: switching reads off and on for every request costs two
     * epoll_ctl calls per request. Such connections allow half-closure, so a client that shuts
     * its sending side still gets its answers ({@link #inputShut}). TLS and HTTP/2 stream channels
     * keep the simpler pause-per-request.
     */
    private final boolean readsWhileBusy;
    private boolean readPaused;
    /** The client shut its sending side: answer what was asked, then close. */
    private boolean inputShut;
    /** The client's TCP connection: this channel, or the parent of an HTTP/2 stream. */
    private Channel connection;
    /** The exchange whose server switched protocols (101): the connection now relays bytes to it. */
    private HttpExchange tunnel;
    /** The client side's inactivity limit in the tunnel ({@code timeout tunnel}, else {@code client}), ns; -1: none. */
    private long tunnelIdleNanos = -1;
    /** With {@code timeout tunnel}, server traffic keeps the client side alive too. */
    private boolean tunnelBothWays;
    /** Server connections owned by this client ({@code http-reuse never}, {@code send-proxy}). */
    final Map<LiveServer, Channel> privateConnections = new HashMap<>(2);

    HttpFrontendHandler(FrontendRuntime fe, boolean tls) {
        this.fe = fe;
        this.tls = tls;
        this.readsWhileBusy = !tls;
        this.firstTimeoutNanos = firstTimeout().map(Duration::toNanos).orElse(-1L);
        this.clientTimeoutNanos = fe.spec.timeouts().client().map(Duration::toNanos).orElse(-1L);
        this.keepAliveTimeoutNanos = keepAliveTimeout().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.rawOut = ctx.pipeline().context(HttpResponseEncoder.class);
        this.idle = new LazyTimer(ctx.executor(), this::idleExpired);
        // Added after the TLS handshake and ALPN, the channel is already active.
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (client == null) {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        // An HTTP/2 stream is a child channel of the client's connection, which holds the addresses.
        Channel ch = ctx.channel().parent() instanceof io.netty.channel.socket.SocketChannel sc ? sc : ctx.channel();
        connection = ch;
        client = (InetSocketAddress) ch.remoteAddress();
        local = (InetSocketAddress) ch.localAddress();
        armIdle(firstTimeoutNanos, true);
    }

    private Optional<Duration> firstTimeout() {
        return fe.spec.timeouts().httpRequest().or(() -> fe.spec.timeouts().client());
    }

    private Optional<Duration> keepAliveTimeout() {
        return fe.spec.timeouts().httpKeepAlive().or(this::firstTimeout);
    }

    /** Arms the idle timeout {@code nanos} from now ({@code -1}: none); {@code answer408} for http-request. */
    private void armIdle(long nanos, boolean answer408) {
        if (nanos < 0) {
            idle.disarm();
            return;
        }
        idleAnswer408 = answer408;
        idle.arm(nanos);
    }

    private void idleExpired() {
        if (receiving != null && receiving.awaitingBody()) {
            receiving.bodyTimedOut();
            return;
        }
        if (tunnel != null || receiving != null) {
            ctx.close();
            return;
        }
        if (closing || current != null || !pending.isEmpty()) {
            return;
        }
        if (idleAnswer408) {
            respondLocal(null, HttpResponseStatus.REQUEST_TIMEOUT, ErrorPages.REQUEST_TIMEOUT, true, Map.of());
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case ProxyHeader.Proxied p -> {
                client = p.source();
                local = p.destination();
            }
            case ProxyHeader.Local l -> { }
            case FullHttpRequest req -> {
                aggregatingBody = false;
                if (closing) {
                    req.release();
                    return;
                }
                if (req.decoderResult().isFailure()) {
                    rejectMalformed(req);
                    return;
                }
                accept(req);
            }
            case HttpRequest head -> {
                // A streamed request's head (RequestBodies); its body pieces follow.
                if (!closing) {
                    accept(head);
                }
            }
            case HttpContent piece -> bodyPiece(piece);
            case ByteBuf bytes when tunnel != null -> {
                armIdle(tunnelIdleNanos, false);
                tunnel.fromClient(bytes);
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void accept(HttpRequest req) {
        if (req.headers().size() > fe.global.maxHeaders()) {
            ReferenceCountUtil.release(req);
            fe.badRequests.increment();
            respondLocal(null, HttpResponseStatus.BAD_REQUEST, "400 Bad request: more than "
                    + fe.global.maxHeaders() + " header lines (tune.http.maxhdr)\n", true, Map.of());
            return;
        }
        pending.add(req);
        if (current == null) {
            processNext();
        } else if (readsWhileBusy && !readPaused) {
            // Pipelining: one request waiting is enough; the kernel buffers the rest.
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** A piece of a streamed request body: to the exchange receiving it, or queued behind its head. */
    private void bodyPiece(HttpContent piece) {
        if (closing) {
            piece.release();
            return;
        }
        HttpExchange to = receiving;
        if (to == null) {
            if (!pending.isEmpty()) {
                pending.add(piece);
            } else {
                piece.release();
            }
            return;
        }
        boolean last = piece instanceof LastHttpContent;
        if (last) {
            receiving = null;
            idle.disarm();
            if (!readsWhileBusy) {
                // Back to one request at a time: reading resumes with the answer (requestDone).
                ctx.channel().config().setAutoRead(false);
            }
        }
        to.bodyPiece(piece);
        if (!last && receiving == to && !to.awaitingBody()) {
            // A pause within the body is bounded by timeout client; while the body is being buffered
            // (option http-buffer-request), the timeout http-request armed with the head runs on.
            armIdle(clientTimeoutNanos, false);
        }
    }

    /** The exchange wants more of the body (its server connection takes it), or no more for now. */
    void bodyReads(boolean on) {
        if (receiving != null) {
            ctx.channel().config().setAutoRead(on);
        }
    }

    private void rejectMalformed(FullHttpRequest req) {
        Throwable cause = req.decoderResult().cause();
        req.release();
        fe.badRequests.increment();
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        log.debug("frontend {}: bad request from {}: {}", fe.spec.name(), client, cause.toString());
        respondLocal(null, status, status.code() + " " + status.reasonPhrase() + "\n", true, Map.of());
    }

    private void processNext() {
        HttpObject next;
        while ((next = pending.poll()) != null && !(next instanceof HttpRequest)) {
            ReferenceCountUtil.release(next); // pieces of a body whose request was refused
        }
        if (!(next instanceof HttpRequest req)) {
            return;
        }
        idle.disarm();
        if (!readsWhileBusy) {
            ctx.channel().config().setAutoRead(false);
        }
        fe.requests.increment();
        try {
            handle(req);
        } catch (RuntimeException e) {
            log.warn("frontend {}: request {} {} failed: {}", fe.spec.name(), req.method(), req.uri(), e.toString());
            if (ReferenceCountUtil.refCnt(req) > 0) {
                ReferenceCountUtil.release(req);
            }
            respondLocal(null, HttpResponseStatus.INTERNAL_SERVER_ERROR, "500 Internal Server Error\n", true, Map.of());
        }
    }

    private void handle(HttpRequest req) {
        RequestFacts facts = new RequestFacts(req, client, local, tls, connection, served == 0);
        boolean streamed = !(req instanceof FullHttpRequest);
        // A request answered here while its streamed body is still coming ends the connection: the
        // rest of the body would have to be read and thrown away first.
        boolean clientKeepAlive = HttpUtil.isKeepAlive(req);
        boolean keepAlive = clientKeepAlive && !streamed;
        served++;

        Optional<MonitorSpec> monitor = fe.spec.monitor();
        if (monitor.isPresent() && facts.path.equals(monitor.get().uri())) {
            boolean fail = monitor.get().failWhen().stream().anyMatch(c -> fe.eval.test(c, facts));
            ReferenceCountUtil.release(req);
            respondLocal(req, fail ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK,
                    fail ? ErrorPages.NO_SERVER
                            : "<html><body><h1>200 OK</h1>\nService ready.\n</body></html>\n", !keepAlive, Map.of());
            return;
        }
        if (fe.spec.statsUri().isPresent() && facts.path.equals(fe.spec.statsUri().get())) {
            ReferenceCountUtil.release(req);
            respondLocal(req, HttpResponseStatus.OK, StatsPage.render(fe.proxy), !keepAlive,
                    Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), "text/html; charset=utf-8"));
            return;
        }
        bodyWait = null;
        if (!applyRequestRules(fe.spec.requestRules(), req, facts, keepAlive)) {
            return;
        }
        Optional<String> backendName = Optional.empty();
        for (UseBackendRule r : fe.spec.useBackends()) {
            if (fe.eval.test(r.backend() == null ? Condition.FALSE : r.when(), facts)) {
                backendName = Optional.of(r.backend());
                break;
            }
        }
        if (backendName.isEmpty()) {
            backendName = fe.spec.defaultBackend();
        }
        LiveBackend backend = backendName.map(fe.backends::get).orElse(null);
        if (backend == null) {
            ReferenceCountUtil.release(req);
            respondLocal(req, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ErrorPages.NO_SERVER,
                    !keepAlive, Map.of());
            return;
        }
        if (!applyRequestRules(backend.spec().requestRules(), req, facts, keepAlive)) {
            return;
        }
        fe.spec.forwardFor().or(() -> backend.spec().forwardFor()).ifPresent(ff -> forwardFor(ff, req.headers()));
        boolean http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        boolean upgrade = rawOut != null && !streamed && asksUpgrade(req);
        if (upgrade && !readPaused) {
            // What follows belongs to the protocol switched to, or to the next request if the server
            // refuses: nothing more is read until the answer comes (requestDone resumes).
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
        prepareForServer(req, upgrade);
        current = new HttpExchange(this, req, backend, facts, clientKeepAlive, http10, served == 1, upgrade);
        if (streamed) {
            receiving = current;
        }
        // A streamed body awaited before any server hears of the request: http-request wait-for-body
        // with its own bounds, else option http-buffer-request within timeout http-request (HAProxy).
        long waitNanos = -1;
        if (streamed && bodyWait != null) {
            waitNanos = bodyWait.time().toNanos();
            current.awaitBody(bodyWait.atLeast() > 0 ? (int) bodyWait.atLeast() : fe.global.bufferSize());
        } else if (streamed && (fe.spec.bufferRequest() || backend.spec().bufferRequest())) {
            waitNanos = firstTimeoutNanos;
            current.awaitBody(fe.global.bufferSize());
        }
        current.start();
        if (current != null && current.awaitingBody()) {
            armIdle(waitNanos, true); // 408 past it
        }
        // Body pieces read along with the head (it waited behind another request) follow it.
        while (receiving != null && pending.peek() instanceof HttpContent piece && !(piece instanceof HttpRequest)) {
            pending.poll();
            bodyPiece(piece);
        }
    }

    /**
     * An HTTP/1.1 request with {@code Upgrade} listed in {@code Connection} (RFC 9110 §7.8; a
     * WebSocket opening handshake, RFC 6455 §4.1). HTTP/1.0 requests cannot upgrade, and HTTP/2
     * streams have no Connection field (RFC 9113 §8.2.2).
     */
    private static boolean asksUpgrade(HttpRequest req) {
        return req.protocolVersion().equals(HttpVersion.HTTP_1_1) && req.headers().contains(HttpHeaderNames.UPGRADE)
                && req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /**
     * The server answered 101: from now on the client's bytes go to {@code ex} as they come. The
     * HTTP decoder leaves the pipeline, handing on what it had read past the request as bytes.
     * {@code tunnelNanos}: {@code timeout tunnel}, or -1 (then {@code timeout client} applies).
     */
    void tunnelOpened(HttpExchange ex, long tunnelNanos) {
        tunnel = ex;
        tunnelBothWays = tunnelNanos > 0;
        tunnelIdleNanos = tunnelBothWays ? tunnelNanos : clientTimeoutNanos;
        HttpObject r;
        while ((r = pending.poll()) != null) {
            ReferenceCountUtil.release(r); // a request pipelined behind the upgrade: it cannot be HTTP any more
        }
        var p = ctx.pipeline();
        if (p.get("aggregate") != null) {
            p.remove("aggregate");
        }
        p.remove("bodies");
        p.remove("http-request");
        armIdle(tunnelIdleNanos, false);
        readPaused = false;
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    /** A direction of the tunnel is shut: {@code timeout client-fin}, if set, bounds the client side from now on. */
    void tunnelHalfClosed() {
        fe.spec.timeouts().clientFin().ifPresent(d -> {
            tunnelIdleNanos = d.toNanos();
            armIdle(tunnelIdleNanos, false);
        });
    }

    /** The tunnel is over both ways: the client gets what was relayed, then its connection closes. */
    void tunnelEnded(HttpExchange ex) {
        exchangeEnded(ex);
        closing = true;
        idle.disarm();
        AfterWrites.close(ctx.channel());
    }

    /** Server bytes passed through the tunnel: with {@code timeout tunnel}, activity either way counts. */
    void tunnelActivity() {
        if (tunnelBothWays) {
            armIdle(tunnelIdleNanos, false);
        }
    }

    /** Runs {@code http-request} rules in order; false when one answered the request itself. */
    private boolean applyRequestRules(java.util.List<HttpRequestRule> rules, HttpRequest req, RequestFacts facts, boolean keepAlive) {
        for (HttpRequestRule rule : rules) {
            if (!fe.eval.test(rule.when(), facts)) {
                continue;
            }
            switch (rule) {
                case HttpRequestRule.SetHeader s -> req.headers().set(s.name(), FormatExpander.expand(s.value(), facts));
                case HttpRequestRule.AddHeader a -> req.headers().add(a.name(), FormatExpander.expand(a.value(), facts));
                case HttpRequestRule.DelHeader d -> req.headers().remove(d.name());
                case HttpRequestRule.TrackSource t -> {
                    StickTable table = t.table().flatMap(n -> fe.proxy.stickTable(n)).or(() -> fe.table).orElse(null);
                    if (table != null) {
                        facts.trackedRate[t.counter()] = table.hit(facts.client.getAddress(), System.currentTimeMillis());
                    }
                }
                case HttpRequestRule.Deny d -> {
                    fe.denied.increment();
                    ReferenceCountUtil.release(req);
                    HttpResponseStatus st = HttpResponseStatus.valueOf(d.status());
                    respondLocal(req, st, "<html><body><h1>" + st.code() + " " + st.reasonPhrase()
                            + "</h1>\nRequest forbidden by administrative rules.\n</body></html>\n", true, Map.of());
                    return false;
                }
                case HttpRequestRule.Redirect r -> {
                    String location = switch (r.kind()) {
                        case LOCATION -> r.target();
                        case PREFIX -> (r.target().endsWith("/") ? r.target().substring(0, r.target().length() - 1) : r.target())
                                + req.uri();
                        case SCHEME -> r.target() + "://" + facts.header("host").orElse(local.getHostString()) + req.uri();
                    };
                    ReferenceCountUtil.release(req);
                    respondLocal(req, HttpResponseStatus.valueOf(r.code()), "", !keepAlive,
                            Map.of(HttpHeaderNames.LOCATION.toString(), location));
                    return false;
                }
                case HttpRequestRule.WaitForBody w -> bodyWait = w; // the exchange waits (handle)
                case HttpRequestRule.Tarpit t -> {
                    fe.denied.increment();
                    ReferenceCountUtil.release(req);
                    ctx.executor().schedule(() -> respondLocal(req, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            "500 Internal Server Error\n", true, Map.of()), t.delay().toNanos(), TimeUnit.NANOSECONDS);
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code option forwardfor}: appends the client address unless excepted or (if-none) present. */
    private void forwardFor(ForwardFor ff, HttpHeaders headers) {
        if (ff.except().isPresent() && ff.except().get().contains(client.getAddress())) {
            return;
        }
        if (ff.ifNone() && headers.contains(ff.header())) {
            return;
        }
        headers.add(ff.header(), AddressText.of(client.getAddress()));
    }

    /**
     * The request as the server gets it: HTTP/1.1 keep-alive toward the server whatever the
     * client spoke, hop-by-hop fields removed (RFC 9110 §7.6.1), the body length explicit. A
     * streamed body keeps its framing: chunked (re-chunked by the encoder) or its Content-Length.
     */
    private static void prepareForServer(HttpRequest req, boolean upgrade) {
        HttpHeaders h = req.headers();
        // An upgrade keeps Upgrade and the fields listed with it (a WebSocket's are end-to-end anyway):
        // the server needs them to switch, and Connection then lists them, minus close/keep-alive.
        StringBuilder kept = upgrade ? new StringBuilder() : null;
        for (String listed : h.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : listed.split(",")) {
                String n = name.trim();
                if (n.isEmpty() || n.equalsIgnoreCase("close") || n.equalsIgnoreCase("keep-alive")) {
                    continue;
                }
                if (upgrade) {
                    kept.append(kept.isEmpty() ? "" : ", ").append(n);
                } else {
                    h.remove(n);
                }
            }
        }
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.TRAILER);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, kept.toString());
        } else {
            h.remove(HttpHeaderNames.UPGRADE);
        }
        if (!(req instanceof FullHttpRequest full)) {
            if (h.contains(HttpHeaderNames.TRANSFER_ENCODING) || !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                // The decoder took the chunks apart (or an HTTP/2 body came in DATA frames without a
                // length): the encoder chunks the pieces for the server (RFC 9112 §7.1).
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        } else {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            if (full.content().readableBytes() > 0 || !(req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD))) {
                HttpUtil.setContentLength(req, full.content().readableBytes());
            } else {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /** Answers a request from the balancer itself (monitor, deny, redirect, errors). */
    void respondLocal(HttpRequest forRequest, HttpResponseStatus status, String body, boolean close, Map<String, String> headers) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        int length = content.readableBytes();
        if (forRequest != null && forRequest.method().equals(HttpMethod.HEAD)) {
            // RFC 9110 §9.3.2: the same head as for GET, no body (the split HTTP/1 encoder does not know the method).
            content.clear();
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        headers.forEach(resp.headers()::set);
        HttpUtil.setContentLength(resp, length);
        if (close) {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        fe.countStatus(status.code());
        fe.bytesOut.add(content.readableBytes());
        var f = ctx.writeAndFlush(resp);
        if (close) {
            closing = true;
            f.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        requestDone(true);
    }

    /** The exchange of the current request finished; the next one may start. */
    void requestDone(boolean keepAlive) {
        current = null;
        if (!keepAlive || closing) {
            closing = true;
            ctx.flush();
            ctx.close();
            return;
        }
        if (!pending.isEmpty()) {
            processNext();
            return;
        }
        if (inputShut) {
            closing = true;
            ctx.flush();
            ctx.close();
            return;
        }
        if (!readsWhileBusy || readPaused) {
            readPaused = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
        armIdle(keepAliveTimeoutNanos, false);
    }

    void exchangeEnded(HttpExchange ex) {
        if (current == ex) {
            current = null;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (aggregatingBody) {
            // Bytes came, swallowed by the aggregator: the client is not idle.
            armIdle(clientTimeoutNanos, true);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == RequestBodies.BODY_AWAITED) {
            // timeout http-request bounds the head; the body being aggregated, timeout client its pauses
            // (HAProxy: http-request covers a body only with option http-buffer-request).
            if (!fe.spec.bufferRequest() && current == null && pending.isEmpty()) {
                aggregatingBody = true;
                armIdle(clientTimeoutNanos, true);
            }
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            // Half-closed (only where readsWhileBusy): requests already read are still answered.
            if (tunnel != null) {
                tunnelHalfClosed();
                tunnel.clientShutOutput();
            } else if (current == null && pending.isEmpty()) {
                ctx.close();
            } else {
                inputShut = true;
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idle.cancel();
        if (current != null) {
            current.clientGone();
            current = null;
        }
        receiving = null;
        HttpObject r;
        while ((r = pending.poll()) != null) {
            ReferenceCountUtil.release(r);
        }
        privateConnections.values().forEach(ServerConnector::reset);
        privateConnections.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProxyHeaderException || cause.getCause() instanceof ProxyHeaderException) {
            fe.badProxyHeaders.increment();
            log.warn("frontend {}: PROXY header from {}: {}", fe.spec.name(), ctx.channel().remoteAddress(),
                    (cause instanceof ProxyHeaderException ? cause : cause.getCause()).getMessage());
        } else {
            log.debug("frontend {}: client {}: {}", fe.spec.name(), client, cause.toString());
        }
        ctx.close();
    }
}
