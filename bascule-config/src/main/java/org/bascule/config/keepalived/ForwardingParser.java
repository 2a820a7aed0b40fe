package org.bascule.config.keepalived;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bascule.config.Suggestions;

/**
 * {@code lb_kind|lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}
 * (keepalived.conf(5); check_parser.c svr_forwarding_handler), shared by virtual servers, real
 * servers and sorry servers.
 */
final class ForwardingParser {

    static final String USAGE = "NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]";

    private ForwardingParser() {
    }

    static Optional<Forwarding> parse(ParseContext ctx, Stanza s) {
        Token kindToken = s.arg(0);
        LbKind kind;
        switch (kindToken.text()) {
            case "NAT" -> kind = LbKind.NAT;
            case "DR" -> kind = LbKind.DR;
            case "TUN" -> kind = LbKind.TUN;
            default -> {
                ctx.error(kindToken, "unknown forwarding method", "NAT, DR or TUN"
                        + Suggestions.closest(kindToken.text(), java.util.List.of("NAT", "DR", "TUN")).map(x -> "; did you mean '" + x + "'?").orElse(""));
                return Optional.empty();
            }
        }
        if (s.args().size() == 1) {
            return Optional.of(Forwarding.of(kind));
        }
        if (kind != LbKind.TUN) {
            ctx.error(s.arg(1), "tunnel option without TUN", s.name() + " NAT|DR alone, or " + s.name() + " TUN " + USAGE.substring(11));
            return Optional.empty();
        }
        String type = "ipip";
        OptionalInt port = OptionalInt.empty();
        String checksum = "nocsum";
        for (int i = 1; i < s.args().size(); i++) {
            Token word = s.arg(i);
            switch (word.text()) {
                case "type" -> {
                    if (i + 1 >= s.args().size()) {
                        ctx.error(word, "missing tunnel type after", "type ipip|gue|gre");
                        return Optional.empty();
                    }
                    Token t = s.arg(++i);
                    if (!t.text().equals("ipip") && !t.text().equals("gue") && !t.text().equals("gre")) {
                        ctx.error(t, "unknown tunnel type", "ipip, gue or gre");
                        return Optional.empty();
                    }
                    type = t.text();
                }
                case "port" -> {
                    if (i + 1 >= s.args().size()) {
                        ctx.error(word, "missing port after", "port <1-65535> (gue tunnels)");
                        return Optional.empty();
                    }
                    OptionalLong p = Values.port(ctx, s.arg(++i), "gue tunnel port", false);
                    if (p.isEmpty()) {
                        return Optional.empty();
                    }
                    port = OptionalInt.of((int) p.getAsLong());
                }
                case "nocsum", "csum", "remcsum" -> checksum = word.text();
                default -> {
                    ctx.error(word, "unknown tunnel option", USAGE);
                    return Optional.empty();
                }
            }
        }
        // check_parser.c: "gue tunnels require port, otherwise cannot have port";
        // "ipip tunnels do not support checksum option"; "gre tunnels do not support remote checksum option".
        if (type.equals("gue") != port.isPresent()) {
            ctx.error(s.arg(1), "tunnel port mismatch at", "a port with type gue, and no port with ipip or gre");
            return Optional.empty();
        }
        if ((type.equals("ipip") && !checksum.equals("nocsum")) || (type.equals("gre") && checksum.equals("remcsum"))) {
            ctx.error(s.arg(1), "checksum option not supported by the " + type + " tunnel at", "nocsum for ipip; nocsum or csum for gre");
            return Optional.empty();
        }
        return Optional.of(new Forwarding(LbKind.TUN, Optional.of(new Tunnel(type, port, checksum))));
    }
}
