package org.bascule.vrrp.codec;

/** The protocol version in the high nibble of the first octet (RFC 3768 §5.3.1, RFC 5798 §5.2.1). */
public enum VrrpVersion {
    /** RFC 3768: IPv4 only, advert interval in seconds, authentication field. */
    V2(2),
    /** RFC 5798: IPv4 and IPv6, advert interval in centiseconds, checksum with a pseudo-header. */
    V3(3);

    private final int wire;

    VrrpVersion(int wire) {
        this.wire = wire;
    }

    /** The value of the version nibble. */
    public int wire() {
        return wire;
    }
}
