package org.bascule.vrrp.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bascule.os.InternetChecksum;

/**
 * Encoder and decoder of VRRP adverts (RFC 3768 §5.3 and RFC 5798 §5.2):
 *
 * <pre>
 *  v2:  | ver=2 type=1 | VRID | Priority | Count IP Addrs | Auth Type | Adver Int (s) | Checksum |
 *       | IPv4 address × count | Authentication Data (8 octets)                              |
 *  v3:  | ver=3 type=1 | VRID | Priority | Count IPvX Addr | rsvd(4) Max Adver Int (cs, 12 bits) | Checksum |
 *       | IPv4 or IPv6 address × count                                                        |
 * </pre>
 *
 * The decoder checks what the message alone can tell (RFC 5798 §7.1: TTL, version, type, length,
 * checksum, v2 auth type); what depends on the instance (VRID, auth, advert_int) is
 * {@link AdvertFilter}'s job. It never throws on input: every defect is a {@link Rejected}.
 */
public final class VrrpCodec {

    /** IP protocol number of VRRP (RFC 5798 §5.1.1.4). */
    public static final int IP_PROTOCOL = 112;
    /** Octets before the addresses. */
    public static final int HEADER_LENGTH = 8;
    /** TTL / Hop Limit every advert is sent and must be received with (RFC 5798 §5.1.1.3). */
    public static final int TTL = 255;
    /** TOS keepalived puts on IPv4 adverts: IPTOS_PREC_INTERNETCONTROL (LAB.md capture). */
    public static final int IPV4_TOS = 0xC0;

    private VrrpCodec() {
    }

    // ---------------------------------------------------------------- decode

    /**
     * Decodes a whole IPv4 packet as a raw IPv4 socket receives it (header included), checking
     * the header VRRP needs (RFC 5798 §5.1.1: protocol 112, TTL 255).
     */
    public static DecodeResult decodeIpv4(ByteBuffer packet) {
        ByteBuffer p = packet.slice();
        int length = p.remaining();
        InetAddress unknown = Inet4.ANY;
        if (length < 20) {
            return new Rejected(unknown, new DropReason.Truncated("ip header", length, 20));
        }
        InetAddress src = Inet4.at(p, 12);
        InetAddress dst = Inet4.at(p, 16);
        int versionIhl = p.get(0) & 0xFF;
        if (versionIhl >> 4 != 4) {
            return new Rejected(src, new DropReason.BadField("ip version", Integer.toString(versionIhl >> 4), "4", DropCounter.PACKET_LENGTH_ERRORS));
        }
        int ihl = (versionIhl & 0x0F) * 4;
        if (ihl < 20 || ihl > length) {
            return new Rejected(src, new DropReason.BadField("ip header length", Integer.toString(ihl), "20-" + Math.min(60, length), DropCounter.PACKET_LENGTH_ERRORS));
        }
        int totalLength = p.getShort(2) & 0xFFFF;
        if (totalLength < ihl || totalLength > length) {
            return new Rejected(src, new DropReason.BadField("ip total length", Integer.toString(totalLength), ihl + "-" + length, DropCounter.PACKET_LENGTH_ERRORS));
        }
        int protocol = p.get(9) & 0xFF;
        if (protocol != IP_PROTOCOL) {
            return new Rejected(src, new DropReason.BadField("ip protocol", Integer.toString(protocol), "112", DropCounter.PACKET_LENGTH_ERRORS));
        }
        int ttl = p.get(8) & 0xFF;
        return decode(src, dst, ttl, p.slice(ihl, totalLength - ihl));
    }

    /**
     * Decodes the VRRP message {@code vrrp} (position to limit) received from {@code source}
     * for {@code destination} with the IP TTL or IPv6 Hop Limit {@code ttl}.
     */
    public static DecodeResult decode(InetAddress source, InetAddress destination, int ttl, ByteBuffer vrrp) {
        boolean ipv6 = source instanceof Inet6Address;
        byte[] m = new byte[vrrp.remaining()];
        vrrp.duplicate().get(m);
        if (ttl != TTL) {
            return new Rejected(source, new DropReason.BadTtl(ttl, ipv6));
        }
        if (m.length < HEADER_LENGTH) {
            return new Rejected(source, new DropReason.Truncated("vrrp header", m.length, HEADER_LENGTH));
        }
        int version = (m[0] & 0xF0) >> 4;
        int type = m[0] & 0x0F;
        VrrpVersion v = switch (version) {
            case 2 -> VrrpVersion.V2;
            case 3 -> VrrpVersion.V3;
            default -> null;
        };
        if (v == null) {
            return new Rejected(source, new DropReason.BadVersion(version, "2 or 3"));
        }
        if (v == VrrpVersion.V2 && ipv6) {
            return new Rejected(source, new DropReason.BadVersion(version, "3 over IPv6 (RFC 3768 is IPv4 only)"));
        }
        if (type != 1) {
            return new Rejected(source, new DropReason.BadType(type));
        }
        int vrid = m[1] & 0xFF;
        int priority = m[2] & 0xFF;
        int count = m[3] & 0xFF;
        int addressLength = ipv6 ? 16 : 4;
        int expected = HEADER_LENGTH + count * addressLength + (v == VrrpVersion.V2 ? AdvertAuth.DATA_LENGTH : 0);
        if (m.length < expected) {
            return new Rejected(source, new DropReason.Truncated("vrrp message", m.length, expected));
        }
        if (m.length != expected) {
            // Trailing octets would be summed into the checksum by a sender that meant them; a
            // count that does not cover them is a malformed packet (RFC 5798 §7.1, "length").
            return new Rejected(source, new DropReason.AddressCountMismatch(count, m.length, expected));
        }
        if (vrid == 0) {
            return new Rejected(source, new DropReason.WrongVrid(0, "1-255"));
        }
        int received = ((m[6] & 0xFF) << 8) | (m[7] & 0xFF);
        int computed = checksum(v, source, destination, m);
        if (received != computed) {
            return new Rejected(source, new DropReason.BadChecksum(received, computed));
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int off = HEADER_LENGTH + i * addressLength;
            addresses.add(address(Arrays.copyOfRange(m, off, off + addressLength)));
        }
        Duration interval;
        AdvertAuth auth;
        if (v == VrrpVersion.V2) {
            int authType = m[4] & 0xFF;
            int seconds = m[5] & 0xFF;
            if (seconds == 0) {
                return new Rejected(source, new DropReason.BadField("advert interval", "0", "1-255 seconds", DropCounter.ADVERT_INTERVAL_ERRORS));
            }
            byte[] data = Arrays.copyOfRange(m, m.length - AdvertAuth.DATA_LENGTH, m.length);
            auth = switch (authType) {
                case 0 -> new AdvertAuth.None();
                case 1 -> new AdvertAuth.SimpleText(data);
                case 2 -> new AdvertAuth.IpAh(data);
                default -> null;
            };
            if (auth == null) {
                return new Rejected(source, new DropReason.BadField("auth type", Integer.toString(authType), "0, 1 or 2", DropCounter.INVALID_AUTH_TYPE));
            }
            interval = Duration.ofSeconds(seconds);
        } else {
            int centis = ((m[4] & 0x0F) << 8) | (m[5] & 0xFF);
            if (centis == 0) {
                return new Rejected(source, new DropReason.BadField("max advert interval", "0", "1-4095 centiseconds", DropCounter.ADVERT_INTERVAL_ERRORS));
            }
            interval = Duration.ofMillis(centis * 10L);
            auth = new AdvertAuth.None();
        }
        return new Received(new VrrpAdvert(v, vrid, priority, interval, addresses, auth), source, destination, ttl);
    }

