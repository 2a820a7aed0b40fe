package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code IP[/MASK] [brd IP|+|-] [dev IF] [scope SCOPE] [label L]
 * [peer IP] [home] [-nodad] [mngtmpaddr] [noprefixroute] [autojoin] [no_track] [use_vmac]
 * [preferred_lft N|forever] [track_group G]} (keepalived.conf(5), vrrp_ipaddress.c).
 */
final class VirtualIpParser {

    private static final Set<String> FLAGS = Set.of("home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin", "no_track", "use_vmac");
    private static final Set<String> SCOPES = Set.of("site", "link", "host", "nowhere", "global");
    private static final Map<String, String> OPTIONS = Map.of(
            "brd", "an address, + or -", "dev", "an interface name", "scope", "site, link, host, nowhere or global",
            "label", "a label such as eth0:1", "peer", "an address", "preferred_lft", "seconds or forever",
            "track_group", "a track_group name");
    private static final String EXPECTED = "IP[/MASK] followed by options brd, dev, scope, label, peer, preferred_lft, track_group"
            + " or flags home, -nodad, mngtmpaddr, noprefixroute, autojoin, no_track, use_vmac";

    private VirtualIpParser() {
    }

    /**
     * @param staticAddress true in static_ipaddress, the only place where {@code track_group}
     *                      applies (keepalived.conf(5): "The track_group option only applies to
     *                      static addresses/routes/rules")
     */
    static Optional<VirtualIpAddress> parse(ParseContext ctx, Stanza line, boolean staticAddress) {
        if (line.hasBlock()) {
            ctx.error(line.keyword(), "unexpected block after address", "one address per line, without '{'");
            return Optional.empty();
        }
        Optional<Prefix> prefix = Prefix.read(ctx, line.keyword(), "virtual address");
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        InetAddress address = prefix.get().address();
        Optional<Broadcast> brd = Optional.empty();
        Optional<String> dev = Optional.empty();
        Optional<String> scope = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        Optional<String> preferred = Optional.empty();
        Optional<String> trackGroup = Optional.empty();
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 0; i < line.args().size(); i++) {
            Token word = line.arg(i);
            String w = word.text();
            if (FLAGS.contains(w)) {
                flags.add(w);
                continue;
            }
            if (!OPTIONS.containsKey(w) || (w.equals("track_group") && !staticAddress)) {
                ctx.error(word, "unknown address option", w.equals("track_group")
                        ? "track_group only in static_ipaddress; here " + EXPECTED.replace(", track_group", "") : EXPECTED);
                return Optional.empty();
            }
            if (i + 1 >= line.args().size()) {
                ctx.error(word, "missing value after", w + " " + OPTIONS.get(w));
                return Optional.empty();
            }
            Token value = line.arg(++i);
            switch (w) {
                case "brd" -> {
                    if (value.text().equals("+") || value.text().equals("-")) {
                        brd = Optional.of(new Broadcast.HostBits(value.text().equals("+")));
                    } else {
                        Optional<InetAddress> b = Addresses.read(ctx, value, "brd address");
                        if (b.isEmpty()) {
                            return Optional.empty();
                        }
                        brd = Optional.of(new Broadcast.Address(b.get()));
                    }
                }
                case "dev" -> dev = Optional.of(value.text());
                case "scope" -> {
                    if (!SCOPES.contains(value.text())) {
                        ctx.error(value, "invalid scope", OPTIONS.get("scope"));
                        return Optional.empty();
                    }
                    scope = Optional.of(value.text());
                }
                case "label" -> label = Optional.of(value.text());
                case "peer" -> {
                    peer = Addresses.read(ctx, value, "peer address");
                    if (peer.isEmpty()) {
                        return Optional.empty();
                    }
                }
                case "preferred_lft" -> {
                    if (!value.text().equals("forever")) {
                        OptionalLong secs = Values.integer(ctx, value, "preferred_lft", 0, 0xFFFF_FFFFL);
                        if (secs.isEmpty()) {
                            return Optional.empty();
                        }
                    }
                    preferred = Optional.of(value.text());
                }
                case "track_group" -> trackGroup = Optional.of(value.text());
                default -> throw new IllegalStateException("unreachable: option " + w);
            }
        }
        return Optional.of(new VirtualIpAddress(line.pos(), address, prefix.get().length(), brd, dev, scope, label, peer, flags,
                preferred, trackGroup));
    }
}
