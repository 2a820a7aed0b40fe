package org.bascule.health.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bascule.health.CheckStatus;

/**
 * One GET over a fresh connection, blocking (run it on a virtual thread): connect, TLS for
 * SSL_GET, send keepalived's request, read the head, hash the body with MD5 while it streams
 * in (nothing is buffered but the head). Every failure is a {@link FetchOutcome.Failed} with
 * the layer it happened at; nothing is thrown.
 */
public final class HttpFetch {

    private static final int READ_CHUNK = 8192;

    private HttpFetch() {
    }

    public static FetchOutcome get(FetchTarget target, String path, Optional<String> virtualhost, HttpVersion version) {
        return fetch(target, "GET", path, virtualhost, version);
    }

    /** {@link #get} with another method; a HEAD answer has no body to read. */
    public static FetchOutcome fetch(FetchTarget target, String method, String path, Optional<String> virtualhost, HttpVersion version) {
        return fetch(target, new byte[0], method, path, virtualhost, version);
    }

    /** {@link #fetch} with {@code preamble} (a PROXY protocol header) written before the request. */
    public static FetchOutcome fetch(FetchTarget target, byte[] preamble, String method, String path, Optional<String> virtualhost,
            HttpVersion version) {
        return fetch(target, preamble, method, path, virtualhost, version, 0);
    }

    /**
     * {@link #fetch} that also keeps the first {@code keepBody} bytes of the body in
     * {@link FetchOutcome.Response#bodyStart()} (for HAProxy's {@code http-check expect string}).
     */
    public static FetchOutcome fetch(FetchTarget target, byte[] preamble, String method, String path, Optional<String> virtualhost,
            HttpVersion version, int keepBody) {
        long started = System.nanoTime();
        long deadline = started + target.deadline().toNanos();
        byte[] request;
        try {
            byte[] req = HttpRequests.request(method, path, virtualhost, target.connectTo(), version);
            request = java.util.Arrays.copyOf(preamble, preamble.length + req.length);
            System.arraycopy(req, 0, request, preamble.length, req.length);
        } catch (IllegalArgumentException e) {
            return failed(CheckStatus.UNK, e.getMessage(), started);
        }
        Socket tcp = new Socket();
        try (tcp) {
            if (target.bindTo().isPresent()) {
                try {
                    tcp.bind(target.bindTo().get());
                } catch (IOException e) {
                    return failed(CheckStatus.SOCKERR, "bind " + target.bindTo().get() + ": " + e.getMessage(), started);
                }
            }
            int timeout = millis(target.connectTimeout());
            try {
                tcp.connect(target.connectTo(), timeout);
            } catch (SocketTimeoutException e) {
                return failed(CheckStatus.L4TOUT, "no answer within " + timeout + "ms", started);
            } catch (ConnectException | NoRouteToHostException e) {
                return failed(CheckStatus.L4CON, String.valueOf(e.getMessage()), started);
            }
            tcp.setSoTimeout(timeout);
            Socket channel = tcp;
            if (target.tls().isPresent()) {
                try {
                    channel = handshake(tcp, target);
                } catch (SocketTimeoutException e) {
                    return failed(CheckStatus.L6TOUT, "TLS handshake: no answer within " + timeout + "ms", started);
                } catch (IOException e) {
                    return failed(CheckStatus.L6RSP, "TLS handshake: " + e.getMessage(), started);
                }
            }
            try (Socket s = channel) {
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
                return read(s.getInputStream(), deadline, started, timeout, keepBody);
            }
        } catch (SocketTimeoutException e) {
            return failed(CheckStatus.L7TOUT, "no data within " + millis(target.connectTimeout()) + "ms", started);
        } catch (SSLException e) {
            return failed(CheckStatus.L6RSP, "TLS: " + e.getMessage(), started);
        } catch (IOException e) {
            return failed(CheckStatus.L7RSP, String.valueOf(e.getMessage()), started);
        }
    }

