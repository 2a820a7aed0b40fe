package org.bascule.config.haproxy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * Reads {@code server NAME ADDRESS [options]} and {@code default-server [options]}
 * (configuration.txt section 5.2), starting from the proxy's {@code default-server} options.
 */
final class ServerParser {

    /** HAProxy 2.6 server options and how many values each takes. */
    static final Map<String, Integer> OPTIONS = Map.ofEntries(
            Map.entry("addr", 1), Map.entry("agent-addr", 1), Map.entry("agent-check", 0), Map.entry("agent-inter", 1),
            Map.entry("agent-port", 1), Map.entry("agent-send", 1), Map.entry("allow-0rtt", 0), Map.entry("alpn", 1), Map.entry("backup", 0),
            Map.entry("ca-file", 1), Map.entry("check", 0), Map.entry("check-alpn", 1), Map.entry("check-proto", 1),
            Map.entry("check-send-proxy", 0), Map.entry("check-sni", 1), Map.entry("check-ssl", 0), Map.entry("check-via-socks4", 0),
            Map.entry("ciphers", 1), Map.entry("ciphersuites", 1), Map.entry("cookie", 1), Map.entry("crl-file", 1), Map.entry("crt", 1),
            Map.entry("disabled", 0), Map.entry("downinter", 1), Map.entry("enabled", 0), Map.entry("error-limit", 1),
            Map.entry("fall", 1), Map.entry("fastinter", 1), Map.entry("force-sslv3", 0), Map.entry("force-tlsv10", 0),
            Map.entry("force-tlsv11", 0), Map.entry("force-tlsv12", 0), Map.entry("force-tlsv13", 0), Map.entry("id", 1),
            Map.entry("init-addr", 1), Map.entry("inter", 1), Map.entry("log-proto", 1), Map.entry("maxconn", 1), Map.entry("maxqueue", 1),
            Map.entry("max-reuse", 1), Map.entry("minconn", 1), Map.entry("namespace", 1), Map.entry("no-agent-check", 0),
            Map.entry("no-backup", 0), Map.entry("no-check", 0), Map.entry("no-check-ssl", 0), Map.entry("no-send-proxy", 0),
            Map.entry("no-send-proxy-v2", 0), Map.entry("no-send-proxy-v2-ssl", 0), Map.entry("no-send-proxy-v2-ssl-cn", 0),
            Map.entry("no-ssl", 0), Map.entry("no-ssl-reuse", 0), Map.entry("no-sslv3", 0), Map.entry("no-tls-tickets", 0),
            Map.entry("no-tlsv10", 0), Map.entry("no-tlsv11", 0), Map.entry("no-tlsv12", 0), Map.entry("no-tlsv13", 0),
            Map.entry("no-verifyhost", 0), Map.entry("no-tfo", 0), Map.entry("non-stick", 0), Map.entry("npn", 1), Map.entry("observe", 1),
            Map.entry("on-error", 1), Map.entry("on-marked-down", 1), Map.entry("on-marked-up", 1), Map.entry("pool-low-conn", 1),
            Map.entry("pool-max-conn", 1), Map.entry("pool-purge-delay", 1), Map.entry("port", 1), Map.entry("proto", 1),
            Map.entry("redir", 1), Map.entry("rise", 1), Map.entry("resolve-opts", 1), Map.entry("resolve-prefer", 1),
            Map.entry("resolve-net", 1), Map.entry("resolvers", 1), Map.entry("send-proxy", 0), Map.entry("send-proxy-v2", 0),
            Map.entry("proxy-v2-options", 1), Map.entry("send-proxy-v2-ssl", 0), Map.entry("send-proxy-v2-ssl-cn", 0),
            Map.entry("slowstart", 1), Map.entry("sni", 1), Map.entry("source", 1), Map.entry("ssl", 0), Map.entry("ssl-max-ver", 1),
            Map.entry("ssl-min-ver", 1), Map.entry("ssl-reuse", 0), Map.entry("stick", 0), Map.entry("socks4", 1), Map.entry("tfo", 0),
            Map.entry("tls-tickets", 0), Map.entry("track", 1), Map.entry("verify", 1), Map.entry("verifyhost", 1), Map.entry("weight", 1),
            Map.entry("ws", 1), Map.entry("shard", 1));

    private final Problems problems;

    ServerParser(Problems problems) {
        this.problems = problems;
    }

    /** A server line; empty when invalid (reported). */
    Optional<Server> server(ConfigLine line, ServerOptions defaults) {
        if (line.argCount() < 2) {
            problems.error(line.argCount() == 0 ? line.keyword() : line.arg(0), "missing " + (line.argCount() == 0 ? "name" : "address") + " after 'server'",
                    "server <name> <address>[:port] [options], e.g. server web1 192.0.2.10:80 check");
            return Optional.empty();
        }
        Word name = line.arg(0);
        Optional<Endpoint> address = Addresses.parse(line.arg(1).text(), line.arg(1), Addresses.Use.SERVER, problems);
        Optional<ServerOptions> options = options(line.from(3), defaults.toBuilder());
        if (address.isEmpty() || options.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Server(name.text(), address.get(), line.pos(), options.get()));
    }

