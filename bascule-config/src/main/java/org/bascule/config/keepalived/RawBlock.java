package org.bascule.config.keepalived;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * A recognised keyword Bascule does not act on, kept as written so nothing is lost: the
 * keyword, its values, and its block's lines (for {@code static_routes}, {@code bfd_instance},
 * {@code vrrp_track_process}, {@code garp_group}, {@code linkbeat_interfaces} …).
 *
 * @param keyword  e.g. {@code bfd_instance}
 * @param values   the words after the keyword, e.g. the instance name
 * @param children the lines of its block, each a RawBlock (empty for a one-line keyword)
 */
public record RawBlock(SourcePos pos, String keyword, List<String> values, List<RawBlock> children) {

    public RawBlock {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(keyword, "keyword");
        values = List.copyOf(values);
        children = List.copyOf(children);
    }

    /** The first value, or "" (the name of a named block). */
    public String name() {
        return values.isEmpty() ? "" : values.getFirst();
    }
}
