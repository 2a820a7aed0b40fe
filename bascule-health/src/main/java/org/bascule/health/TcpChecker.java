package org.bascule.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * keepalived's {@code TCP_CHECK} ({@code keepalived/check/check_tcp.c}): connect, and success is
 * the connection being established; it is closed at once without sending anything. A refused
 * or unreachable connection is {@code L4CON}, no answer within {@code connect_timeout} is
 * {@code L4TOUT}, and failing to create or bind the socket is {@code SOCKERR}.
 */
public final class TcpChecker implements Checker {

    private final TcpCheckSpec spec;

    public TcpChecker(TcpCheckSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public CheckResult check() {
        long started = System.nanoTime();
        Socket socket = new Socket();
        try (socket) {
            if (spec.bindTo().isPresent()) {
                try {
                    socket.bind(spec.bindTo().get());
                } catch (IOException e) {
                    return result(CheckStatus.SOCKERR, "bind " + spec.bindTo().get() + ": " + e.getMessage(), started);
                }
            }
            socket.connect(spec.connectTo(), timeoutMillis());
            return result(CheckStatus.L4OK, "", started);
        } catch (SocketTimeoutException e) {
            return result(CheckStatus.L4TOUT, "no answer within " + spec.connectTimeout().toMillis() + "ms", started);
        } catch (ConnectException | NoRouteToHostException e) {
            return result(CheckStatus.L4CON, String.valueOf(e.getMessage()), started);
        } catch (IOException e) {
            return result(CheckStatus.SOCKERR, String.valueOf(e.getMessage()), started);
        }
    }

    private int timeoutMillis() {
        return Math.clamp(spec.connectTimeout().toMillis(), 1, Integer.MAX_VALUE);
    }

    private static CheckResult result(CheckStatus status, String detail, long startedNanos) {
        return new CheckResult(status, detail, Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
