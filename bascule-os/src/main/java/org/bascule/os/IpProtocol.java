package org.bascule.os;

/** IP protocol numbers (IANA "Assigned Internet Protocol Numbers") the raw sockets carry. */
public final class IpProtocol {

    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    /** VRRP, RFC 3768 section 5.2.4 / RFC 5798 section 5.1.1.4. */
    public static final int VRRP = 112;

    private IpProtocol() {
    }
}
