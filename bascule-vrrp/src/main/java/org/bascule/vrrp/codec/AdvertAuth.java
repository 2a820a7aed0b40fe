package org.bascule.vrrp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The authentication of a VRRPv2 advert (RFC 3768 §5.3.6 and §5.3.10; RFC 2338 §5.3.6 for the
 * types RFC 3768 removed but keepalived still sends). VRRPv3 has no authentication field: its
 * adverts carry {@link None}.
 */
public sealed interface AdvertAuth {

    /** Octets of the authentication data in a VRRPv2 advert (RFC 3768 §5.3.10). */
    int DATA_LENGTH = 8;

    /** The Auth Type octet. */
    int type();

    /** The 8 octets of Authentication Data, as on the wire. */
    byte[] data();

    /** Auth Type 0: no authentication; the data octets are zero. */
    record None() implements AdvertAuth {
        @Override
        public int type() {
            return 0;
        }

        @Override
        public byte[] data() {
            return new byte[DATA_LENGTH];
        }
    }

    /**
     * Auth Type 1, simple text password ({@code auth_type PASS}): up to 8 octets, zero padded,
     * compared in full (RFC 2338 §5.3.6.1; keepalived copies at most 8 characters of auth_pass).
     */
    record SimpleText(byte[] password) implements AdvertAuth {
        public SimpleText {
            if (password.length != DATA_LENGTH) {
                throw new IllegalArgumentException("password: " + password.length + " octets (expected: 8, zero padded)");
            }
            password = password.clone();
        }

        /** The password as written in {@code auth_pass}, truncated or zero padded to 8 octets. */
        public static SimpleText of(String authPass) {
            return new SimpleText(Arrays.copyOf(authPass.getBytes(StandardCharsets.UTF_8), DATA_LENGTH));
        }

        @Override
        public int type() {
            return 1;
        }

        @Override
        public byte[] data() {
            return password.clone();
        }

        @Override
        public byte[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SimpleText s && Arrays.equals(password, s.password);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(password);
        }

        @Override
        public String toString() {
            // Never print a secret into logs.
            return "SimpleText[password=********]";
        }
    }

    /**
     * Auth Type 2, IP Authentication Header (RFC 2338 §5.3.6.2, keepalived {@code auth_type AH}):
     * the data octets are kept as received.
     */
    record IpAh(byte[] raw) implements AdvertAuth {
        public IpAh {
            if (raw.length != DATA_LENGTH) {
                throw new IllegalArgumentException("raw: " + raw.length + " octets (expected: 8)");
            }
            raw = raw.clone();
        }

        @Override
        public int type() {
            return 2;
        }

        @Override
        public byte[] data() {
            return raw.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IpAh a && Arrays.equals(raw, a.raw);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "IpAh[" + HexFormat.of().formatHex(raw) + "]";
        }
    }
}
