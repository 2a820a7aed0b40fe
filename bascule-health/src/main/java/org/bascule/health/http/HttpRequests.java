package org.bascule.health.http;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The GET a health check sends, byte for byte what keepalived sends ({@code request_template}
 * in {@code keepalived/check/check_http.c}), so servers that filter or log keepalived's
 * checks see the same thing: {@code User-Agent: KeepAliveClient}, and a {@code Host} that is
 * the virtualhost when one is configured, else the address and port checked (an IPv6 address
 * in brackets, RFC 2732).
 */
public final class HttpRequests {

    private HttpRequests() {
    }

    public static byte[] get(String path, Optional<String> virtualhost, InetSocketAddress server, HttpVersion version) {
        return request("GET", path, virtualhost, server, version);
    }

    /** The same request with another method (HAProxy's {@code option httpchk OPTIONS|HEAD|...}). */
    public static byte[] request(String method, String path, Optional<String> virtualhost, InetSocketAddress server, HttpVersion version) {
        String host = virtualhost.orElseGet(() -> {
            String ip = server.getAddress().getHostAddress();
            int zone = ip.indexOf('%');
            if (zone >= 0) {
                ip = ip.substring(0, zone);
            }
            return (server.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + server.getPort();
        });
        for (String part : new String[] {path, host}) {
            if (part.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("path or virtualhost: '" + part + "' (expected: no line break)");
            }
        }
        String request = method + " " + path + " HTTP/1." + version.minor() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (version.close() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }
}
