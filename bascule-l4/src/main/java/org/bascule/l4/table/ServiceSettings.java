package org.bascule.l4.table;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ipvsadm -A}/{@code -E} set on a virtual service: the scheduler ({@code -s}) and
 * persistence ({@code -p [timeout]}, {@code -M netmask}). {@code ipvsadm -E} replaces both, as
 * {@code ip_vs_edit_service} does: an edit without {@code -p} makes the service non-persistent.
 */
public record ServiceSettings(String scheduler, Optional<Persistence> persistence) {
    public ServiceSettings {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistence, "persistence");
    }
}
