package org.bascule.l7.spec;

/** {@code hash-type map-based|consistent}: how hash-based {@link Balance} keys map to servers. */
public enum HashType {
    /** {@code map-based}: key modulo the weighted server table (HAProxy's default); changes move many keys. */
    MAP_BASED,
    /** {@code consistent}: a weighted hash ring; a server going away moves only its own keys. */
    CONSISTENT
}
