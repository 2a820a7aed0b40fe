package org.bascule.l7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 request with {@code Connection: close} over a plain socket, to control every header byte. */
final class RawHttp {

    record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).trim();
                }
            }
            return null;
        }
    }

    static Response get(InetSocketAddress to, String host, String path, String... extraHeaders) throws IOException {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : extraHeaders) {
            req.append(h).append("\r\n");
        }
        req.append("Connection: close\r\n\r\n");
        return send(to, new byte[0], req.toString());
    }

    static Response send(InetSocketAddress to, byte[] prefix, String request) throws IOException {
        return send(null, to, prefix, request);
    }

    /** Writes {@code requests} (pipelined, as given) and returns every byte read until the proxy closes. */
    static String exchange(InetSocketAddress to, String requests) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** From source address {@code from} (e.g. 127.0.0.2, so it differs from the proxy's own 127.0.0.1). */
    static Response getFrom(String from, InetSocketAddress to, String path) throws IOException {
        return send(from, to, new byte[0], "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    }

    static Response send(String from, InetSocketAddress to, byte[] prefix, String request) throws IOException {
        try (Socket s = new Socket()) {
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(to, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(prefix);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no complete response head: '" + text + "'");
            }
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Response(status, head, text.substring(end + 4));
        }
    }
}