    /** The options of a default-server line, on top of the current ones. */
    Optional<ServerOptions> defaultServer(ConfigLine line, ServerOptions current) {
        return options(line.from(1), current.toBuilder());
    }

    private Optional<ServerOptions> options(List<Word> words, ServerOptions.Builder b) {
        boolean ok = true;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            Integer arity = OPTIONS.get(w.text());
            if (arity == null) {
                String hint = Suggestions.closest(w.text(), OPTIONS.keySet()).map(s -> "did you mean '" + s + "'?")
                        .orElse("expected: a server option such as check, inter, rise, fall, weight, backup, send-proxy, agent-check");
                problems.add(Diagnostic.of(Severity.ERROR, w.pos(), "unknown server option", w.text(), hint));
                // Its arity is unknown, so the words after it cannot be read reliably: stop here, as HAProxy does.
                return Optional.empty();
            }
            if (i + arity >= words.size()) {
                problems.error(w, "missing value after server option", w.text() + " <value>");
                return Optional.empty();
            }
            Word v = arity > 0 ? words.get(i + 1) : null;
            ok &= apply(b, w, v);
            i += arity;
        }
        return ok ? Optional.of(b.build()) : Optional.empty();
    }

    private boolean apply(ServerOptions.Builder b, Word w, Word v) {
        switch (w.text()) {
            case "check" -> b.check = true;
            case "no-check" -> b.check = false;
            case "backup" -> b.backup = true;
            case "no-backup" -> b.backup = false;
            case "send-proxy" -> b.sendProxy = ProxyProtocol.V1;
            case "send-proxy-v2" -> b.sendProxy = ProxyProtocol.V2;
            case "no-send-proxy", "no-send-proxy-v2" -> b.sendProxy = ProxyProtocol.NONE;
            case "agent-check" -> b.agentCheck = true;
            case "no-agent-check" -> b.agentCheck = false;
            case "ssl" -> b.ssl = true;
            case "no-ssl" -> b.ssl = false;
            case "check-ssl" -> b.checkSsl = true;
            case "no-check-ssl" -> b.checkSsl = false;
            case "disabled" -> b.disabled = true;
            case "enabled" -> b.disabled = false;
            case "inter" -> {
                return positive(Values.duration(v, problems), v).map(d -> b.inter = d).isPresent();
            }
            case "fastinter" -> {
                return positive(Values.duration(v, problems), v).map(d -> b.fastinter = Optional.of(d)).isPresent();
            }
            case "downinter" -> {
                return positive(Values.duration(v, problems), v).map(d -> b.downinter = Optional.of(d)).isPresent();
            }
            case "agent-inter" -> {
                return positive(Values.duration(v, problems), v).map(d -> b.agentInter = Optional.of(d)).isPresent();
            }
            case "rise" -> {
                return integer(v, 1, Integer.MAX_VALUE, "rise", x -> b.rise = x);
            }
            case "fall" -> {
                return integer(v, 1, Integer.MAX_VALUE, "fall", x -> b.fall = x);
            }
            case "weight" -> {
                return integer(v, 0, 256, "weight", x -> b.weight = x);
            }
            case "maxconn" -> {
                OptionalInt n = Values.integer(v, 0, Integer.MAX_VALUE, "maxconn", problems);
                if (n.isPresent()) {
                    b.maxconn = n;
                }
                return n.isPresent();
            }
            case "pool-max-conn" -> {
                return integer(v, -1, Integer.MAX_VALUE, "pool-max-conn", x -> b.poolMaxConn = x);
            }
            case "pool-low-conn" -> {
                return integer(v, 0, Integer.MAX_VALUE, "pool-low-conn", x -> b.poolLowConn = x);
            }
            case "pool-purge-delay" -> {
                return Values.duration(v, problems).map(d -> b.poolPurgeDelay = d).isPresent();
            }
            case "agent-port", "port" -> {
                OptionalInt n = Values.integer(v, 1, 65535, w.text(), problems);
                if (n.isPresent()) {
                    if (w.text().equals("port")) {
                        b.checkPort = n;
                    } else {
                        b.agentPort = n;
                    }
                }
                return n.isPresent();
            }
            case "agent-addr" -> b.agentAddr = Optional.of(v.text());
            case "verify" -> {
                if (!v.text().equals("none") && !v.text().equals("required")) {
                    problems.error(v, "invalid value for verify", "none or required");
                    return false;
                }
                b.verify = Optional.of(v.text());
            }
            case "sni" -> b.sni = Optional.of(v.text());
            case "alpn" -> {
                b.alpn.clear();
                b.alpn.addAll(List.of(v.text().split(",")));
            }
            default -> b.other.add(new Setting(w.text(), v == null ? List.of() : List.of(v.text()), w.pos()));
        }
        return true;
    }

    /** An integer value in [min, max] given to {@code set}; false (reported) otherwise. */
    private boolean integer(Word v, int min, int max, String what, java.util.function.IntConsumer set) {
        OptionalInt n = Values.integer(v, min, max, what, problems);
        n.ifPresent(set);
        return n.isPresent();
    }

    private Optional<java.time.Duration> positive(Optional<java.time.Duration> d, Word v) {
        if (d.isPresent() && d.get().isZero()) {
            problems.error(v, "invalid interval", "a time greater than zero");
            return Optional.empty();
        }
        return d;
    }
}
