package org.bascule.os;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ICMP echo (RFC 792) and ICMPv6 echo (RFC 4443 section 4) over raw sockets: what keepalived's
 * {@code PING_CHECK} sends. Unprivileged "ping" sockets are refused on the target machines
 * (LAB.md), so this needs CAP_NET_RAW. Each call opens its own socket, sends one request and
 * waits for the reply to that request (identifier and sequence match, from the target), or
 * for an ICMP error quoting it.
 */
public final class IcmpEcho {

    private static final int ECHO_REQUEST_V4 = 8;
    private static final int ECHO_REPLY_V4 = 0;
    private static final int UNREACHABLE_V4 = 3;
    private static final int TIME_EXCEEDED_V4 = 11;
    private static final int ECHO_REQUEST_V6 = 128;
    private static final int ECHO_REPLY_V6 = 129;
    private static final int UNREACHABLE_V6 = 1;
    private static final int TIME_EXCEEDED_V6 = 3;
    private static final byte[] MARKER = "bascule-ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int ENETUNREACH = 101;
    private static final int EHOSTUNREACH = 113;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private IcmpEcho() {
    }

    /** One echo request to {@code target}, waiting at most {@code timeout}. */
    public static EchoResult ping(InetAddress target, Duration timeout) throws OsException {
        return ping(target, timeout, Optional.empty(), Optional.empty());
    }

    /**
     * One echo request to {@code target} leaving through {@code device} ({@code SO_BINDTODEVICE})
     * from {@code source}, when given, waiting at most {@code timeout}. Socket failures (no
     * CAP_NET_RAW, no such device) are {@link OsException}s; an unreachable target is a result.
     */
    public static EchoResult ping(InetAddress target, Duration timeout, Optional<String> device,
            Optional<InetAddress> source) throws OsException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        IpFamily family = IpFamily.of(target);
        boolean v4 = family == IpFamily.INET;
        int identifier = ThreadLocalRandom.current().nextInt(1, 0x10000);
        int sequence = SEQUENCE.incrementAndGet() & 0xffff;
        try (RawSocket socket = RawSocket.open(family, v4 ? IpProtocol.ICMP : IpProtocol.ICMPV6)) {
            if (device.isPresent()) {
                socket.bindToDevice(device.get());
            }
            if (source.isPresent()) {
                socket.bind(source.get());
            }
            byte[] request = request(v4, identifier, sequence);
            long started = System.nanoTime();
            try {
                socket.send(request, target);
            } catch (OsException e) {
                if (e.errno() == ENETUNREACH || e.errno() == EHOSTUNREACH) {
                    return new EchoResult.Unreachable(Optional.empty(), e.getMessage());
                }
                throw e;
            }
            long deadline = started + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new EchoResult.Timeout(timeout);
                }
                Optional<RawDatagram> got = socket.receive(Duration.ofNanos(left));
                if (got.isEmpty()) {
                    continue;
                }
                Optional<EchoResult> result = match(got.get(), target, v4, identifier, sequence, started);
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
    }

    /** Echo request: type, code, checksum, identifier, sequence, then a marker as data. */
    static byte[] request(boolean v4, int identifier, int sequence) {
        ByteBuffer b = ByteBuffer.allocate(8 + MARKER.length);
        b.put((byte) (v4 ? ECHO_REQUEST_V4 : ECHO_REQUEST_V6)).put((byte) 0).putShort((short) 0);
        b.putShort((short) identifier).putShort((short) sequence).put(MARKER);
        byte[] out = b.array();
        if (v4) {
            // the kernel fills the ICMPv6 checksum itself (it needs the pseudo-header); ICMPv4's is ours
            int checksum = InternetChecksum.of(out, 0, out.length);
            out[2] = (byte) (checksum >>> 8);
            out[3] = (byte) checksum;
        }
        return out;
    }

    private static Optional<EchoResult> match(RawDatagram d, InetAddress target, boolean v4, int identifier, int sequence,
            long started) {
        byte[] p = d.payload();
        if (p.length < 8) {
            return Optional.empty();
        }
        int type = p[0] & 0xff;
        int code = p[1] & 0xff;
        if (type == (v4 ? ECHO_REPLY_V4 : ECHO_REPLY_V6)) {
            if (d.source().equals(target) && u16(p, 4) == identifier && u16(p, 6) == sequence) {
                return Optional.of(new EchoResult.Reply(d.source(), Duration.ofNanos(System.nanoTime() - started), d.ttl()));
            }
            return Optional.empty();
        }
        boolean error = v4 ? (type == UNREACHABLE_V4 || type == TIME_EXCEEDED_V4)
                : (type == UNREACHABLE_V6 || type == TIME_EXCEEDED_V6);
        if (!error || !quotesOurRequest(p, target, v4, identifier, sequence)) {
            return Optional.empty();
        }
        return Optional.of(new EchoResult.Unreachable(Optional.of(d.source()), reason(v4, type, code)));
    }

    /** An ICMP error quotes the offending packet's IP header and its first 8 bytes (RFC 792, RFC 4443 section 3). */
    private static boolean quotesOurRequest(byte[] p, InetAddress target, boolean v4, int identifier, int sequence) {
        int inner = 8;
        int innerHeader;
        byte[] innerDestination;
        if (v4) {
            if (p.length < inner + 20) {
                return false;
            }
            innerHeader = (p[inner] & 0x0f) * 4;
            innerDestination = Arrays.copyOfRange(p, inner + 16, inner + 20);
        } else {
            if (p.length < inner + 40) {
                return false;
            }
            innerHeader = 40;
            innerDestination = Arrays.copyOfRange(p, inner + 24, inner + 40);
        }
        int echo = inner + innerHeader;
        return p.length >= echo + 8 && Arrays.equals(innerDestination, target.getAddress())
                && (p[echo] & 0xff) == (v4 ? ECHO_REQUEST_V4 : ECHO_REQUEST_V6)
                && u16(p, echo + 4) == identifier && u16(p, echo + 6) == sequence;
    }

    private static String reason(boolean v4, int type, int code) {
        if (v4) {
            if (type == TIME_EXCEEDED_V4) {
                return "time to live exceeded";
            }
            return switch (code) {
                case 0 -> "network unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case 9, 10, 13 -> "administratively prohibited";
                default -> "destination unreachable, code " + code;
            };
        }
        if (type == TIME_EXCEEDED_V6) {
            return "hop limit exceeded";
        }
        return switch (code) {
            case 0 -> "no route to destination";
            case 1 -> "administratively prohibited";
            case 3 -> "address unreachable";
            case 4 -> "port unreachable";
            default -> "destination unreachable, code " + code;
        };
    }

    private static int u16(byte[] p, int offset) {
        return ((p[offset] & 0xff) << 8) | (p[offset + 1] & 0xff);
    }
}
