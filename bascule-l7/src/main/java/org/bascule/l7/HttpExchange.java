package org.bascule.l7;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bascule.l7.http1.BodyKind;
import org.bascule.l7.http1.Field;
import org.bascule.l7.http1.ResponseFramingException;
import org.bascule.l7.http1.ResponseHead;
import org.bascule.l7.http1.ResponseHeadRewrite;
import org.bascule.l7.spec.HttpResponseRule;
import org.bascule.l7.spec.HttpReuse;
import org.bascule.l7.spec.ProxyProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's trip to a server and back, on the client connection's event loop.
 *
 * <p>Choosing a server: the backend's {@code balance} picker; when every usable server is at
 * its {@code maxconn} the request waits in the backend queue up to {@code timeout queue}
 * (HAProxy's default: {@code timeout connect}); with no usable server, 503.
 *
 * <p>Retries (HAProxy's {@code retries} and {@code option redispatch}): a failed connect is
 * retried up to {@code retries} times on the same server, the last retry on another one when
 * {@code redispatch} is set; and on another one at once if the server is no longer usable
 * (marked down or put in maintenance meanwhile). Once the request was written the server may
 * have processed it: it is retried (on a new connection) only when its method is idempotent
 * (RFC 9110 §9.2.2) and no response byte came back; otherwise the client gets 502, or its
 * connection is closed if a response had begun.
 *
 * <p>Responses travel as bytes to HTTP/1 clients, as HAProxy forwards them: the server
 * connection's {@link org.bascule.l7.http1.ResponseFramer} finds the head and the body's end, the
 * head is re-emitted with the proxy's edits ({@link ResponseHeadRewrite}) into one buffer, and
 * body bytes go on as slices of the buffers they were read into, written below the client's
 * HTTP encoder. HTTP/2 clients (stream channels that speak {@code HttpObject}s) get the same
 * response rebuilt as objects.
 *
 * <p>Upgrades (WebSocket, RFC 6455 §4; any protocol named by {@code Upgrade}, RFC 9110 §7.8):
 * when an HTTP/1.1 client's request asks for one and the server answers 101, the 101 goes to the
 * client and both connections become a tunnel that relays bytes both ways with back-pressure,
 * as HAProxy does. {@code timeout tunnel}, when set, supersedes {@code timeout client} and
 * {@code timeout server} and counts inactivity in both directions; without it each side keeps
 * its own. A half-close is passed on either way (where the client's connection can carry one:
 * not over TLS, whose close_notify ends both directions); once both directions are shut, or the
 * server closes where it cannot, the tunnel ends.
 *
 * <p>Streamed request bodies ({@link RequestBodies}: chunked, or larger than it buffers): the
 * head waits, with the first pieces, until a new server connection is up (a connect failure is
 * still retried, nothing having been sent), then every piece goes on as it arrives, the client
 * read only while the server connection takes more. Such a request is never sent again once it
 * started (its body is gone), and a response that ends before the body does closes the client
 * connection, which cannot be read in step any more.
 */
final class HttpExchange {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);
    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);

    private final HttpFrontendHandler fe;
    /** The request: whole ({@code FullHttpRequest}), or the head of a streamed one. */
    private final HttpRequest request;
    /** A streamed body's pieces not yet sent (no server connection yet); null for whole requests. */
    private final ArrayDeque<HttpContent> bodyQueue;
    /** The whole body was read (always for whole requests). */
    private boolean bodyComplete;
    /** A streamed request's head went to a server: it can no longer be sent elsewhere. */
    private boolean bodySent;
    /**
     * {@code option http-buffer-request}, {@code http-request wait-for-body}: no server is chosen
     * before the body is complete or {@link #awaitBytes} of it are held, so a slow client holds
     * no server connection.
     */
    private boolean awaitingBody;
    /** Body bytes enough to go on with, when the body is awaited ({@link #awaitBody}); 0: not awaited. */
    private int awaitBytes;
    private int heldBytes;
    private final LiveBackend backend;
    private final RequestFacts facts;
    private final boolean clientKeepAlive;
    /** The client spoke HTTP/1.0: no chunked coding, no interim responses toward it (RFC 9112 §7, RFC 9110 §15.2). */
    private final boolean http10Client;
    private final boolean headRequest;
    /** The request asks to switch protocols ({@code Connection: upgrade} with {@code Upgrade}). */
    private final boolean upgradeAsked;
    /** The server answered 101: both connections relay bytes until one closes. */
    private boolean tunnel;
    /** {@code timeout tunnel} in ns, or -1: then client and server keep their own timeouts. */
    private long tunnelNanos = -1;
    /** The tunnel's directions shut by a FIN: the client's sending side, the server's. */
    private boolean clientShut;
    private boolean serverShut;
    /** Where response bytes go for an HTTP/1 client (below its encoder); null for HTTP/2 streams, which take objects. */
    private final ChannelHandlerContext rawOut;
    /** A close-delimited body re-framed as chunks toward the client. */
    private boolean reframeChunked;
    private final boolean firstOnConnection;
    private final boolean idempotent;
    private final EventLoop loop;
    /** Servers that failed this request (retries), made on the first failure. */
    private Set<LiveServer> failed;
    private int retriesLeft;
    private LiveServer server;
    private Channel serverChannel;
    private ServerHandler serverHandler;
    /** Response bytes sent to the client, added to the counters once at the end. */
    private long bytesOut;
    private boolean reused;
    private boolean holdsSlot;
    private boolean responseStarted;
    private boolean serverKeepAlive;
    private boolean forceClose;
    private boolean finished;
    private LiveBackend.Waiter waiter;
    /** The queue wait ({@code timeout queue}); the server timeout is the server connection's (ServerHandler). */
    private ScheduledFuture<?> timer;
    /** HAProxy's Tw/Tc/Tr/Tt for {@code show stat}'s qtime, ctime, rtime, ttime. */
    private final RequestTimes.Clock times = new RequestTimes.Clock(System::nanoTime);

    HttpExchange(HttpFrontendHandler fe, HttpRequest request, LiveBackend backend, RequestFacts facts,
            boolean clientKeepAlive, boolean http10Client, boolean firstOnConnection, boolean upgradeAsked) {
        this.fe = fe;
        this.upgradeAsked = upgradeAsked;
        this.bodyComplete = request instanceof FullHttpRequest;
        this.bodyQueue = bodyComplete ? null : new ArrayDeque<>(4);
        this.request = request;
        this.backend = backend;
        this.facts = facts;
        this.clientKeepAlive = clientKeepAlive;
        this.http10Client = http10Client;
        this.headRequest = request.method().equals(HttpMethod.HEAD);
        this.rawOut = fe.rawOut;
        this.firstOnConnection = firstOnConnection;
        this.idempotent = IDEMPOTENT.contains(request.method());
        this.loop = fe.ctx.channel().eventLoop();
        this.retriesLeft = backend.spec().retries();
    }

    /** Before {@link #start}: a streamed body is to be awaited up to {@code bytes} before a server is chosen. */
    void awaitBody(int bytes) {
        awaitBytes = bytes;
    }

    void start() {
        backend.total.increment();
        if (bodyQueue != null && awaitBytes > 0) {
            // The client keeps being read meanwhile, within the wait's time (HttpFrontendHandler).
            awaitingBody = true;
            return;
        }
        choose(Set.of());
    }

    /** The body is still being awaited: no server yet. */
    boolean awaitingBody() {
        return awaitingBody;
    }

    /** The wait for the body ran out (timeout http-request, or wait-for-body's time): 408, as HAProxy answers. */
    void bodyTimedOut() {
        fail(HttpResponseStatus.REQUEST_TIMEOUT, ErrorPages.REQUEST_TIMEOUT);
    }

    private void choose(Set<LiveServer> exclude) {
        switch (backend.pick(facts.pickKey(), exclude)) {
            case LiveBackend.Choice.Picked p -> use(p.server());
            case LiveBackend.Choice.Full f -> queue(exclude);
            case LiveBackend.Choice.NoServer n -> fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ErrorPages.NO_SERVER);
        }
    }

    private void queue(Set<LiveServer> exclude) {
        Duration wait = backend.spec().timeouts().queue().or(() -> backend.spec().timeouts().connect()).orElse(DEFAULT_CONNECT);
        LiveBackend.Waiter w = new LiveBackend.Waiter(loop, () -> {
            cancelTimer();
            waiter = null;
            if (!finished) {
                choose(exclude);
            }
        });
        waiter = w;
        backend.enqueue(w);
        timer = loop.schedule(() -> {
            if (w.done.compareAndSet(false, true)) {
                backend.forget(w);
                waiter = null;
                fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        ErrorPages.NO_SERVER);
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void use(LiveServer s) {
        times.serverChosen();
        server = s;
        holdsSlot = true;
        s.noteActive(s.active.incrementAndGet());
        Channel ch = reusable(s);
        if (ch != null) {
            reused = true;
            s.reuses.increment();
            send(ch);
            return;
        }
        reused = false;
        s.connects.increment();
        Duration connect = backend.spec().timeouts().connect().orElse(DEFAULT_CONNECT);
        ChannelFuture f = ServerConnector.connect(s, loop, connect,
                () -> new ChannelHandler[] {new HttpRequestEncoder(), new ServerHandler(s, fe.fe.global.bufferSize())},
                facts.client, facts.local);
        f.addListener(done -> {
            if (finished) {
                ServerConnector.reset(f.channel());
                return;
            }
            if (done.isSuccess()) {
                if (isPrivate(s)) {
                    Channel old = fe.privateConnections.put(s, f.channel());
                    if (old != null) {
                        ServerConnector.reset(old);
                    }
                }
                send(f.channel());
            } else {
                connectFailed(done.cause());
            }
        });
    }

    /** Private connections stay with their client: {@code http-reuse never}, and PROXY-protocol servers (the header names one client). */
    private boolean isPrivate(LiveServer s) {
        return backend.spec().reuse() == HttpReuse.NEVER || s.spec().sendProxy() != ProxyProtocol.NONE;
    }

    private Channel reusable(LiveServer s) {
        if (bodyQueue != null) {
            // A streamed body cannot be sent again: no idle connection the server may be closing.
            return null;
        }
        if (isPrivate(s)) {
            Channel ch = fe.privateConnections.get(s);
            return ch != null && ch.isActive() && ch.pipeline().get(ServerHandler.class).exchange == null ? ch : null;
        }
        // http-reuse safe: a client's first request gets a connection of its own, so a server closing an idle
        // connection at the wrong moment cannot fail it (the client could not know to retry).
        if (backend.spec().reuse() == HttpReuse.SAFE && firstOnConnection) {
            return null;
        }
        return s.pollIdle(loop);
    }

    private Set<LiveServer> failed() {
        if (failed == null) {
            failed = new HashSet<>(4);
        }
        return failed;
    }

    private void connectFailed(Throwable cause) {
        server.connectErrors.increment();
        log.debug("{}: connect failed: {}", server, cause.toString());
        releaseSlot();
        if (retriesLeft <= 0) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    ErrorPages.NO_SERVER);
            return;
        }
        retriesLeft--;
        server.retries.increment();
        failed().add(server);
        boolean redispatch = backend.spec().redispatch() && (retriesLeft == 0 || !server.usable());
        if (redispatch || !server.usable()) {
            if (redispatch) {
                server.redispatches.increment();
            }
            choose(Set.copyOf(failed()));
        } else {
            use(server);
        }
    }

    private void send(Channel ch) {
        times.requestSent();
        serverChannel = ch;
        long timeout = backend.serverTimeoutNanos();
        serverHandler = ch.pipeline().get(ServerHandler.class);
        serverHandler.attach(this, headRequest, upgradeAsked, timeout);
        server.total.increment();
        if (request instanceof FullHttpRequest full) {
            countIn(full.content().readableBytes());
            // No promise to notify per request: a failed write reaches ServerHandler.exceptionCaught, then onServerClosed.
            ch.writeAndFlush(full.retainedDuplicate(), ch.voidPromise());
        } else {
            bodySent = true;
            ch.write(request, ch.voidPromise());
            HttpContent piece;
            while ((piece = bodyQueue.poll()) != null) {
                countIn(piece.content().readableBytes());
                ch.write(piece, ch.voidPromise());
            }
            ch.flush();
            if (!bodyComplete) {
                fe.bodyReads(ch.isWritable());
            }
        }
        if (!fe.ctx.channel().isWritable()) {
            ch.config().setAutoRead(false);
        }
    }

    private void countIn(int n) {
        if (n > 0) {
            fe.fe.bytesIn.add(n);
            server.bytesIn.add(n);
        }
    }

    /**
     * A piece of a streamed request body, as the client sent it: on to the server if the request
     * went there, else held (and the client not read) until a server connection is up.
     */
    void bodyPiece(HttpContent piece) {
        if (piece instanceof LastHttpContent) {
            bodyComplete = true;
        }
        if (finished) {
            piece.release();
            return;
        }
        if (awaitingBody) {
            bodyQueue.add(piece);
            heldBytes += piece.content().readableBytes();
            if (bodyComplete || heldBytes >= awaitBytes) {
                awaitingBody = false;
                choose(Set.of());
                if (!bodyComplete && !finished && !bodySent) {
                    fe.bodyReads(false); // the rest waits for the server connection, as unbuffered bodies do
                }
            }
            return;
        }
        Channel ch = serverChannel;
        if (ch == null || !bodySent) {
            bodyQueue.add(piece);
            if (!bodyComplete) {
                fe.bodyReads(false);
            }
            return;
        }
        countIn(piece.content().readableBytes());
        ch.writeAndFlush(piece, ch.voidPromise());
        // Sending counts as activity toward the server (a long upload is no silent server).
        serverHandler.touch();
        if (!bodyComplete && !ch.isWritable()) {
            fe.bodyReads(false);
        }
    }

    /** {@code timeout server} passed with the server silent (ServerHandler's timer). */
    void serverTimedOut() {
        if (finished) {
            return;
        }
        if (tunnel) {
            // An idle tunnel (timeout tunnel, else server) closes; no response was lost.
            detachServer(true);
            abortClient();
            return;
        }
        server.responseErrors.increment();
        detachServer(true);
        if (responseStarted) {
            abortClient();
        } else {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n");
        }
    }

    /**
     * A response head from the server. Returns whether a chunked body is to come decoded
     * (objects for HTTP/2 clients; an HTTP/1.0 client, which cannot take chunks).
     */
    boolean onResponseHead(ResponseHead head) {
        if (finished) {
            return false;
        }
        times.responseHead();
        if (head.interim()) {
            // 100 Continue: the aggregator already answered the client's Expect. Other 1xx (103 Early
            // Hints) go on to HTTP/1.1 clients as they are (RFC 9110 §15.2); the final response follows.
            // A streamed request's Expect went to the server: its 100 Continue is the client's.
            if ((head.status() != 100 || bodyQueue != null) && rawOut != null && !http10Client) {
                ByteBuf out = rawOut.alloc().buffer(head.length() + 16);
                new ResponseHeadRewrite(head).writeTo(out);
                rawOut.write(out, rawOut.voidPromise());
            }
            return false;
        }
        if (head.status() == 101) {
            openTunnel(head);
            return false;
        }
        responseStarted = true;
        int status = head.status();
        server.countStatus(status);
        fe.fe.countStatus(status);
        serverKeepAlive = head.keepAlive();
        if (!bodyComplete) {
            // Answered before the client finished sending: neither connection can stay in step,
            // and the client is told so.
            serverKeepAlive = false;
            forceClose = true;
        }
        if (rawOut == null) {
            fe.ctx.write(asObject(head), fe.ctx.voidPromise());
            return true;
        }
        BodyKind body = head.bodyKind(headRequest);
        ResponseHeadRewrite out = new ResponseHeadRewrite(head);
        applyResponseRules(fe.fe.spec.responseRules(), out);
        applyResponseRules(backend.spec().responseRules(), out);
        boolean decode = false;
        if (body == BodyKind.CLOSE) {
            // A close-delimited response (RFC 9112 §6.3 rule 8): re-framed as chunked so the client
            // connection can stay open; an HTTP/1.0 client has no chunking and gets the close instead.
            serverKeepAlive = false;
            if (clientKeepAlive && !http10Client) {
                reframeChunked = true;
                out.chunked();
            } else {
                forceClose = true;
            }
        } else if (body == BodyKind.CHUNKED && http10Client) {
            // HTTP/1.0 has no chunked coding: the data go on as they are, delimited by the close.
            decode = true;
            forceClose = true;
            out.unchunked();
        }
        if (!clientKeepAlive || forceClose) {
            out.connection(ResponseHeadRewrite.Connection.CLOSE);
        } else if (http10Client) {
            out.connection(ResponseHeadRewrite.Connection.KEEP_ALIVE);
        }
        ByteBuf bytes = rawOut.alloc().buffer(out.sizeHint());
        out.writeTo(bytes);
        countOut(bytes.readableBytes());
        rawOut.write(bytes, rawOut.voidPromise());
        return decode;
    }

    /**
     * The server switched protocols (the framer allows a 101 only to a request that asked): the
     * 101 goes to the client with the proxy's response rules and {@code Connection: upgrade}, and
     * from now on the server connection carries raw bytes both ways and is never reused.
     */
    private void openTunnel(ResponseHead head) {
        responseStarted = true;
        tunnel = true;
        serverKeepAlive = false;
        forceClose = true;
        server.countStatus(101);
        fe.fe.countStatus(101);
        ResponseHeadRewrite out = new ResponseHeadRewrite(head);
        applyResponseRules(fe.fe.spec.responseRules(), out);
        applyResponseRules(backend.spec().responseRules(), out);
        out.connection(ResponseHeadRewrite.Connection.UPGRADE);
        ByteBuf bytes = rawOut.alloc().buffer(out.sizeHint());
        out.writeTo(bytes);
        countOut(bytes.readableBytes());
        rawOut.write(bytes, rawOut.voidPromise());
        serverChannel.pipeline().remove(HttpRequestEncoder.class);
        // The server may shut its sending side and go on reading (a TCP half-close, RFC 9293 §3.6):
        // with half-closure allowed its FIN arrives as an event (serverShutOutput), not as a close.
        if (fe.ctx.channel().config() instanceof SocketChannelConfig c && c.isAllowHalfClosure()) {
            serverChannel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        tunnelNanos = backend.spec().timeouts().tunnel().map(Duration::toNanos).orElse(-1L);
        serverHandler.inactivity(tunnelNanos > 0 ? tunnelNanos : backend.serverTimeoutNanos());
        fe.tunnelOpened(this, tunnelNanos);
    }

    /** Client bytes through the tunnel (the client stops reading while the server cannot take more). */
    void fromClient(ByteBuf bytes) {
        Channel ch = serverChannel;
        if (finished || ch == null) {
            bytes.release();
            return;
        }
        countIn(bytes.readableBytes());
        ch.writeAndFlush(bytes, ch.voidPromise());
        if (tunnelNanos > 0) {
            serverHandler.touch();
        }
        if (!ch.isWritable()) {
            fe.ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * The client shut its sending side: so does the tunnel toward the server, once what was relayed
     * is written (a shutdown at once would drop it); the server may still answer.
     */
    void clientShutOutput() {
        clientShut = true;
        if (serverShut) {
            endTunnel();
            return;
        }
        if (serverChannel != null) {
            AfterWrites.shutOutput(serverChannel);
            // Half-closed: timeout server-fin, if set, bounds the server side from now on (client-fin: the frontend).
            backend.spec().timeouts().serverFin().ifPresent(d -> serverHandler.inactivity(d.toNanos()));
        }
    }

    /**
     * The server shut its sending side of the tunnel: so does the proxy toward the client, once
     * what was relayed is written, and the client's bytes still go to the server, as HAProxy passes
     * a half-close on. {@code timeout client-fin} and {@code server-fin}, where set, bound the two
     * sides from now on.
     */
    void serverShutOutput() {
        if (!tunnel || finished) {
            return;
        }
        serverShut = true;
        if (clientShut) {
            endTunnel();
            return;
        }
        AfterWrites.shutOutput(fe.ctx.channel());
        backend.spec().timeouts().serverFin().ifPresent(d -> serverHandler.inactivity(d.toNanos()));
        fe.tunnelHalfClosed();
    }

    /** Both directions of the tunnel are shut: each side gets what was relayed to it, then both connections close. */
    private void endTunnel() {
        finished = true;
        cancelTimer();
        closeTunnelServerSide();
        fe.tunnelEnded(this);
    }

    /** A tunnel is over: its times are recorded, and the server gets what was relayed, then a FIN, not a reset. */
    private void closeTunnelServerSide() {
        Channel ch = serverChannel;
        backend.recordTimes(server, times);
        detachServer(false);
        if (ch != null) {
            AfterWrites.close(ch);
        }
        releaseRequest();
    }

    void serverWritabilityChanged(boolean writable) {
        if (tunnel && !finished) {
            fe.ctx.channel().config().setAutoRead(writable);
        } else if (!finished && bodySent && !bodyComplete) {
            fe.bodyReads(writable);
        }
    }

    private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeBytes(new byte[] {'\r', '\n'}).asReadOnly());
    private static final ByteBuf LAST_CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    /** Body bytes, a retained slice of what the server connection read. */
    void onResponseBody(ByteBuf bytes) {
        if (finished) {
            bytes.release();
            return;
        }
        int n = bytes.readableBytes();
        countOut(n);
        if (rawOut == null) {
            fe.ctx.write(new DefaultHttpContent(bytes), fe.ctx.voidPromise());
        } else if (reframeChunked) {
            ByteBuf size = rawOut.alloc().buffer(10);
            ByteBufUtil.writeAscii(size, Integer.toHexString(n));
            size.writeByte('\r').writeByte('\n');
            rawOut.write(size, rawOut.voidPromise());
            rawOut.write(bytes, rawOut.voidPromise());
            rawOut.write(CRLF.duplicate(), rawOut.voidPromise());
        } else {
            rawOut.write(bytes, rawOut.voidPromise());
        }
        if (tunnel) {
            // A tunnel may last hours: its bytes reach the counters as they pass.
            flushByteCount();
            fe.tunnelActivity();
        }
        if (serverChannel != null && !fe.ctx.channel().isWritable()) {
            serverChannel.config().setAutoRead(false);
        }
    }

    /** The response ended; {@code clean} false when the server connection cannot serve again. */
    void onResponseEnd(boolean clean, List<Field> trailers) {
        if (finished) {
            return;
        }
        if (!clean) {
            serverKeepAlive = false;
        }
        if (rawOut == null) {
            LastHttpContent last = trailers.isEmpty() ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultLastHttpContent();
            for (Field f : trailers) {
                last.trailingHeaders().add(f.name(), f.value());
            }
            fe.ctx.write(last, fe.ctx.voidPromise());
        } else if (reframeChunked) {
            rawOut.write(LAST_CHUNK.duplicate(), rawOut.voidPromise());
        }
        finish();
    }

    /** The server's response breaks HTTP/1.1 framing: 502 if nothing went to the client yet (as HAProxy does). */
    void onResponseInvalid(ResponseFramingException e) {
        if (finished) {
            return;
        }
        server.responseErrors.increment();
        log.info("{}: invalid response: {}", server, e.getMessage());
        detachServer(true);
        if (responseStarted) {
            abortClient();
        } else {
            fail(HttpResponseStatus.BAD_GATEWAY,
                    ErrorPages.BAD_GATEWAY);
        }
    }

    private void countOut(int n) {
        bytesOut += n;
    }

    /** Adds the response bytes to the frontend's and server's counters (once: contended adders cost per call). */
    private void flushByteCount() {
        if (bytesOut > 0) {
            fe.fe.bytesOut.add(bytesOut);
            server.bytesOut.add(bytesOut);
            bytesOut = 0;
        }
    }

    /** The response as {@code HttpObject}s for an HTTP/2 stream, with the same edits as the byte path. */
    private HttpResponse asObject(ResponseHead head) {
        HttpResponse resp = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.status(), head.reason()));
        for (int i = 0; i < head.fieldCount(); i++) {
            resp.headers().add(head.name(i), head.value(i));
        }
        var h = resp.headers();
        applyResponseRules(fe.fe.spec.responseRules(), resp);
        applyResponseRules(backend.spec().responseRules(), resp);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.CONNECTION);
        // Chunk framing is gone (decoded): the stream codec frames the data itself.
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        if (!clientKeepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return resp;
    }

    private void applyResponseRules(List<HttpResponseRule> rules, HttpResponse resp) {
        for (HttpResponseRule r : rules) {
            if (!fe.fe.eval.test(r.when(), facts)) {
                continue;
            }
            switch (r) {
                case HttpResponseRule.SetHeader s -> resp.headers().set(s.name(), FormatExpander.expand(s.value(), facts));
                case HttpResponseRule.AddHeader a -> resp.headers().add(a.name(), FormatExpander.expand(a.value(), facts));
                case HttpResponseRule.DelHeader d -> resp.headers().remove(d.name());
            }
        }
    }

    private void applyResponseRules(List<HttpResponseRule> rules, ResponseHeadRewrite out) {
        for (HttpResponseRule r : rules) {
            if (!fe.fe.eval.test(r.when(), facts)) {
                continue;
            }
            switch (r) {
                case HttpResponseRule.SetHeader s -> out.set(s.name(), FormatExpander.expand(s.value(), facts));
                case HttpResponseRule.AddHeader a -> out.add(a.name(), FormatExpander.expand(a.value(), facts));
                case HttpResponseRule.DelHeader d -> out.del(d.name());
            }
        }
    }

    void flushClient() {
        fe.ctx.flush();
    }

    private void finish() {
        finished = true;
        backend.recordTimes(server, times);
        cancelTimer();
        fe.ctx.flush();
        Channel ch = serverChannel;
        detachServer(!serverKeepAlive);
        if (ch != null && serverKeepAlive && ch.isActive()) {
            ch.config().setAutoRead(true);
            if (!isPrivate(server)) {
                server.offerIdle(ch);
            } else if (server.admin() == AdminState.MAINT) {
                ServerConnector.reset(ch);
            }
        }
        releaseRequest();
        fe.exchangeEnded(this);
        fe.requestDone(clientKeepAlive && !forceClose);
    }

    /** Unbinds the server connection from this exchange (closing it if asked) and frees the slot. */
    private void detachServer(boolean close) {
        flushByteCount();
        Channel ch = serverChannel;
        serverChannel = null;
        if (ch != null) {
            ServerHandler h = serverHandler;
            serverHandler = null;
            if (h != null && h.exchange == this) {
                h.detach();
            }
            if (close) {
                ServerConnector.reset(ch);
                if (server != null) {
                    fe.privateConnections.remove(server, ch);
                }
            }
        }
        releaseSlot();
    }

    private void releaseSlot() {
        if (holdsSlot) {
            holdsSlot = false;
            server.active.decrementAndGet();
            backend.slotFreed();
        }
    }

    /** The server connection closed or failed while this exchange used it. */
    void onServerClosed(Throwable cause) {
        if (finished || serverChannel == null) {
            return;
        }
        LiveServer s = server;
        detachServer(true);
        if (responseStarted) {
            s.responseErrors.increment();
            s.serverAborts.increment();
            abortClient();
            return;
        }
        // Nothing came back. A fresh connection may have run the request; only an idempotent one is sent again,
        // and only if it is whole: a streamed body is gone.
        if (idempotent && bodyQueue == null && (reused || retriesLeft > 0)) {
            if (!reused) {
                retriesLeft--;
                s.retries.increment();
                failed().add(s);
            }
            reused = false;
            if (backend.spec().redispatch() || !s.usable()) {
                choose(Set.copyOf(failed()));
            } else {
                use(s);
            }
            return;
        }
        s.responseErrors.increment();
        log.debug("{}: connection lost before a response: {}", s, cause == null ? "closed" : cause.toString());
        fail(HttpResponseStatus.BAD_GATEWAY,
                ErrorPages.BAD_GATEWAY);
    }

    void clientWritabilityChanged(boolean writable) {
        if (serverChannel != null) {
            serverChannel.config().setAutoRead(writable);
        }
    }

    /** The client went away: drop the server side (its half-read response cannot be reused). */
    void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        if (tunnel) {
            closeTunnelServerSide(); // the client closed its tunnel
            return;
        }
        if (waiter != null && waiter.done.compareAndSet(false, true)) {
            backend.forget(waiter);
            backend.queuedClientAborts.increment();
        } else if (server != null) {
            server.clientAborts.increment();
        }
        detachServer(true);
        releaseRequest();
    }

    private void abortClient() {
        finished = true;
        cancelTimer();
        releaseRequest();
        fe.exchangeEnded(this);
        // What was forwarded goes out first: the client sees a response cut short, not a silent close.
        fe.ctx.flush();
        fe.ctx.close();
    }

    private void fail(HttpResponseStatus status, String body) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        releaseSlot();
        releaseRequest();
        fe.exchangeEnded(this);
        fe.respondLocal(request, status, body, !clientKeepAlive || !bodyComplete, Map.of());
    }

    /** Frees the request: a whole one's buffer, or the streamed pieces still held. */
    private void releaseRequest() {
        if (bodyQueue == null) {
            ReferenceCountUtil.release(request);
            return;
        }
        HttpContent piece;
        while ((piece = bodyQueue.poll()) != null) {
            piece.release();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
