package org.bascule.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HTTP (or HTTPS, with a self-signed certificate made by keytool) server on 127.0.0.1,
 * the JDK's own, whose answers the test changes per path, and which records what each
 * request looked like: Host, User-Agent, source address, and for TLS the SNI name sent.
 */
final class LoopbackWebServer implements AutoCloseable {

    record Page(int status, String body) {}

    record Seen(String path, String host, String userAgent, InetAddress from, String connection) {}

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    final List<Seen> requests = new CopyOnWriteArrayList<>();

    private LoopbackWebServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static LoopbackWebServer http() throws IOException {
        return new LoopbackWebServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50));
    }

    /** HTTPS with a fresh self-signed certificate for CN=localhost; skips the test without keytool. */
    static LoopbackWebServer https(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Assumptions.assumeTrue(Files.isExecutable(keytool), "keytool not found at " + keytool + ": cannot make a certificate");
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        List<String> sni = new CopyOnWriteArrayList<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {new SniRecorder((X509ExtendedKeyManager) kmf.getKeyManagers()[0], sni)},
                null, null);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        LoopbackWebServer s = new LoopbackWebServer(https);
        s.recorderTarget = sni;
        return s;
    }

    private List<String> recorderTarget = List.of();

    /** SNI names the TLS server was asked for, in order. */
    List<String> sni() {
        return List.copyOf(recorderTarget);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    void page(String path, int status, String body) {
        pages.put(path, new Page(status, body));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            requests.add(new Seen(path, ex.getRequestHeaders().getFirst("Host"), ex.getRequestHeaders().getFirst("User-Agent"),
                    ex.getRemoteAddress().getAddress(), Optional.ofNullable(ex.getRequestHeaders().getFirst("Connection")).orElse("")));
            Page page = pages.getOrDefault(path, new Page(404, "not found\n"));
            byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Delegates to the real key manager and notes the server name each handshake asked for. */
    private static final class SniRecorder extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        private final List<String> names;

        SniRecorder(X509ExtendedKeyManager delegate, List<String> names) {
            this.delegate = delegate;
            this.names = names;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            SSLSession session = engine.getHandshakeSession();
            if (session instanceof ExtendedSSLSession ext) {
                List<SNIServerName> requested = ext.getRequestedServerNames();
                names.add(requested.isEmpty() ? "" : ((SNIHostName) requested.getFirst()).getAsciiName());
            }
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
