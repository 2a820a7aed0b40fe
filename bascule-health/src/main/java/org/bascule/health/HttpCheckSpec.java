package org.bascule.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.health.http.FetchTarget;
import org.bascule.health.http.HttpVersion;

/**
 * keepalived's {@code HTTP_GET} and, with {@code tls}, {@code SSL_GET}: GET every url over its own
 * connection to {@code connect_ip}:{@code connect_port}; the server is alive when each answers
 * with an accepted status and, where a {@code digest} is given, a body of that MD5.
 *
 * @param connectTo      {@code connect_ip}/{@code connect_port}, default the real server
 * @param bindTo         {@code bindto}/{@code bind_port}
 * @param connectTimeout {@code connect_timeout}, also the limit on each read
 * @param timing         {@code delay_loop}, {@code retry} (default 1), {@code delay_before_retry}
 *                       (default 3 s for HTTP_GET), {@code alpha}, {@code warmup}
 * @param tls            SSL_GET
 * @param enableSni      {@code enable_sni}: send the url's virtualhost as TLS server name
 * @param version        {@code http_protocol}
 * @param urls           the url blocks, at least one, checked in order
 * @param preamble       bytes sent on each connection before the request (ISO-8859-1 chars), e.g.
 *                       the PROXY protocol header HAProxy puts on checks of a {@code send-proxy}
 *                       server; empty for keepalived
 */
public record HttpCheckSpec(
        InetSocketAddress connectTo,
        Optional<InetSocketAddress> bindTo,
        Duration connectTimeout,
        CheckTiming timing,
        boolean tls,
        boolean enableSni,
        HttpVersion version,
        List<UrlSpec> urls,
        String preamble) implements CheckSpec {

    /** keepalived's HTTP_GET / SSL_GET: nothing before the request. */
    public HttpCheckSpec(InetSocketAddress connectTo, Optional<InetSocketAddress> bindTo, Duration connectTimeout, CheckTiming timing,
            boolean tls, boolean enableSni, HttpVersion version, List<UrlSpec> urls) {
        this(connectTo, bindTo, connectTimeout, timing, tls, enableSni, version, urls, "");
    }

    public HttpCheckSpec {
        Objects.requireNonNull(connectTo, "connectTo");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(version, "version");
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        Objects.requireNonNull(preamble, "preamble");
        if (preamble.chars().anyMatch(c -> c > 0xff)) {
            throw new IllegalArgumentException("preamble: not bytes (expected: ISO-8859-1 characters only)");
        }
        if (tls && !preamble.isEmpty()) {
            // it would have to precede the TLS handshake, which the fetch does not do
            throw new IllegalArgumentException("preamble: with SSL_GET (expected: plain HTTP only)");
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException((tls ? "SSL_GET" : "HTTP_GET") + ": no url (expected: at least one url block)");
        }
        if (connectTo.isUnresolved()) {
            throw new IllegalArgumentException("connect_ip: " + connectTo.getHostString() + " (expected: an IP address)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout: " + connectTimeout + " (expected: > 0)");
        }
    }

    /** An HTTP_GET of {@code server} for these urls with keepalived's defaults (retry 1, delay_before_retry 3 s). */
    public static HttpCheckSpec of(InetSocketAddress server, List<UrlSpec> urls) {
        return new HttpCheckSpec(server, Optional.empty(), TcpCheckSpec.DEFAULT_CONNECT_TIMEOUT,
                new CheckTiming(Duration.ofSeconds(60), 1, Duration.ofSeconds(3), false), false, false,
                HttpVersion.HTTP_1_0, urls);
    }

    /** Where and how one url is fetched: the whole exchange may last up to {@code delay_loop}. */
    public FetchTarget fetchTarget(UrlSpec url) {
        Duration deadline = timing.delayLoop().compareTo(connectTimeout) > 0 ? timing.delayLoop() : connectTimeout;
        Optional<FetchTarget.Tls> tlsOptions = tls
                ? Optional.of(new FetchTarget.Tls(enableSni ? url.virtualhost() : Optional.empty()))
                : Optional.empty();
        return new FetchTarget(connectTo, bindTo, connectTimeout, deadline, tlsOptions);
    }

    @Override
    public String label() {
        return (tls ? "SSL_GET " : "HTTP_GET ") + connectTo.getAddress().getHostAddress() + ":" + connectTo.getPort();
    }
}
