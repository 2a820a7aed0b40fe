package org.bascule.l7.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head a proxy sends its client for a server's {@link ResponseHead}: status line as
 * HTTP/1.1, unchanged field lines copied as received, with these edits:
 * <ul>
 * <li>hop-by-hop fields dropped (Connection, Keep-Alive, Proxy-Connection; RFC 9110 §7.6.1),
 *     the proxy stating its own {@link #connection} instead;</li>
 * <li>{@code http-response set-header/add-header/del-header} ({@link #set}, {@link #add},
 *     {@link #del}), in the order given; framing fields (Content-Length, Transfer-Encoding) and
 *     hop-by-hop ones are not theirs to change: the body is framed as the server sent it;</li>
 * <li>{@link #chunked}: a close-delimited body re-framed as chunks for a keep-alive client;
 *     {@link #unchunked}: a chunked body passed decoded (and closed) to a client without chunks.</li>
 * </ul>
 * Pure: bytes and edits in, bytes out.
 */
public final class ResponseHeadRewrite {

    private static final byte[] STATUS_PREFIX = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPGRADE = "Connection: upgrade\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the proxy says in its own Connection field; {@code UPGRADE} with a 101 (RFC 9110 §7.8: its Upgrade field is hop-by-hop). */
    public enum Connection { NONE, CLOSE, KEEP_ALIVE, UPGRADE }

    private final ResponseHead head;
    private boolean[] removed;
    private List<Field> added;
    private boolean chunked;
    private boolean unchunked;
    private Connection connection = Connection.NONE;

    public ResponseHeadRewrite(ResponseHead head) {
        this.head = head;
    }

    /** Replaces every field named {@code name} by one (HAProxy's {@code set-header}). */
    public ResponseHeadRewrite set(String name, String value) {
        if (editable(name)) {
            del(name);
            add(name, value);
        }
        return this;
    }

    /** Appends a field ({@code add-header}). */
    public ResponseHeadRewrite add(String name, String value) {
        if (editable(name)) {
            if (added == null) {
                added = new ArrayList<>(2);
            }
            added.add(new Field(name, safe(value)));
        }
        return this;
    }

    /** Removes every field named {@code name} ({@code del-header}). */
    public ResponseHeadRewrite del(String name) {
        if (!editable(name)) {
            return this;
        }
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.nameIs(i, name)) {
                if (removed == null) {
                    removed = new boolean[head.fieldCount()];
                }
                removed[i] = true;
            }
        }
        if (added != null) {
            added.removeIf(f -> f.name().equalsIgnoreCase(name));
        }
        return this;
    }

    public ResponseHeadRewrite chunked() {
        chunked = true;
        return this;
    }

    public ResponseHeadRewrite unchunked() {
        unchunked = true;
        return this;
    }

    public ResponseHeadRewrite connection(Connection c) {
        connection = c;
        return this;
    }

    /** A value from the configuration may expand to anything: control bytes (CR, LF, NUL) become spaces, never new lines. */
    private static String safe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                StringBuilder b = new StringBuilder(value);
                for (int k = i; k < b.length(); k++) {
                    char d = b.charAt(k);
                    if ((d < 0x20 && d != '\t') || d == 0x7f || d > 0xff) {
                        b.setCharAt(k, d > 0xff ? '?' : ' ');
                    }
                }
                return b.toString();
            }
        }
        return value;
    }

    private static boolean editable(String name) {
        return !(name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                || name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive")
                || name.equalsIgnoreCase("proxy-connection"));
    }

    /** An upper bound of the bytes {@link #writeTo} writes, to size the buffer once. */
    public int sizeHint() {
        int n = head.length() + 2 * head.fieldCount() + 64;
        if (added != null) {
            for (Field f : added) {
                n += f.name().length() + f.value().length() + 4;
            }
        }
        return n;
    }

    public void writeTo(ByteBuf out) {
        // Lines that need no change are copied in runs: for a typical head, a few bulk copies.
        int runStart = 0;
        int runEnd = -1;
        if (head.statusLineVerbatim()) {
            runStart = head.statusLineStart();
            runEnd = head.statusLineEnd();
        } else {
            out.writeBytes(STATUS_PREFIX);
            int s = head.status();
            out.writeByte('0' + s / 100).writeByte('0' + s / 10 % 10).writeByte('0' + s % 10).writeByte(' ');
            head.copyReason(out);
            crlf(out);
        }
        for (int i = 0; i < head.fieldCount(); i++) {
            switch (head.known(i)) {
                case CONNECTION, KEEP_ALIVE, PROXY_CONNECTION -> {
                    continue;
                }
                case TRANSFER_ENCODING -> {
                    if (unchunked) {
                        continue;
                    }
                }
                default -> { }
            }
            if (removed != null && removed[i]) {
                continue;
            }
            if (head.fieldVerbatim(i)) {
                if (runEnd != head.lineStart(i)) {
                    flush(out, runStart, runEnd);
                    runStart = head.lineStart(i);
                }
                runEnd = head.lineEnd(i);
            } else {
                flush(out, runStart, runEnd);
                runEnd = -1;
                head.copyField(i, out);
                crlf(out);
            }
        }
        flush(out, runStart, runEnd);
        if (added != null) {
            for (Field f : added) {
                out.writeCharSequence(f.name(), StandardCharsets.ISO_8859_1);
                out.writeByte(':').writeByte(' ');
                out.writeCharSequence(f.value(), StandardCharsets.ISO_8859_1);
                crlf(out);
            }
        }
        if (chunked) {
            out.writeBytes(CHUNKED);
        }
        switch (connection) {
            case CLOSE -> out.writeBytes(CLOSE);
            case KEEP_ALIVE -> out.writeBytes(KEEP_ALIVE);
            case UPGRADE -> out.writeBytes(UPGRADE);
            case NONE -> { }
        }
        crlf(out);
    }

    private void flush(ByteBuf out, int runStart, int runEnd) {
        if (runEnd > runStart) {
            head.copy(runStart, runEnd, out);
        }
    }

    private static void crlf(ByteBuf out) {
        out.writeByte('\r').writeByte('\n');
    }
}
