package org.bascule.vrrp.codec;

/**
 * Why a received packet was dropped (RFC 3768 §7.1, RFC 5798 §7.1 "Receiving VRRP Packets").
 * Each reason names the field at fault, what it held and what would have been accepted, in the
 * {@code field: value (expected: …)} form of STYLE.md; {@link Rejected} adds the peer. A dropped
 * packet never changes the state of an instance.
 */
public sealed interface DropReason {

    /** The header field at fault, e.g. {@code checksum}, {@code ttl}, {@code vrid}. */
    String field();

    /** {@code field: value (expected: …)}. */
    String describe();

    /** The counter this drop increments (keepalived's names, {@code keepalived --signum=STATS}). */
    DropCounter counter();

    /** Fewer octets than the header, the addresses and the v2 authentication need. */
    record Truncated(String field, int length, int needed) implements DropReason {
        @Override
        public String describe() {
            return field + ": " + length + " octets (expected: at least " + needed + ")";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.PACKET_LENGTH_ERRORS;
        }
    }

    /**
     * A field holding a value VRRP never sends: the IPv4 header around the advert (RFC 5798
     * §5.1.1), a zero advert interval, an auth type RFC 2338 does not define.
     */
    record BadField(String field, String value, String expected, DropCounter counter) implements DropReason {
        @Override
        public String describe() {
            return field + ": " + value + " (expected: " + expected + ")";
        }
    }

    /** TTL / Hop Limit not 255: the packet crossed a router (RFC 5798 §5.1.1.3, §7.1). */
    record BadTtl(int ttl, boolean ipv6) implements DropReason {
        @Override
        public String field() {
            return ipv6 ? "hop limit" : "ttl";
        }

        @Override
        public String describe() {
            return field() + ": " + ttl + " (expected: 255)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.IP_TTL_ERRORS;
        }
    }

    /** A version nibble this decoder does not know, or not the instance's {@code version}. */
    record BadVersion(int version, String expected) implements DropReason {
        @Override
        public String field() {
            return "version";
        }

        @Override
        public String describe() {
            return "version: " + version + " (expected: " + expected + ")";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.VERSION_ERRORS;
        }
    }

    /** A type nibble other than 1, ADVERTISEMENT (RFC 5798 §5.2.2). */
    record BadType(int type) implements DropReason {
        @Override
        public String field() {
            return "type";
        }

        @Override
        public String describe() {
            return "type: " + type + " (expected: 1, advertisement)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.INVALID_TYPE;
        }
    }

    /** The Count IPvX Addr field disagrees with the packet's length (RFC 5798 §7.1). */
    record AddressCountMismatch(int count, int length, int expectedLength) implements DropReason {
        @Override
        public String field() {
            return "count";
        }

        @Override
        public String describe() {
            return "count: " + count + " addresses in " + length + " octets (expected: " + expectedLength + " octets)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.PACKET_LENGTH_ERRORS;
        }
    }

    /** The checksum does not verify (RFC 3768 §5.3.8, RFC 5798 §5.2.8). */
    record BadChecksum(int received, int computed) implements DropReason {
        @Override
        public String field() {
            return "checksum";
        }

        @Override
        public String describe() {
            return String.format("checksum: 0x%04x (expected: 0x%04x)", received, computed);
        }

        @Override
        public DropCounter counter() {
            return DropCounter.CHECKSUM_ERRORS;
        }
    }

    /** No instance on this interface has this VRID (RFC 5798 §7.1). */
    record WrongVrid(int vrid, String expected) implements DropReason {
        @Override
        public String field() {
            return "vrid";
        }

        @Override
        public String describe() {
            return "vrid: " + vrid + " (expected: " + expected + ")";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.VRID_ERRORS;
        }
    }

    /** A v2 Auth Type other than the instance's (RFC 3768 §7.1; RFC 2338 §7.1). */
    record AuthTypeMismatch(int received, int expected) implements DropReason {
        @Override
        public String field() {
            return "auth type";
        }

        @Override
        public String describe() {
            return "auth type: " + received + " (expected: " + expected + ")";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.AUTH_TYPE_MISMATCH;
        }
    }

    /** A v2 simple-text password other than {@code auth_pass} (RFC 2338 §5.3.6.1). */
    record AuthFailure() implements DropReason {
        @Override
        public String field() {
            return "auth data";
        }

        @Override
        public String describe() {
            // Neither password is printed: they are secrets.
            return "auth data: password differs (expected: this instance's auth_pass)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.AUTH_FAILURE;
        }
    }

    /** A v2 Adver Int other than {@code advert_int} (RFC 3768 §7.1: MUST be discarded). */
    record IntervalMismatch(int received, int expected) implements DropReason {
        @Override
        public String field() {
            return "advert interval";
        }

        @Override
        public String describe() {
            return "advert interval: " + received + " s (expected: " + expected + " s)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.ADVERT_INTERVAL_ERRORS;
        }
    }

    /** A unicast advert from an address not in {@code unicast_peer} (keepalived drops it too). */
    record UnknownPeer(String peer) implements DropReason {
        @Override
        public String field() {
            return "source";
        }

        @Override
        public String describe() {
            return "source: " + peer + " (expected: one of unicast_peer)";
        }

        @Override
        public DropCounter counter() {
            return DropCounter.UNKNOWN_PEER;
        }
    }
}
