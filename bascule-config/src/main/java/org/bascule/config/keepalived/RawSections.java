package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks Bascule recognises but does not act on (yet), checked keyword by keyword and kept as
 * {@link RawBlock}s: {@code vrrp_track_process}, {@code bfd_instance}, {@code garp_group},
 * {@code track_group} (keepalived.conf(5)). Value-list blocks ({@code static_ipaddress},
 * {@code static_routes}, {@code linkbeat_interfaces} …) have no keywords and are kept line by
 * line by {@link TopLevelSection}.
 */
final class RawSections {

    private RawSections() {
    }

    /** The children of a raw block being read. */
    static final class Builder {
        final List<RawBlock> children = new ArrayList<>();
    }

    private static Keyword<Builder> kept(String name, int min, int max, String usage) {
        return Keyword.line(name, min, max, name + (usage.isEmpty() ? "" : " " + usage), "kept as written",
                (ctx, b, s) -> b.children.add(rawLine(s)));
    }

    private static Keyword<Builder> valueBlock(String name, String usage) {
        return Keyword.block(name, 0, 0, name + " { " + usage + " … }", "kept as written", (ctx, b, s) -> b.children.add(raw(s)));
    }

    /** A stanza and its block, verbatim. */
    static RawBlock raw(Stanza s) {
        return new RawBlock(s.pos(), s.name(), s.argTexts(), s.children().stream().map(RawSections::raw).toList());
    }

    private static RawBlock rawLine(Stanza s) {
        return new RawBlock(s.pos(), s.name(), s.argTexts(), List.of());
    }

    static final KeywordTable<Builder> VRRP_TRACK_PROCESS = new KeywordTable<>("vrrp_track_process", List.of(
            kept("process", 1, Keyword.MANY, "NAME [PARAMS…]"), kept("param_match", 1, 1, "initial|partial"),
            kept("weight", 1, 2, "<-254..254> [reverse]"), kept("quorum", 1, 1, "NUM"), kept("quorum_max", 1, 1, "NUM"),
            kept("fork_delay", 1, 1, "SECS"), kept("terminate_delay", 1, 1, "SECS"), kept("delay", 1, 1, "SECS"),
            kept("full_command", 0, 0, "")));

    static final KeywordTable<Builder> BFD_INSTANCE = new KeywordTable<>("bfd_instance", List.of(
            kept("neighbor_ip", 1, 1, "IP"), kept("neighbour_ip", 1, 1, "IP"), kept("source_ip", 1, 1, "IP"),
            kept("min_rx", 1, 1, "MS"), kept("min_tx", 1, 1, "MS"), kept("idle_tx", 1, 1, "MS"), kept("multiplier", 1, 1, "N"),
            kept("passive", 0, 0, ""), kept("ttl", 1, 1, "N"), kept("hoplimit", 1, 1, "N"), kept("max_hops", 1, 1, "N"),
            kept("weight", 1, 2, "<-253..253> [reverse]"), kept("vrrp", 0, 0, ""), kept("checker", 0, 0, "")));

    static final KeywordTable<Builder> GARP_GROUP = new KeywordTable<>("garp_group", List.of(
            kept("garp_interval", 1, 1, "SECONDS"), kept("gna_interval", 1, 1, "SECONDS"), kept("interface", 1, 1, "IFNAME"),
            valueBlock("interfaces", "IFNAME")));

    static final KeywordTable<Builder> TRACK_GROUP = new KeywordTable<>("track_group", List.of(
            valueBlock("group", "VRRP_INSTANCE")));
}
