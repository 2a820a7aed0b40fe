package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * One line of a {@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process} or {@code track_bfd} block: {@code NAME [weight N] [reverse|noreverse]}.
 *
 * @param name    an interface name, or the name of a vrrp_script / track_file /
 *                vrrp_track_process / bfd_instance
 * @param weight  the weight given on this line; the tracked object's own weight otherwise
 * @param reverse {@code reverse}: adjust the priority the other way
 */
public record TrackedRef(SourcePos pos, String name, Optional<Integer> weight, boolean reverse) {

    public TrackedRef {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(weight, "weight");
    }
}
