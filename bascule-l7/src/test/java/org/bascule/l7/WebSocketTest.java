package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxyMode;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;
import org.bascule.l7.spec.TlsBind;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSockets through the proxy, with two independent implementations of RFC 6455 at the ends:
 * the JDK's {@code java.net.http.WebSocket} as the client and Netty's WebSocket server codec
 * as the server. The opening handshake is an HTTP/1.1 upgrade the proxy forwards; after the
 * server's 101 the proxy relays frames both ways until one side closes or the tunnel idles out
 * ({@code timeout tunnel}). Upgrades the server refuses, and a 101 nobody asked for, use
 * {@link ScriptedServer}.
 */
class WebSocketTest {

    static EventLoopGroup serverLoop;
    static Channel wsServer;
    static ScriptedServer scripted;
    static HealthMonitor health;
    static L7Proxy proxy;
    /** Request headers of each opening handshake the WebSocket server completed. */
    static final BlockingQueue<HttpHeaders> handshakes = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        wsServer = new ServerBootstrap().group(serverLoop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20),
                                // The JDK client sends a long message as fragments (RFC 6455 §5.4): whole messages are echoed.
                                new WebSocketFrameAggregator(1 << 20), new Echo());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        InetSocketAddress ws = (InetSocketAddress) wsServer.localAddress();
        scripted = new ScriptedServer();
        scripted.on("/refused", "HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nno", false);
        scripted.on("/plain", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes", false);
        scripted.on("/sneaky", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", false);

        // "tunnel": client and server time out at 300 ms, timeout tunnel (1.5 s) supersedes both.
        // "plain": no timeout tunnel, timeout client 400 ms applies to the client side.
        Timeouts base = Timeouts.NONE.withConnect(Duration.ofSeconds(2));
        BackendSpec tunnel = BackendSpec.of("tunnel", List.of(ServerSpec.of("ws1", ws)))
                .withTimeouts(base.withServer(Duration.ofMillis(300)).withTunnel(Duration.ofMillis(1500)));
        BackendSpec plain = BackendSpec.of("plain", List.of(ServerSpec.of("ws2", ws))).withTimeouts(base.withServer(Duration.ofSeconds(30)));
        BackendSpec script = BackendSpec.of("script", List.of(ServerSpec.of("s", scripted.address())));
        BackendSpec tcp = BackendSpec.of("tcp", List.of(ServerSpec.of("t", scripted.address()))).withMode(ProxyMode.TCP)
                .withTimeouts(base.withServer(Duration.ofMillis(300)).withTunnel(Duration.ofMillis(1500)));
        health = new HealthMonitor();
        proxy = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(),
                List.of(frontend("ft", "tunnel", base.withClient(Duration.ofMillis(300))),
                        frontend("fp", "plain", base.withClient(Duration.ofMillis(400))),
                        FrontendSpec.of("fs", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), "script"),
                        new FrontendSpec("ftcp", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.TCP,
                                List.of(), List.of(), List.of(), List.of(), Optional.of("tcp"), Optional.empty(), Optional.empty(),
                                Optional.empty(), Optional.empty(), base.withClient(Duration.ofMillis(300)), 100, false)),
                List.of(tunnel, plain, script, tcp)), health);
    }

    private static FrontendSpec frontend(String name, String backend, Timeouts t) {
        return new FrontendSpec(name, List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", 0))), ProxyMode.HTTP,
                List.of(), List.of(), List.of(), List.of(), Optional.of(backend), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), t, 100, false);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(proxy, health, scripted);
        if (wsServer != null) {
            wsServer.close().sync();
        }
        if (serverLoop != null) {
            serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** The server side: "hello" once the handshake is done, "echo X" for X, a close frame for "bye". */
    private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                handshakes.add(hc.requestHeaders());
                ctx.writeAndFlush(new TextWebSocketFrame("hello"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            if (text.equals("bye")) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(new TextWebSocketFrame("echo " + text));
            }
        }
    }

    /** A JDK WebSocket client: whole text messages in {@link #got}; {@link #closed} completes with the close code, or fails. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> got = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        static Client open(String frontend) throws Exception {
            InetSocketAddress at = proxy.boundAddresses(frontend).getFirst();
            return open(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + at.getPort() + "/ws"));
        }

        static Client open(HttpClient http, URI uri) throws Exception {
            Client c = new Client();
            c.ws = http.newWebSocketBuilder().buildAsync(uri, c).get(5, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                got.add(part.toString());
                part.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            closed.completeExceptionally(error);
        }

        /** Completes when the connection ended either way: a close frame, or the TCP connection cut (what an idle timeout does). */
        CompletableFuture<Boolean> ended() {
            return closed.handle((code, error) -> true);
        }

        String next() throws InterruptedException {
            return got.poll(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void framesTravelBothWaysUntilTheServerCloses() throws Exception {
        handshakes.clear();
        Client c = Client.open("ft");
        assertThat(c.next()).isEqualTo("hello");
        HttpHeaders seen = handshakes.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.get("Upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(seen.get("Connection")).containsIgnoringCase("upgrade");
        assertThat(seen.get("Sec-WebSocket-Key")).isNotBlank();
        c.ws.sendText("one", true).get(5, TimeUnit.SECONDS);
        c.ws.sendText("two", true).get(5, TimeUnit.SECONDS);
        assertThat(c.next()).isEqualTo("echo one");
        assertThat(c.next()).isEqualTo("echo two");
        // 300 kB each way: many reads and writes through the relay, in order.
        String big = "x".repeat(300_000);
        c.ws.sendText(big, true).get(5, TimeUnit.SECONDS);
        String echoed = c.next();
        assertThat(echoed).as("the 300 kB echo").isNotNull();
        assertThat(echoed.length()).isEqualTo(big.length() + 5);
        assertThat(echoed.equals("echo " + big)).as("the 300 kB echo, byte for byte").isTrue();
        c.ws.sendText("bye", true).get(5, TimeUnit.SECONDS);
        assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    /**
     * wss:// as browsers use it: TLS ends at the proxy (a frontend that offers h2 and http/1.1 by
     * ALPN; the JDK client opens WebSockets over HTTP/1.1), the server speaks plain ws.
     */
    @Test
    void aWebSocketOverTlsIsTerminatedAtTheProxy(@TempDir Path dir) throws Exception {
        SelfSigned cert = SelfSigned.make(dir, "127.0.0.1", "IP:127.0.0.1");
        BindSpec tls = new BindSpec(new InetSocketAddress("127.0.0.1", 0), false,
                Optional.of(TlsBind.of(List.of(cert.pem()), List.of("h2", "http/1.1"))), false);
        BackendSpec ws = BackendSpec.of("ws", List.of(ServerSpec.of("w", (InetSocketAddress) wsServer.localAddress())));
        try (L7Proxy secure = L7Proxy.start(new ProxySpec(GlobalSpec.defaults(), List.of(FrontendSpec.of("wss", List.of(tls), "ws")),
                List.of(ws)), health)) {
            SSLContext ctx = cert.trustedBy();
            int port = secure.boundAddresses("wss").getFirst().getPort();
            Client c = Client.open(HttpClient.newBuilder().sslContext(ctx).build(), URI.create("wss://127.0.0.1:" + port + "/ws"));
            assertThat(c.next()).isEqualTo("hello");
            String big = "z".repeat(100_000);
            c.ws.sendText(big, true).get(5, TimeUnit.SECONDS);
            String echoed = c.next();
            assertThat(echoed != null && echoed.equals("echo " + big)).as("the 100 kB echo over TLS").isTrue();
            c.ws.sendText("bye", true).get(5, TimeUnit.SECONDS);
            assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void theClientClosingEndsTheTunnel() throws Exception {
        Client c = Client.open("ft");
        assertThat(c.next()).isEqualTo("hello");
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        // Netty's server answers the close frame and closes; the answer comes back through the tunnel.
        assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    /**
     * timeout tunnel (1.5 s) supersedes timeout client and server (300 ms): a WebSocket silent for
     * 700 ms still works; silent longer than 1.5 s, it is closed. Without timeout tunnel, the
     * client side's 400 ms closes it.
     */
    @Test
    void timeoutTunnelSupersedesClientAndServerTimeouts() throws Exception {
        Client c = Client.open("ft");
        assertThat(c.next()).isEqualTo("hello");
        Thread.sleep(700);
        c.ws.sendText("still there", true).get(5, TimeUnit.SECONDS);
        assertThat(c.next()).isEqualTo("echo still there");
        long quietSince = System.nanoTime();
        c.ended().get(8, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(6));

        Client p = Client.open("fp");
        assertThat(p.next()).isEqualTo("hello");
        long opened = System.nanoTime();
        p.ended().get(8, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofMillis(1200));
    }

    /** In mode tcp a connection is a tunnel from the start: timeout tunnel (1.5 s) supersedes timeout client (300 ms) there too. */
    @Test
    void timeoutTunnelAppliesInTcpMode() throws Exception {
        InetSocketAddress at = proxy.boundAddresses("ftcp").getFirst();
        try (java.net.Socket s = new java.net.Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(8000);
            Thread.sleep(700);
            s.getOutputStream().write("GET /plain HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] answer = new byte[64];
            int n = s.getInputStream().read(answer);
            assertThat(new String(answer, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK");
            long quietSince = System.nanoTime();
            assertThat(s.getInputStream().read()).as("closed by the proxy once idle").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).isBetween(Duration.ofMillis(1200), Duration.ofSeconds(6));
        }
    }

    /** A server that refuses the upgrade answers as usual, and the connection goes on as HTTP. */
    @Test
    void aRefusedUpgradeLeavesTheConnectionHttp() throws Exception {
        InetSocketAddress at = proxy.boundAddresses("fs").getFirst();
        String answer = RawHttp.exchange(at,
                "GET /refused HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                        + "GET /plain HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("\r\n\r\nno").contains("\r\n\r\nyes");
        assertThat(scripted.requests.stream().filter(r -> r.startsWith("GET /refused")).findFirst().orElseThrow())
                .containsIgnoringCase("upgrade: websocket").containsIgnoringCase("connection: upgrade");
    }

    /** A 101 to a request that asked for nothing breaks HTTP: 502, as HAProxy answers. */
    @Test
    void anUnaskedSwitchIsABadGateway() throws Exception {
        InetSocketAddress at = proxy.boundAddresses("fs").getFirst();
        assertThat(RawHttp.get(at, "t", "/sneaky").status()).isEqualTo(502);
    }
}
