package org.bascule.config.haproxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * Reads {@code bind ADDRESS[,ADDRESS…] [options]} (configuration.txt section 5.1) and the
 * options of {@code stats socket}, which are bind options too.
 */
final class BindParser {

    /** HAProxy 2.6 bind options and how many values each takes. */
    static final Map<String, Integer> OPTIONS = Map.ofEntries(
            Map.entry("accept-netscaler-cip", 1), Map.entry("accept-proxy", 0), Map.entry("allow-0rtt", 0), Map.entry("alpn", 1),
            Map.entry("backlog", 1), Map.entry("ca-file", 1), Map.entry("ca-ignore-err", 1), Map.entry("ca-sign-file", 1),
            Map.entry("ca-sign-pass", 1), Map.entry("ca-verify-file", 1), Map.entry("ciphers", 1), Map.entry("ciphersuites", 1),
            Map.entry("crl-file", 1), Map.entry("crt", 1), Map.entry("crt-ignore-err", 1), Map.entry("crt-list", 1), Map.entry("curves", 1),
            Map.entry("defer-accept", 0), Map.entry("ecdhe", 1), Map.entry("expose-fd", 1), Map.entry("force-sslv3", 0),
            Map.entry("force-tlsv10", 0), Map.entry("force-tlsv11", 0), Map.entry("force-tlsv12", 0), Map.entry("force-tlsv13", 0),
            Map.entry("generate-certificates", 0), Map.entry("gid", 1), Map.entry("group", 1), Map.entry("id", 1), Map.entry("interface", 1),
            Map.entry("level", 1), Map.entry("severity-output", 1), Map.entry("maxconn", 1), Map.entry("mode", 1), Map.entry("mss", 1),
            Map.entry("name", 1), Map.entry("namespace", 1), Map.entry("nice", 1), Map.entry("no-ca-names", 0), Map.entry("no-sslv3", 0),
            Map.entry("no-tls-tickets", 0), Map.entry("no-tlsv10", 0), Map.entry("no-tlsv11", 0), Map.entry("no-tlsv12", 0),
            Map.entry("no-tlsv13", 0), Map.entry("npn", 1), Map.entry("prefer-client-ciphers", 0), Map.entry("process", 1),
            Map.entry("proto", 1), Map.entry("sigalgs", 1), Map.entry("client-sigalgs", 1), Map.entry("ssl", 0), Map.entry("ssl-max-ver", 1),
            Map.entry("ssl-min-ver", 1), Map.entry("strict-sni", 0), Map.entry("tcp-ut", 1), Map.entry("tfo", 0), Map.entry("thread", 1),
            Map.entry("tls-ticket-keys", 1), Map.entry("transparent", 0), Map.entry("v4v6", 0), Map.entry("v6only", 0), Map.entry("uid", 1),
            Map.entry("user", 1), Map.entry("verify", 1), Map.entry("quic-cc-algo", 1), Map.entry("quic-force-retry", 0));

    private final Problems problems;
    private final Optional<String> crtBase;

    BindParser(Problems problems, Optional<String> crtBase) {
        this.problems = problems;
        this.crtBase = crtBase;
    }

    /** The listeners of one bind line; empty when the line is invalid (reported). */
    List<Bind> parse(ConfigLine line) {
        if (line.argCount() == 0) {
            problems.error(line.keyword(), "missing address after", "bind [address]:port[,…] [options], e.g. bind :80 or bind [::]:443 ssl crt site.pem");
            return List.of();
        }
        List<Endpoint> endpoints = Addresses.bindList(line.arg(0), problems);
        boolean v4v6 = false;
        boolean v6only = false;
        boolean acceptProxy = false;
        boolean ssl = false;
        List<String> certificates = new ArrayList<>();
        List<String> alpn = new ArrayList<>();
        OptionalInt maxconn = OptionalInt.empty();
        Optional<String> name = Optional.empty();
        List<Setting> other = new ArrayList<>();
        boolean ok = !endpoints.isEmpty();
        List<Word> words = line.args();
        for (int i = 1; i < words.size(); i++) {
            Word w = words.get(i);
            Integer arity = OPTIONS.get(w.text());
            if (arity == null) {
                unknown(w, "bind");
                // Its arity is unknown, so the words after it cannot be read reliably: stop here, as HAProxy does.
                return List.of();
            }
            if (i + arity >= words.size()) {
                problems.error(w, "missing value after bind option", w.text() + " <value>");
                ok = false;
                break;
            }
            Word value = arity > 0 ? words.get(i + 1) : null;
            switch (w.text()) {
                case "v4v6" -> v4v6 = true;
                case "v6only" -> v6only = true;
                case "accept-proxy" -> acceptProxy = true;
                case "ssl" -> ssl = true;
                case "crt" -> {
                    // Counted even when unreadable, so that 'ssl' is not also reported as lacking one.
                    certificates.add(resolve(value.text()));
                    ok &= certificateReadable(value);
                }
                case "alpn" -> {
                    for (String p : value.text().split(",", -1)) {
                        if (p.isEmpty() || p.length() > 255) {
                            problems.error(value, "invalid ALPN protocol list", "comma-separated protocol names, e.g. h2,http/1.1");
                            ok = false;
                            break;
                        }
                        alpn.add(p);
                    }
                }
                case "maxconn" -> {
                    OptionalInt m = Values.integer(value, 0, Integer.MAX_VALUE, "maxconn", problems);
                    ok &= m.isPresent();
                    maxconn = m;
                }
                case "name" -> name = Optional.of(value.text());
                default -> other.add(new Setting(w.text(), value == null ? List.of() : List.of(value.text()), w.pos()));
            }
            i += arity;
        }
        if (v4v6 && v6only) {
            problems.error(line.keyword(), "conflicting bind options v4v6 and v6only", "one of them");
            ok = false;
        }
        if (ssl && certificates.isEmpty() && other.stream().noneMatch(s -> s.keyword().equals("crt-list") || s.keyword().equals("generate-certificates"))) {
            problems.error(line.arg(0), "'ssl' without a certificate on bind", "crt <file.pem> (or crt-list) after ssl");
            ok = false;
        }
        if (!ssl && !certificates.isEmpty()) {
            problems.warning(line.arg(0), "certificate given without 'ssl' on bind", "ssl before crt, or the listener stays plain TCP");
        }
        if (!ok) {
            return List.of();
        }
        List<Bind> binds = new ArrayList<>();
        for (Endpoint e : endpoints) {
            binds.add(new Bind(e, line.pos(), v4v6, v6only, acceptProxy, ssl, certificates, alpn, maxconn, name, other));
        }
        return binds;
    }

    /** Reports an unknown option with the closest known one. */
    private void unknown(Word w, String what) {
        String hint = Suggestions.closest(w.text(), OPTIONS.keySet()).map(s -> "did you mean '" + s + "'?")
                .orElse("expected: a bind option such as ssl, crt, alpn, accept-proxy, v4v6, v6only, maxconn, name");
        problems.add(Diagnostic.of(Severity.ERROR, w.pos(), "unknown " + what + " option", w.text(), hint));
    }

    private String resolve(String path) {
        return crtBase.filter(b -> !path.startsWith("/")).map(b -> b + "/" + path).orElse(path);
    }

    /** HAProxy loads certificates while parsing: a missing file is an error there too. */
    private boolean certificateReadable(Word value) {
        Path p = Path.of(resolve(value.text()));
        if (Files.isDirectory(p) || Files.isReadable(p)) {
            return true;
        }
        problems.error(value, "cannot read certificate", "a readable PEM file (certificate and private key) or directory");
        return false;
    }
}
