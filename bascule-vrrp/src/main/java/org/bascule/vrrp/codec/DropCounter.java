package org.bascule.vrrp.codec;

/**
 * Drop counters, one per kind of bad packet, named after keepalived's per-instance statistics
 * (vrrp.h {@code vrrp_stats}; printed by {@code keepalived --signum=STATS}) so operators find
 * the figures they know.
 */
public enum DropCounter {
    /** {@code Packet Length Error}: truncated, bad IP header, count/length mismatch. */
    PACKET_LENGTH_ERRORS("packet_length_errors"),
    /** {@code IP TTL Error}. */
    IP_TTL_ERRORS("ip_ttl_errors"),
    /** Unknown version or not the instance's. */
    VERSION_ERRORS("version_errors"),
    /** {@code Invalid Type}. */
    INVALID_TYPE("invalid_type"),
    /** Checksum does not verify. */
    CHECKSUM_ERRORS("checksum_errors"),
    /** No instance with the VRID on the interface. */
    VRID_ERRORS("vrid_errors"),
    /** {@code Invalid Auth Type}. */
    INVALID_AUTH_TYPE("invalid_auth_type"),
    /** {@code Auth Type Mismatch}. */
    AUTH_TYPE_MISMATCH("auth_type_mismatch"),
    /** {@code Authentication Failure}. */
    AUTH_FAILURE("auth_failure"),
    /** {@code Advertisement Interval Error}. */
    ADVERT_INTERVAL_ERRORS("advert_interval_errors"),
    /** A unicast advert from outside {@code unicast_peer}. */
    UNKNOWN_PEER("unknown_peer");

    private final String metricName;

    DropCounter(String metricName) {
        this.metricName = metricName;
    }

    /** The name used in logs and metrics. */
    public String metricName() {
        return metricName;
    }
}