    // ---------------------------------------------------------------- encode

    /**
     * The VRRP message of {@code advert}, checksum filled in; {@code source} and
     * {@code destination} are the IP addresses it will be sent with (the v3 checksum covers
     * them, RFC 5798 §5.2.8).
     */
    public static byte[] encode(VrrpAdvert advert, InetAddress source, InetAddress destination) {
        boolean v2 = advert.version() == VrrpVersion.V2;
        int addressLength = advert.isIpv6() ? 16 : 4;
        byte[] m = new byte[HEADER_LENGTH + advert.addresses().size() * addressLength + (v2 ? AdvertAuth.DATA_LENGTH : 0)];
        m[0] = (byte) ((advert.version().wire() << 4) | 1);
        m[1] = (byte) advert.vrid();
        m[2] = (byte) advert.priority();
        m[3] = (byte) advert.addresses().size();
        int interval = advert.advertIntervalField();
        if (v2) {
            m[4] = (byte) advert.auth().type();
            m[5] = (byte) interval;
            System.arraycopy(advert.auth().data(), 0, m, m.length - AdvertAuth.DATA_LENGTH, AdvertAuth.DATA_LENGTH);
        } else {
            m[4] = (byte) (interval >> 8);
            m[5] = (byte) interval;
        }
        int off = HEADER_LENGTH;
        for (InetAddress a : advert.addresses()) {
            System.arraycopy(a.getAddress(), 0, m, off, addressLength);
            off += addressLength;
        }
        int sum = checksum(advert.version(), source, destination, m);
        m[6] = (byte) (sum >> 8);
        m[7] = (byte) sum;
        return m;
    }

    /**
     * A whole IPv4 packet as keepalived sends it (TOS 0xc0, no DF, TTL 255, protocol 112, the
     * given identification), for raw sockets that write their own header (IP_HDRINCL).
     */
    public static byte[] encodeIpv4(VrrpAdvert advert, Inet4Address source, Inet4Address destination, int identification) {
        byte[] vrrp = encode(advert, source, destination);
        byte[] p = new byte[20 + vrrp.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) IPV4_TOS).putShort((short) p.length).putShort((short) identification)
                .putShort((short) 0).put((byte) TTL).put((byte) IP_PROTOCOL).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        int sum = InternetChecksum.finish(InternetChecksum.add(0, p, 0, 20));
        b.putShort(10, (short) sum);
        System.arraycopy(vrrp, 0, p, 20, vrrp.length);
        return p;
    }

    // ---------------------------------------------------------------- checksum

    /** The checksum of message {@code m} with its checksum field taken as zero. */
    static int checksum(VrrpVersion version, InetAddress source, InetAddress destination, byte[] m) {
        long sum = 0;
        if (version == VrrpVersion.V3) {
            // RFC 5798 §5.2.8: the pseudo-header of RFC 2460 §8.1 (IPv6) or RFC 768 (IPv4).
            byte[] s = source.getAddress();
            byte[] d = destination.getAddress();
            sum = InternetChecksum.add(sum, s, 0, s.length);
            sum = InternetChecksum.add(sum, d, 0, d.length);
            sum += IP_PROTOCOL + m.length;
        }
        sum = InternetChecksum.add(sum, m, 0, 6);
        sum = InternetChecksum.add(sum, m, 8, m.length - 8);
        return InternetChecksum.finish(sum);
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 octets always make an address", e);
        }
    }

    /** IPv4 helpers for the header fields. */
    private static final class Inet4 {
        static final InetAddress ANY = address(new byte[4]);

        static InetAddress at(ByteBuffer p, int offset) {
            byte[] a = new byte[4];
            p.get(offset, a);
            return address(a);
        }
    }
}
