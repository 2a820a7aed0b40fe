package org.bascule.config.haproxy;

import java.util.Objects;

/**
 * One pattern of an ACL, already interpreted for its match method so that the proxy compares
 * without re-parsing.
 */
public sealed interface AclPattern {

    /** A string pattern ({@link MatchMethod#STR}, {@code BEG}, {@code REG} …), as written. */
    record Text(String value) implements AclPattern {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An integer range, inclusive: {@code 5} is 5..5, {@code 1:10} is 1..10, {@code lt 1} is
     * MIN..0, {@code ge 3} is 3..MAX.
     */
    record IntRange(long min, long max) implements AclPattern {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }
    }

    /** An address or network: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}. */
    record IpPrefix(String address, int prefixLength) implements AclPattern {
        public IpPrefix {
            Objects.requireNonNull(address, "address");
        }
    }
}
