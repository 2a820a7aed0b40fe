package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process} and {@code track_bfd} blocks: one {@code NAME [weight N]
 * [reverse|noreverse]} per line (keepalived.conf(5)).
 */
final class TrackingBuilder {

    final List<TrackedRef> interfaces = new ArrayList<>();
    final List<TrackedRef> scripts = new ArrayList<>();
    final List<TrackedRef> files = new ArrayList<>();
    final List<TrackedRef> processes = new ArrayList<>();
    final List<TrackedRef> bfds = new ArrayList<>();

    /** The five tracking keywords as block keywords of a table over {@code T}. */
    static <T> List<Keyword<T>> keywords(java.util.function.Function<T, TrackingBuilder> tracking) {
        return List.of(
                Keyword.block("track_interface", 0, 0, "track_interface { IFNAME [weight <-253..253>] [reverse] … }",
                        "interfaces whose state changes the priority or forces FAULT",
                        (ctx, t, s) -> tracking.apply(t).read(ctx, s, tracking.apply(t).interfaces, 253)),
                Keyword.block("track_script", 0, 0, "track_script { SCRIPT_NAME [weight <-253..253>] [reverse|noreverse] … }",
                        "vrrp_scripts whose result changes the priority or forces FAULT",
                        (ctx, t, s) -> tracking.apply(t).read(ctx, s, tracking.apply(t).scripts, 253)),
                Keyword.block("track_file", 0, 0, "track_file { TRACK_FILE [weight <-254..254>] [reverse|noreverse] … }",
                        "track_files whose value is added to the priority",
                        (ctx, t, s) -> tracking.apply(t).read(ctx, s, tracking.apply(t).files, 254)),
                Keyword.block("track_process", 0, 0, "track_process { PROCESS [weight <-254..254>] [reverse|noreverse] … }",
                        "vrrp_track_processes whose presence changes the priority",
                        (ctx, t, s) -> tracking.apply(t).read(ctx, s, tracking.apply(t).processes, 254)),
                Keyword.block("track_bfd", 0, 0, "track_bfd { BFD_INSTANCE [weight <-253..253>] [reverse|noreverse] … }",
                        "bfd_instances whose state changes the priority",
                        (ctx, t, s) -> tracking.apply(t).read(ctx, s, tracking.apply(t).bfds, 253)));
    }

    private void read(ParseContext ctx, Stanza block, List<TrackedRef> into, int maxWeight) {
        for (Stanza line : block.children()) {
            if (line.hasBlock()) {
                ctx.error(line.keyword(), "unexpected block in " + block.name() + " after", "one name per line");
                continue;
            }
            Optional<Integer> weight = Optional.empty();
            boolean reverse = false;
            boolean ok = true;
            for (int i = 0; i < line.args().size() && ok; i++) {
                Token word = line.arg(i);
                switch (word.text()) {
                    case "weight" -> {
                        if (i + 1 >= line.args().size()) {
                            ctx.error(word, "missing value after", "weight <-" + maxWeight + ".." + maxWeight + ">");
                            ok = false;
                        } else {
                            var value = Values.integer(ctx, line.arg(++i), "weight", -maxWeight, maxWeight);
                            ok = value.isPresent();
                            if (ok) {
                                weight = Optional.of((int) value.getAsLong());
                            }
                        }
                    }
                    case "reverse" -> reverse = true;
                    case "noreverse", "no_reverse" -> reverse = false;
                    default -> {
                        ctx.error(word, "unexpected word in " + block.name() + " entry", "NAME [weight N] [reverse|noreverse]");
                        ok = false;
                    }
                }
            }
            if (ok) {
                into.add(new TrackedRef(line.pos(), line.name(), weight, reverse));
            }
        }
    }

    Tracking build() {
        return new Tracking(interfaces, scripts, files, processes, bfds);
    }
}
