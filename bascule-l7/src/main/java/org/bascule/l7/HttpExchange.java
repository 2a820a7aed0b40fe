package org.bascule.l7;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 */
final class HttpExchange {

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);
    private static final int MAX_IDLE_PER_LOOP = 1024;
    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);

    private final HttpFrontendHandler fe;
    private final FullHttpRequest request;
    private final LiveBackend backend;
    private final RequestFacts facts;
    private final boolean clientKeepAlive;
    private final boolean firstOnConnection;
    private final boolean idempotent;
    private final EventLoop loop;
    private final Set<LiveServer> failed = new HashSet<>();
    private int retriesLeft;
    private LiveServer server;
    private Channel serverChannel;
    private boolean reused;
    private boolean holdsSlot;
    private boolean responseStarted;
    private boolean serverKeepAlive;
    private boolean forceClose;
    private boolean finished;
    private LiveBackend.Waiter waiter;
    private ScheduledFuture<?> timer;
    private long lastServerActivity;

    HttpExchange(HttpFrontendHandler fe, FullHttpRequest request, LiveBackend backend, RequestFacts facts,
            boolean clientKeepAlive, boolean firstOnConnection) {
        this.fe = fe;
        this.request = request;
        this.backend = backend;
        this.facts = facts;
        this.clientKeepAlive = clientKeepAlive;
        this.firstOnConnection = firstOnConnection;
        this.idempotent = IDEMPOTENT.contains(request.method());
        this.loop = fe.ctx.channel().eventLoop();
        this.retriesLeft = backend.spec().retries();
    }

    void start() {
        backend.total.increment();
        choose(Set.of());
    }

    private void choose(Set<LiveServer> exclude) {
        switch (backend.pick(facts.pickKey(), exclude)) {
            case LiveBackend.Choice.Picked p -> use(p.server());
            case LiveBackend.Choice.Full f -> queue(exclude);
            case LiveBackend.Choice.NoServer n -> fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");
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
                        "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void use(LiveServer s) {
        server = s;
        holdsSlot = true;
        int now = s.active.incrementAndGet();
        if (now > s.maxActive) {
            s.maxActive = now;
        }
        Channel ch = reusable(s);
        if (ch != null) {
            reused = true;
            send(ch);
            return;
        }
        reused = false;
        Duration connect = backend.spec().timeouts().connect().orElse(DEFAULT_CONNECT);
        ChannelFuture f = ServerConnector.connect(s, loop, connect,
                () -> new ChannelHandler[] {new HttpClientCodec(4096, fe.fe.global.bufferSize(), 65536), new ServerHandler()},
                facts.client, facts.local);
        f.addListener(done -> {
            if (finished) {
                f.channel().close();
                return;
            }
            if (done.isSuccess()) {
                s.forgetOnClose(f.channel());
                if (isPrivate(s)) {
                    Channel old = fe.privateConnections.put(s, f.channel());
                    if (old != null) {
                        old.close();
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

    private void connectFailed(Throwable cause) {
        server.connectErrors.increment();
        log.debug("{}: connect failed: {}", server, cause.toString());
        releaseSlot();
        if (retriesLeft <= 0) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");
            return;
        }
        retriesLeft--;
        server.retries.increment();
        failed.add(server);
        boolean redispatch = backend.spec().redispatch() && (retriesLeft == 0 || !server.usable());
        if (redispatch || !server.usable()) {
            if (redispatch) {
                server.redispatches.increment();
            }
            choose(Set.copyOf(failed));
        } else {
            use(server);
        }
    }

    private void send(Channel ch) {
        serverChannel = ch;
        ch.pipeline().get(ServerHandler.class).exchange = this;
        server.total.increment();
        lastServerActivity = System.nanoTime();
        fe.fe.bytesIn.add(request.content().readableBytes());
        server.bytesIn.add(request.content().readableBytes());
        ch.writeAndFlush(request.retainedDuplicate()).addListener(w -> {
            if (!w.isSuccess() && !finished && serverChannel == ch) {
                onServerClosed(w.cause());
            }
        });
        backend.spec().timeouts().server().ifPresent(this::armServerTimeout);
        if (!fe.ctx.channel().isWritable()) {
            ch.config().setAutoRead(false);
        }
    }

    private void armServerTimeout(Duration d) {
        cancelTimer();
        long due = lastServerActivity + d.toNanos() - System.nanoTime();
        timer = loop.schedule(() -> {
            if (finished) {
                return;
            }
            if (System.nanoTime() - lastServerActivity >= d.toNanos()) {
                serverTimedOut();
            } else {
                armServerTimeout(d);
            }
        }, Math.max(due, 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private void serverTimedOut() {
        server.responseErrors.increment();
        detachServer(true);
        if (responseStarted) {
            abortClient();
        } else {
            fail(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n");
        }
    }

    void onServerMessage(HttpObject msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lastServerActivity = System.nanoTime();
        if (msg instanceof HttpResponse resp) {
            if (resp.status().code() == 100) {
                // Interim 100 Continue: the aggregator already answered the client's Expect.
                ReferenceCountUtil.release(msg);
                return;
            }
            responseStarted = true;
            onResponseHead(resp);
        }
        if (msg instanceof HttpContent c) {
            int n = c.content().readableBytes();
            fe.fe.bytesOut.add(n);
            server.bytesOut.add(n);
            boolean last = msg instanceof LastHttpContent;
            if (msg instanceof HttpResponse) {
                fe.ctx.write(msg);
            } else {
                fe.ctx.write(c);
            }
            if (last) {
                finish();
            }
        } else if (msg instanceof HttpResponse) {
            fe.ctx.write(msg);
        }
        if (serverChannel != null && !fe.ctx.channel().isWritable()) {
            serverChannel.config().setAutoRead(false);
        }
    }

    private void onResponseHead(HttpResponse resp) {
        int status = resp.status().code();
        server.countStatus(status);
        fe.fe.countStatus(status);
        serverKeepAlive = HttpUtil.isKeepAlive(resp);
        var h = resp.headers();
        applyResponseRules(fe.fe.spec.responseRules(), resp);
        applyResponseRules(backend.spec().responseRules(), resp);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.CONNECTION);
        boolean http10Client = request.protocolVersion().equals(HttpVersion.HTTP_1_0) && !request.headers().isEmpty()
                && !clientKeepAlive;
        boolean bodyless = request.method().equals(HttpMethod.HEAD) || status == 204 || status == 304 || status < 200;
        if (!bodyless && !HttpUtil.isContentLengthSet(resp) && !HttpUtil.isTransferEncodingChunked(resp)) {
            // A close-delimited response (RFC 9112 §6.3 rule 8): re-frame it as chunked so the client
            // connection can stay open; an HTTP/1.0 client has no chunking and gets the close instead.
            if (clientKeepAlive) {
                HttpUtil.setTransferEncodingChunked(resp, true);
            } else {
                forceClose = true;
            }
        }
        if (!clientKeepAlive || forceClose || http10Client) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (resp.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        resp.setProtocolVersion(HttpVersion.HTTP_1_1);
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

    void flushClient() {
        fe.ctx.flush();
    }

    private void finish() {
        finished = true;
        cancelTimer();
        fe.ctx.flush();
        Channel ch = serverChannel;
        detachServer(!serverKeepAlive);
        if (ch != null && serverKeepAlive && ch.isActive()) {
            ch.config().setAutoRead(true);
            if (!isPrivate(server)) {
                server.offerIdle(ch, MAX_IDLE_PER_LOOP);
            } else if (server.admin() == AdminState.MAINT) {
                ch.close();
            }
        }
        request.release();
        fe.exchangeEnded(this);
        fe.requestDone(clientKeepAlive && !forceClose);
    }

    /** Unbinds the server connection from this exchange (closing it if asked) and frees the slot. */
    private void detachServer(boolean close) {
        Channel ch = serverChannel;
        serverChannel = null;
        if (ch != null) {
            ServerHandler h = ch.pipeline().get(ServerHandler.class);
            if (h != null) {
                h.exchange = null;
            }
            if (close) {
                ch.close();
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
            abortClient();
            return;
        }
        // Nothing came back. A fresh connection may have run the request; only an idempotent one is sent again.
        if (idempotent && (reused || retriesLeft > 0)) {
            if (!reused) {
                retriesLeft--;
                s.retries.increment();
                failed.add(s);
            }
            reused = false;
            if (backend.spec().redispatch() || !s.usable()) {
                choose(Set.copyOf(failed));
            } else {
                use(s);
            }
            return;
        }
        s.responseErrors.increment();
        log.debug("{}: connection lost before a response: {}", s, cause == null ? "closed" : cause.toString());
        fail(HttpResponseStatus.BAD_GATEWAY,
                "<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n");
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
        if (waiter != null && waiter.done.compareAndSet(false, true)) {
            backend.forget(waiter);
        }
        detachServer(true);
        request.release();
    }

    private void abortClient() {
        finished = true;
        cancelTimer();
        request.release();
        fe.exchangeEnded(this);
        fe.ctx.close();
    }

    private void fail(HttpResponseStatus status, String body) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        releaseSlot();
        request.release();
        fe.exchangeEnded(this);
        fe.respondLocal(null, status, body, !clientKeepAlive, Map.of());
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
