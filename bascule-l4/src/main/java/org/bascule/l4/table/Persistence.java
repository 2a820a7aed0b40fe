package org.bascule.l4.table;

/**
 * {@code persistence_timeout} (seconds) and {@code persistence_granularity} (netmask, printed
 * by ipvsadm only when it is not the host mask) of a service.
 */
public record Persistence(int timeoutSeconds, String netmask) {}
