package org.bascule.config.keepalived;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/**
 * The {@code virtual_server_group NAME { … }} block: one entry per line, {@code IP [PORT]},
 * an address range {@code A.B.C.D-E [PORT]} / {@code A.B.C.D-E.F.G.H [PORT]} /
 * {@code IP/LEN [PORT]}, or {@code fwmark N [inet|inet6]} (keepalived.conf(5),
 * "Virtual server group(s)").
 */
final class VirtualServerGroupSection {

    private VirtualServerGroupSection() {
    }

    static final class Builder {
        final SourcePos pos;
        final String name;
        final List<VirtualServerGroupEntry> entries = new ArrayList<>();

        Builder(SourcePos pos, String name) {
            this.pos = pos;
            this.name = name;
        }

        /** keepalived removes an empty group ("has no entries - removing"); so is it here, loudly. */
        Optional<VirtualServerGroup> build(ParseContext ctx) {
            if (entries.isEmpty()) {
                ctx.diagnostics().error(pos, "no entry in virtual_server_group", name, "IP [PORT] or fwmark N lines in the block");
                return Optional.empty();
            }
            return Optional.of(new VirtualServerGroup(pos, name, entries));
        }
    }

    /** Reads the lines of the group's block. */
    static void read(ParseContext ctx, Builder b, Stanza block) {
        for (Stanza line : block.children()) {
            if (line.hasBlock()) {
                ctx.error(line.keyword(), "unexpected block in virtual_server_group after", "IP [PORT] or fwmark N, one per line");
                continue;
            }
            if (line.name().equals("fwmark")) {
                fwmark(ctx, b, line);
            } else {
                range(ctx, b, line);
            }
        }
    }

    private static void fwmark(ParseContext ctx, Builder b, Stanza line) {
        if (line.args().isEmpty() || line.args().size() > 2) {
            ctx.error(line.keyword(), line.args().isEmpty() ? "missing value after" : "unexpected values after", "fwmark <1-4294967295> [inet|inet6]");
            return;
        }
        OptionalLong mark = Values.integer(ctx, line.arg(0), "fwmark", 1, 0xFFFF_FFFFL);
        if (mark.isEmpty()) {
            return;
        }
        Optional<IpFamily> family = Optional.empty();
        if (line.args().size() == 2) {
            switch (line.arg(1).text()) {
                case "inet" -> family = Optional.of(IpFamily.INET);
                case "inet6" -> family = Optional.of(IpFamily.INET6);
                default -> {
                    ctx.error(line.arg(1), "invalid fwmark family", "inet or inet6");
                    return;
                }
            }
        }
        b.entries.add(new VirtualServerGroupEntry.Fwmark(line.pos(), mark.getAsLong(), family));
    }

    private static void range(ParseContext ctx, Builder b, Stanza line) {
        if (line.args().size() > 1) {
            ctx.error(line.arg(1), "unexpected extra value", "IP [PORT], A.B.C.D-E [PORT] or IP/LEN [PORT]");
            return;
        }
        Optional<InetAddress[]> bounds = bounds(ctx, line.keyword());
        if (bounds.isEmpty()) {
            return;
        }
        OptionalInt port = OptionalInt.empty();
        if (line.args().size() == 1) {
            OptionalLong p = Values.port(ctx, line.arg(0), "port", false);
            if (p.isEmpty()) {
                return;
            }
            port = OptionalInt.of((int) p.getAsLong());
        }
        b.entries.add(new VirtualServerGroupEntry.AddressRange(line.pos(), bounds.get()[0], bounds.get()[1], port));
    }

    /** First and last address of {@code IP}, {@code IP-LAST}, {@code IP-LASTPART} or {@code IP/LEN}. */
    private static Optional<InetAddress[]> bounds(ParseContext ctx, Token token) {
        String text = token.text();
        String expected = "IP, A.B.C.D-E, A.B.C.D-E.F.G.H or IP/LEN (IPv6 alike)";
        int slash = text.indexOf('/');
        if (slash >= 0) {
            Optional<Prefix> prefix = Prefix.read(ctx, token, "virtual_server_group range");
            return prefix.map(VirtualServerGroupSection::network);
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            return Addresses.read(ctx, token, "virtual_server_group address").map(a -> new InetAddress[] {a, a});
        }
        Optional<InetAddress> first = Addresses.parse(text.substring(0, dash));
        String end = text.substring(dash + 1);
        if (first.isEmpty() || end.isEmpty()) {
            ctx.error(token, "invalid virtual_server_group range", expected);
            return Optional.empty();
        }
        Optional<InetAddress> last = Addresses.parse(end);
        if (last.isEmpty()) {
            // Only the last part is written: 192.168.200.1-10 (decimal) or 2001:db8::1-ff (hex).
            String firstText = text.substring(0, dash);
            boolean v4 = first.get() instanceof Inet4Address;
            int cut = firstText.lastIndexOf(v4 ? '.' : ':');
            boolean valid = v4 ? end.matches("\\d{1,3}") : end.matches("[0-9A-Fa-f]{1,4}");
            last = valid && cut >= 0 ? Addresses.parse(firstText.substring(0, cut + 1) + end) : Optional.empty();
        }
        if (last.isEmpty() || !Addresses.sameFamily(first.get(), last.get())
                || new BigInteger(1, first.get().getAddress()).compareTo(new BigInteger(1, last.get().getAddress())) > 0) {
            ctx.error(token, "invalid virtual_server_group range", expected + ", first address not above the last");
            return Optional.empty();
        }
        return Optional.of(new InetAddress[] {first.get(), last.get()});
    }

    private static InetAddress[] network(Prefix prefix) {
        byte[] bytes = prefix.address().getAddress();
        byte[] low = bytes.clone();
        byte[] high = bytes.clone();
        for (int bit = prefix.length(); bit < bytes.length * 8; bit++) {
            int index = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            low[index] = (byte) (low[index] & ~mask);
            high[index] = (byte) (high[index] | mask);
        }
        try {
            return new InetAddress[] {InetAddress.getByAddress(low), InetAddress.getByAddress(high)};
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: 4 or 16 bytes", e);
        }
    }
}
