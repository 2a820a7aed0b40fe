package org.bascule.l4.table;

/**
 * How packets reach a real server. The labels are ipvsadm's "Forward" column
 * (ipvsadm.c {@code fwd_name}): keepalived's {@code lb_kind NAT} is Masq, {@code DR} is
 * Route, {@code TUN} is Tunnel; Local is a destination on the balancer itself.
 */
public enum ForwardingMethod {
    MASQ("Masq"),
    ROUTE("Route"),
    TUNNEL("Tunnel"),
    LOCAL("Local");

    private final String ipvsadmLabel;

    ForwardingMethod(String ipvsadmLabel) {
        this.ipvsadmLabel = ipvsadmLabel;
    }

    /** The word ipvsadm prints in its Forward column. */
    public String ipvsadmLabel() {
        return ipvsadmLabel;
    }
}
