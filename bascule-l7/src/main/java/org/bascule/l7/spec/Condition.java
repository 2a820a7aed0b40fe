package org.bascule.l7.spec;

import java.util.List;

/**
 * What follows {@code if}/{@code unless} in HAProxy, and the body of an {@code acl} line. The
 * mapper turns {@code unless X} into {@code Not(X)}, a list of terms into {@link All}, {@code ||}
 * or {@code or} into {@link Any}, {@code !} into {@link Not}, a named ACL into {@link Acl}, and
 * an anonymous {@code { … }} ACL into its body.
 */
public sealed interface Condition {

    /** {@code TRUE}/{@code FALSE} (the predefined ACLs), and "no condition" as {@code TRUE}. */
    record Always(boolean value) implements Condition {}

    /** A named ACL of the same frontend ({@code acl <name> …}); several lines of one name are OR'ed. */
    record Acl(String name) implements Condition {
        public Acl {
            Require.name(name, "acl name");
        }
    }

    /** {@code path}, {@code path_beg}, {@code path_end}, {@code path_sub}, {@code path_dir}, {@code path_reg}: the request path without the query string. */
    record Path(StringMatch match) implements Condition {
        public Path {
            Require.nonNull(match, "path");
        }
    }

    /**
     * {@code hdr(<name>)} and its {@code _beg/_end/_sub/_dom/_reg} forms: the last value of a
     * request header, {@code hdr(host) -i example.org} being the usual host routing. For
     * {@code Host} the port suffix is kept, as HAProxy does.
     */
    record Header(String name, StringMatch match) implements Condition {
        public Header {
            Require.that(name != null && !name.isEmpty() && name.chars().noneMatch(c -> c <= ' ' || c == ':'),
                    "hdr", name, "a header name");
            Require.nonNull(match, "hdr(" + name + ")");
        }
    }

    /** {@code method GET HEAD …}: the request method (case-sensitive, as HAProxy). */
    record Method(List<String> methods) implements Condition {
        public Method {
            methods = List.copyOf(methods);
            Require.that(!methods.isEmpty(), "method", methods, "at least one method");
        }
    }

    /** {@code src <net>…}: the client address (the one a PROXY header named, under {@code accept-proxy}). */
    record Source(List<IpRange> networks) implements Condition {
        public Source {
            networks = List.copyOf(networks);
            Require.that(!networks.isEmpty(), "src", networks, "at least one address or network");
        }
    }

    /** {@code dst <net>…}: the address the client connected to (the one a PROXY header named, under {@code accept-proxy}). */
    record Destination(List<IpRange> networks) implements Condition {
        public Destination {
            networks = List.copyOf(networks);
            Require.that(!networks.isEmpty(), "dst", networks, "at least one address or network");
        }
    }

    /** A string sample ({@code url}, {@code query}, {@code req.cook(name)}, {@code req.body} …) matched as {@code path} is. */
    record Text(TextSample sample, StringMatch match) implements Condition {
        public Text {
            Require.nonNull(sample, "sample");
            Require.nonNull(match, "match");
        }
    }

    /** An integer sample ({@code dst_port}, {@code hdr_cnt(name)}, {@code req.body_size} …) compared with a value. */
    record Number(NumberSample sample, IntOp op, long value) implements Condition {
        public Number {
            Require.nonNull(sample, "sample");
            Require.nonNull(op, "operator");
        }
    }

    /** A boolean sample on its own ({@code ssl_fc}, {@code ssl_fc_has_sni}, {@code http_first_req}). */
    record Flag(FlagSample sample) implements Condition {
        public Flag {
            Require.nonNull(sample, "sample");
        }
    }

    /** {@code nbsrv(<backend>) <op> <n>}: the number of usable servers of a backend, e.g. {@code nbsrv(web) lt 1}. */
    record UsableServers(String backend, IntOp op, long value) implements Condition {
        public UsableServers {
            Require.name(backend, "nbsrv backend");
            Require.nonNull(op, "nbsrv operator");
        }
    }

    /**
     * {@code sc_http_req_rate(<n>) <op> <v>} (and {@code sc0_http_req_rate}): the request rate
     * of the key tracked by {@code http-request track-sc<n>}, over the table's
     * {@code http_req_rate(<period>)}.
     */
    record TrackedRequestRate(int counter, IntOp op, long value) implements Condition {
        public TrackedRequestRate {
            Require.range(counter, 0, 2, "sc counter");
            Require.nonNull(op, "sc_http_req_rate operator");
        }
    }

    /** All terms hold (HAProxy's juxtaposition, optionally with {@code and}). */
    record All(List<Condition> terms) implements Condition {
        public All {
            terms = List.copyOf(terms);
            Require.that(!terms.isEmpty(), "condition", terms, "at least one term");
        }
    }

    /** One term holds ({@code or}, {@code ||}). */
    record Any(List<Condition> terms) implements Condition {
        public Any {
            terms = List.copyOf(terms);
            Require.that(!terms.isEmpty(), "condition", terms, "at least one term");
        }
    }

    /** {@code !term}, and {@code unless cond}. */
    record Not(Condition term) implements Condition {
        public Not {
            Require.nonNull(term, "!");
        }
    }

    Condition TRUE = new Always(true);
    Condition FALSE = new Always(false);
}
