package org.bascule.app;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bascule.health.http.FetchOutcome;
import org.bascule.health.http.FetchTarget;
import org.bascule.health.http.HttpFetch;
import org.bascule.health.http.HttpVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bascule genhash -s IP -p PORT -u PATH}: keepalived's genhash (R-H4). GETs the url the
 * way HTTP_GET/SSL_GET do (same request, same body framing, same TLS without verification)
 * and prints the MD5 of the body to paste into a url's {@code digest}, as
 * {@code MD5SUM = <hex>} like the genhash the tutorial shows. Flags are genhash's:
 * {@code -S} TLS, {@code -I} SNI, {@code -V} virtualhost, {@code -P} protocol, {@code -t}
 * timeout, {@code -v} verbose, {@code -r} release. Unlike keepalived 2.2's genhash, which
 * prints "Connection failed" and exits 0, a failure goes to stderr with exit status 1.
 */
@Command(name = "genhash", sortOptions = false,
        description = "Print the MD5 digest of a url's body, for the digest of an HTTP_GET/SSL_GET url block.")
final class GenhashCommand implements Callable<Integer> {

    @Option(names = {"-s", "--server"}, paramLabel = "IP", required = true, description = "Server address (an IP).")
    String server;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", required = true, description = "Server port.")
    int port;

    @Option(names = {"-u", "--url"}, paramLabel = "PATH", defaultValue = "/", description = "Path to GET (default: /).")
    String url;

    @Option(names = {"-S", "--use-ssl"}, description = "Use TLS (as SSL_GET), without verifying the certificate.")
    boolean ssl;

    @Option(names = {"-I", "--use-sni"}, description = "Send the virtualhost as TLS server name (SNI).")
    boolean sni;

    @Option(names = {"-V", "--use-virtualhost"}, paramLabel = "HOST", description = "Host header (default: IP:PORT).")
    Optional<String> virtualhost;

    @Option(names = {"-P", "--protocol"}, paramLabel = "VERSION", defaultValue = "1.0",
            description = "HTTP protocol: 1.0, 1.0C (1.0 with Connection: close) or 1.1 (default: 1.0).")
    String protocol;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "5",
            description = "Connect and read timeout in seconds (default: 5).")
    double timeout;

    @Option(names = {"-v", "--verbose"}, description = "Also print the status line, body size and time.")
    boolean verbose;

    @Option(names = {"-r", "--release"}, description = "Print the release and exit.")
    boolean release;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return genhash(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int genhash(PrintWriter out, PrintWriter err) {
        if (release) {
            out.println(new BasculeVersion().getVersion()[0]);
            return 0;
        }
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(server); // an address, never a name to resolve (genhash: AI_NUMERICHOST)
        } catch (IllegalArgumentException e) {
            err.println("genhash: server should be an IP, not " + server);
            return 2;
        }
        if (port < 1 || port > 65535) {
            err.println("genhash: port: " + port + " (expected: 1-65535)");
            return 2;
        }
        HttpVersion version;
        Duration limit;
        try {
            version = HttpVersion.fromKeyword(protocol);
            limit = Duration.ofMillis(Math.round(timeout * 1000));
            var target = new FetchTarget(new InetSocketAddress(ip, port), Optional.empty(), limit, limit.multipliedBy(6),
                    ssl ? Optional.of(new FetchTarget.Tls(sni ? virtualhost : Optional.empty())) : Optional.empty());
            FetchOutcome outcome = HttpFetch.get(target, url, virtualhost, version);
            return switch (outcome) {
                case FetchOutcome.Response r -> {
                    if (verbose) {
                        out.printf("%s %d %s, %d body bytes in %d ms%n", r.head().version(), r.head().status(),
                                r.head().reason(), r.bodyBytes(), r.took().toMillis());
                    }
                    out.println("MD5SUM = " + r.md5());
                    yield 0;
                }
                case FetchOutcome.Failed f -> {
                    err.println("genhash: " + f.status().code() + " (" + f.status().text() + "): " + f.detail());
                    yield 1;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("genhash: " + e.getMessage());
            return 2;
        }
    }
}
