package org.bascule.config.keepalived;

import java.util.List;

/**
 * What a vrrp_instance or vrrp_sync_group tracks (keepalived.conf(5), {@code track_interface},
 * {@code track_script}, {@code track_file}, {@code track_process}, {@code track_bfd}).
 */
public record Tracking(
        List<TrackedRef> interfaces,
        List<TrackedRef> scripts,
        List<TrackedRef> files,
        List<TrackedRef> processes,
        List<TrackedRef> bfds) {

    /** Tracks nothing. */
    public static final Tracking NONE = new Tracking(List.of(), List.of(), List.of(), List.of(), List.of());

    public Tracking {
        interfaces = List.copyOf(interfaces);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        processes = List.copyOf(processes);
        bfds = List.copyOf(bfds);
    }

    /** True when nothing is tracked. */
    public boolean isEmpty() {
        return interfaces.isEmpty() && scripts.isEmpty() && files.isEmpty() && processes.isEmpty() && bfds.isEmpty();
    }
}
