package org.bascule.config.haproxy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample fetches Bascule knows (a subset of HAProxy 2.6's, configuration.txt section 7.3):
 * their output type, which decides the default match method, and how many arguments they take.
 * Also HAProxy's derived ACL names ({@code path_beg} = {@code path} matched with {@code beg}).
 */
final class FetchTable {

    /** A fetch's output type. */
    enum Type {
        INT, STR, IP, BOOL
    }

    /**
     * @param type      output type
     * @param minArgs   fewest arguments
     * @param maxArgs   most arguments
     * @param backendArg true when the first argument names a backend ({@code nbsrv(NAME)})
     */
    record Spec(Type type, int minArgs, int maxArgs, boolean backendArg) {
    }

    /** A resolved name: the base fetch, its spec and the method its suffix implies (if any). */
    record Resolved(String base, Spec spec, Optional<MatchMethod> method) {
    }

    private static final Map<String, Spec> FETCHES = new HashMap<>();
    /** Bases that accept the string suffixes (_beg, _end …) as HAProxy declares them. */
    private static final Set<String> SUFFIXED = Set.of("path", "url", "base", "hdr", "shdr", "cook", "scook", "urlp", "url_param",
            "ssl_fc_sni", "req.ssl_sni", "req_ssl_sni", "query", "capture.req.hdr", "req.hdr", "res.hdr");
    /** Stick-counter data ({@code sc_http_req_rate(0)}, {@code sc0_http_req_rate}, {@code src_http_req_rate}). */
    private static final Set<String> COUNTERS = Set.of("http_req_rate", "http_req_cnt", "http_err_rate", "http_err_cnt", "http_fail_rate",
            "http_fail_cnt", "conn_rate", "conn_cnt", "conn_cur", "sess_rate", "sess_cnt", "bytes_in_rate", "bytes_out_rate", "kbytes_in",
            "kbytes_out", "gpc0", "gpc0_rate", "gpc1", "gpc1_rate", "gpt0", "get_gpc0", "get_gpc1", "get_gpt0", "inc_gpc0", "inc_gpc1",
            "clr_gpc0", "clr_gpc1", "trackers", "tracked");
    /** Fetches HAProxy declares no ACL keyword for: an ACL on them needs {@code -m} (HAProxy 2.6 refuses the line otherwise). */
    private static final Set<String> METHOD_REQUIRED = Set.of("req.body", "req.body_param", "req.hdrs", "res.body", "var");
    private static final Pattern SC_N = Pattern.compile("sc([0-2])_([a-z0-9_]+)");

    static {
        for (String s : new String[] {"be_conn", "be_sess_rate", "fe_conn", "fe_sess_rate", "connslots", "queue", "avg_queue", "be_conn_free"}) {
            FETCHES.put(s, new Spec(Type.INT, 0, 1, s.startsWith("be_") || s.equals("connslots") || s.equals("queue") || s.equals("avg_queue")));
        }
        FETCHES.put("nbsrv", new Spec(Type.INT, 0, 1, true));
        for (String s : new String[] {"srv_conn", "srv_queue", "srv_sess_rate"}) {
            FETCHES.put(s, new Spec(Type.INT, 1, 1, false));
        }
        FETCHES.put("srv_is_up", new Spec(Type.BOOL, 1, 1, false));
        for (String s : new String[] {"dst_port", "src_port", "dst_conn", "status", "req.len", "req_len", "url_port", "req.body_size", "req.body_len",
                "req.ssl_ver", "req_ssl_ver", "req.ssl_hello_type", "ssl_c_verify", "base32", "url32", "so_id", "fe_id", "be_id", "srv_id",
                "res.len"}) {
            FETCHES.put(s, new Spec(Type.INT, 0, 0, false));
        }
        for (String s : new String[] {"hdr_cnt", "req.hdr_cnt", "res.hdr_cnt", "shdr_cnt", "cook_cnt", "req.cook_cnt", "rand"}) {
            FETCHES.put(s, new Spec(Type.INT, 0, 1, false));
        }
        FETCHES.put("date", new Spec(Type.INT, 0, 2, false));
        FETCHES.put("int", new Spec(Type.INT, 1, 1, false));
        for (String s : new String[] {"src", "dst", "url_ip"}) {
            FETCHES.put(s, new Spec(Type.IP, 0, 0, false));
        }
        for (String s : new String[] {"hdr_ip", "req.hdr_ip", "res.hdr_ip", "shdr_ip"}) {
            FETCHES.put(s, new Spec(Type.IP, 0, 2, false));
        }
        FETCHES.put("ipv4", new Spec(Type.IP, 1, 1, false));
        FETCHES.put("ipv6", new Spec(Type.IP, 1, 1, false));
        for (String s : new String[] {"always_true", "always_false", "wait_end", "stopping", "ssl_fc", "ssl_c_used", "ssl_fc_has_sni",
                "ssl_fc_has_crt", "http_first_req", "req.ssl_hello_type_ok", "req.proto_http", "req_proto_http"}) {
            FETCHES.put(s, new Spec(Type.BOOL, 0, 0, false));
        }
        FETCHES.put("http_auth", new Spec(Type.BOOL, 1, 1, false));
        FETCHES.put("bool", new Spec(Type.BOOL, 1, 1, false));
        for (String s : new String[] {"path", "pathq", "url", "base", "query", "method", "req.ver", "req_ver", "res.ver", "resp_ver",
                "ssl_fc_sni", "req.ssl_sni", "req_ssl_sni", "ssl_fc_alpn", "ssl_fc_protocol", "ssl_fc_cipher", "fe_name", "be_name",
                "srv_name", "hostname", "unique-id", "req.body", "res.body", "req.hdrs", "http_first_req_str", "nbproc"}) {
            FETCHES.put(s, new Spec(Type.STR, 0, 0, false));
        }
        for (String s : new String[] {"hdr", "req.hdr", "res.hdr", "shdr", "req.fhdr", "res.fhdr", "url_param", "urlp",
                "ssl_c_s_dn", "ssl_c_i_dn", "ssl_f_s_dn", "ssl_f_i_dn"}) {
            FETCHES.put(s, new Spec(Type.STR, 0, 2, false));
        }
        // req.body_param's second argument (",i") came with HAProxy 2.8; 2.6 refuses it.
        for (String s : new String[] {"cook", "req.cook", "res.cook", "scook", "uuid", "lower", "req.body_param"}) {
            FETCHES.put(s, new Spec(Type.STR, 0, 1, false));
        }
        for (String s : new String[] {"env", "str", "capture.req.hdr", "capture.res.hdr", "http_auth_group"}) {
            FETCHES.put(s, new Spec(Type.STR, 1, 1, false));
        }
        FETCHES.put("var", new Spec(Type.STR, 1, 2, false));
        FETCHES.remove("lower");
        FETCHES.remove("http_first_req_str");
        FETCHES.remove("nbproc");
    }

    private FetchTable() {
    }

    /** True when an ACL on {@code base} must name its match method ({@code -m}). */
    static boolean methodRequired(String base) {
        return METHOD_REQUIRED.contains(base);
    }

    /** Every name a user may write, for "did you mean". */
    static Set<String> names() {
        Set<String> all = new java.util.HashSet<>(FETCHES.keySet());
        for (String base : SUFFIXED) {
            for (String suffix : List.of("beg", "end", "sub", "reg", "dir", "dom", "len")) {
                all.add(base + "_" + suffix);
            }
        }
        COUNTERS.forEach(c -> all.add("sc_" + c));
        return all;
    }

    /** The fetch called {@code name}, with suffix and stick-counter forms resolved. */
    static Optional<Resolved> resolve(String name) {
        Spec spec = FETCHES.get(name);
        if (spec != null) {
            return Optional.of(new Resolved(name, spec, Optional.empty()));
        }
        Matcher sc = SC_N.matcher(name);
        if (sc.matches() && COUNTERS.contains(sc.group(2))) {
            return Optional.of(new Resolved(name, counterSpec(sc.group(2), 0, 1), Optional.empty()));
        }
        if (name.startsWith("sc_") && COUNTERS.contains(name.substring(3))) {
            return Optional.of(new Resolved(name, counterSpec(name.substring(3), 1, 2), Optional.empty()));
        }
        if (name.startsWith("src_") && COUNTERS.contains(name.substring(4))) {
            return Optional.of(new Resolved(name, counterSpec(name.substring(4), 0, 1), Optional.empty()));
        }
        int underscore = name.lastIndexOf('_');
        if (underscore > 0) {
            String base = name.substring(0, underscore);
            String suffix = name.substring(underscore + 1);
            if (SUFFIXED.contains(base)) {
                Spec baseSpec = FETCHES.get(base);
                Optional<MatchMethod> method = switch (suffix) {
                    case "beg" -> Optional.of(MatchMethod.BEG);
                    case "end" -> Optional.of(MatchMethod.END);
                    case "sub" -> Optional.of(MatchMethod.SUB);
                    case "reg" -> Optional.of(MatchMethod.REG);
                    case "dir" -> Optional.of(MatchMethod.DIR);
                    case "dom" -> Optional.of(MatchMethod.DOM);
                    case "len" -> Optional.of(MatchMethod.LEN);
                    case "found" -> Optional.of(MatchMethod.FOUND);
                    case "val" -> Optional.of(MatchMethod.INT);
                    default -> Optional.empty();
                };
                if (method.isPresent() && baseSpec != null) {
                    return Optional.of(new Resolved(base, baseSpec, method));
                }
            }
        }
        return Optional.empty();
    }

    private static Spec counterSpec(String datum, int min, int max) {
        return new Spec(datum.equals("tracked") ? Type.BOOL : Type.INT, min, max, false);
    }

    /** The method HAProxy uses for a fetch of this type when neither {@code -m} nor a suffix says. */
    static MatchMethod defaultMethod(Type type) {
        return switch (type) {
            case INT -> MatchMethod.INT;
            case STR -> MatchMethod.STR;
            case IP -> MatchMethod.IP;
            case BOOL -> MatchMethod.BOOL;
        };
    }
}