    private static SSLSocket handshake(Socket tcp, FetchTarget target) throws IOException {
        FetchTarget.Tls tls = target.tls().orElseThrow();
        String peer = tls.sni().orElse(target.connectTo().getAddress().getHostAddress());
        SSLSocket ssl = (SSLSocket) UnverifiedTls.factory().createSocket(tcp, peer, target.connectTo().getPort(), true);
        SSLParameters params = ssl.getSSLParameters();
        // SNI only with a name: RFC 6066 §3 forbids literal addresses in server_name
        List<SNIServerName> names = tls.sni().filter(HttpFetch::isHostName).<List<SNIServerName>>map(n -> List.of(new SNIHostName(n)))
                .orElse(List.of());
        params.setServerNames(names);
        params.setEndpointIdentificationAlgorithm(null);
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private static FetchOutcome read(InputStream in, long deadline, long started, int timeout, int keepBody) throws IOException {
        byte[] buf = new byte[READ_CHUNK];
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream(Math.min(keepBody, READ_CHUNK));
        int len = 0;
        HttpResponseHead head = null;
        MessageDigest md5 = md5();
        long body = 0;
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                return failed(CheckStatus.L7TOUT, "response not complete within the check's deadline", started);
            }
            if (head == null && len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, HttpResponseHeads.MAX_HEAD + READ_CHUNK));
            }
            int room = head == null ? buf.length - len : buf.length;
            int n;
            try {
                n = in.read(buf, head == null ? len : 0, room);
            } catch (SocketTimeoutException e) {
                return failed(CheckStatus.L7TOUT, head == null ? "no response within " + timeout + "ms"
                        : "body stalled for " + timeout + "ms", started);
            }
            if (n < 0) {
                break;
            }
            if (head != null) {
                keep(kept, keepBody, buf, 0, n);
                body += digest(md5, buf, 0, n, head, body);
            } else {
                len += n;
                switch (HttpResponseHeads.parse(buf, len)) {
                    case HeadParse.Incomplete i -> {
                    }
                    case HeadParse.Malformed(HttpResponseError error, String detail) -> {
                        return failed(CheckStatus.L7RSP, error + ": " + detail, started);
                    }
                    case HeadParse.Parsed(HttpResponseHead parsed) -> {
                        head = parsed;
                        keep(kept, keepBody, buf, parsed.length(), len - parsed.length());
                        body += digest(md5, buf, parsed.length(), len - parsed.length(), head, 0);
                    }
                }
            }
            if (head != null && head.contentLength().isPresent() && body >= head.contentLength().getAsLong()) {
                break; // all announced bytes are in: no need to wait for the server to close
            }
        }
        if (head == null) {
            return failed(CheckStatus.L7RSP, len == 0 ? "no data received" : "connection closed inside the response head", started);
        }
        String start = kept.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.chunked()) {
            start = ChunkedText.decode(start);
        }
        if (head.contentLength().isPresent() && start.length() > head.contentLength().getAsLong()) {
            start = start.substring(0, (int) head.contentLength().getAsLong());
        }
        return new FetchOutcome.Response(head, HexFormat.of().formatHex(md5.digest()), body, since(started), start);
    }

    /** Keeps bytes of the body until {@code limit} are kept. */
    private static void keep(java.io.ByteArrayOutputStream kept, int limit, byte[] buf, int off, int n) {
        int room = limit - kept.size();
        if (room > 0 && n > 0) {
            kept.write(buf, off, Math.min(room, n));
        }
    }

    /** Hashes what belongs to the body (up to Content-Length) and returns how much that was. */
    private static long digest(MessageDigest md5, byte[] buf, int off, int n, HttpResponseHead head, long already) {
        long take = n;
        if (head.contentLength().isPresent()) {
            take = Math.max(0, Math.min(n, head.contentLength().getAsLong() - already));
        }
        md5.update(buf, off, (int) take);
        return take;
    }

    private static boolean isHostName(String name) {
        if (name.isEmpty() || name.indexOf(':') >= 0) {
            return false;
        }
        return !name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.clamp(d.toMillis(), 1, Integer.MAX_VALUE);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static FetchOutcome failed(CheckStatus status, String detail, long started) {
        return new FetchOutcome.Failed(status, detail, since(started));
    }
}
