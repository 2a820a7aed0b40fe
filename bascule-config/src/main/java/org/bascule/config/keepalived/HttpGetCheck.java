package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code HTTP_GET} or, with {@link #ssl()}, {@code SSL_GET}: GET every url and compare status,
 * digest and regex (keepalived.conf(5)).
 *
 * @param ssl          true for SSL_GET
 * @param urls         the url blocks (at least one)
 * @param httpProtocol {@code http_protocol}: 1.0 (default), 1.0C or 1.1
 * @param enableSni    {@code enable_sni} (SSL_GET)
 * @param fastRecovery {@code fast_recovery}
 * @param virtualhost  {@code virtualhost} of the checker, else the real server's, else the
 *                     virtual server's
 */
public record HttpGetCheck(
        SourcePos pos,
        boolean ssl,
        CheckConnection connection,
        CheckSchedule schedule,
        List<UrlCheck> urls,
        String httpProtocol,
        boolean enableSni,
        boolean fastRecovery,
        Optional<String> virtualhost) implements Checker {

    /** check_http.c: HTTP_PROTOCOL_1_0 unless http_protocol says otherwise. */
    public static final String DEFAULT_HTTP_PROTOCOL = "1.0";

    public HttpGetCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
        urls = List.copyOf(urls);
        Objects.requireNonNull(httpProtocol, "httpProtocol");
        Objects.requireNonNull(virtualhost, "virtualhost");
    }

    @Override
    public CheckerKind kind() {
        return ssl ? CheckerKind.SSL_GET : CheckerKind.HTTP_GET;
    }
}
