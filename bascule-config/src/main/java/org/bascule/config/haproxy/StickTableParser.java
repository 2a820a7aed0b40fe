package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Reads {@code stick-table type … size … [expire …] [nopurge] [peers …] [store …]}. */
final class StickTableParser {

    /** Data a table may store; the {@code _rate} ones take a period, e.g. {@code http_req_rate(10s)}. */
    static final Set<String> DATA = Set.of("server_id", "gpc0", "gpc0_rate", "gpc1", "gpc1_rate", "gpt0", "gpc", "gpc_rate", "gpt", "conn_cnt",
            "conn_cur", "conn_rate", "sess_cnt", "sess_rate", "http_req_cnt", "http_req_rate", "http_err_cnt", "http_err_rate",
            "http_fail_cnt", "http_fail_rate", "bytes_in_cnt", "bytes_in_rate", "bytes_out_cnt", "bytes_out_rate");

    private StickTableParser() {
    }

    static Optional<StickTable> parse(ConfigLine line, Problems problems) {
        String usage = "stick-table type ip|ipv6|integer|string [len N]|binary [len N] size <size> [expire <time>] [nopurge] [peers <name>] [store <data>,…]";
        StickTable.KeyType type = null;
        OptionalInt len = OptionalInt.empty();
        OptionalLong size = OptionalLong.empty();
        Optional<Duration> expire = Optional.empty();
        boolean nopurge = false;
        Optional<String> peers = Optional.empty();
        List<StickTable.Store> store = new ArrayList<>();
        List<Word> a = line.args();
        for (int i = 0; i < a.size(); i++) {
            Word w = a.get(i);
            boolean hasValue = i + 1 < a.size();
            switch (w.text()) {
                case "nopurge" -> nopurge = true;
                case "type", "size", "expire", "peers", "store", "len", "srvkey", "write-to", "recv-only" -> {
                    if (!hasValue && !w.text().equals("recv-only")) {
                        problems.error(w, "missing value after", usage);
                        return Optional.empty();
                    }
                    Word v = hasValue ? a.get(i + 1) : w;
                    switch (w.text()) {
                        case "type" -> {
                            try {
                                type = StickTable.KeyType.valueOf(v.text().toUpperCase());
                            } catch (IllegalArgumentException e) {
                                problems.error(v, "unknown stick-table type", "ip, ipv6, integer, string or binary");
                                return Optional.empty();
                            }
                            if (!v.text().equals(type.keyword())) {
                                problems.error(v, "unknown stick-table type", "ip, ipv6, integer, string or binary");
                                return Optional.empty();
                            }
                        }
                        case "len" -> {
                            len = Values.integer(v, 1, 65536, "key length", problems);
                            if (len.isEmpty()) {
                                return Optional.empty();
                            }
                        }
                        case "size" -> {
                            size = Values.size(v, problems);
                            if (size.isEmpty()) {
                                return Optional.empty();
                            }
                        }
                        case "expire" -> {
                            expire = Values.duration(v, problems);
                            if (expire.isEmpty()) {
                                return Optional.empty();
                            }
                        }
                        case "peers" -> peers = Optional.of(v.text());
                        case "store" -> {
                            for (String item : v.text().split(",", -1)) {
                                Optional<StickTable.Store> s = store(item, v, problems);
                                if (s.isEmpty()) {
                                    return Optional.empty();
                                }
                                store.add(s.get());
                            }
                        }
                        default -> {
                        }
                    }
                    if (!w.text().equals("recv-only")) {
                        i++;
                    }
                }
                default -> {
                    problems.error(w, "unknown stick-table argument", "type, len, size, expire, nopurge, peers or store");
                    return Optional.empty();
                }
            }
        }
        if (type == null || size.isEmpty()) {
            problems.error(line.keyword(), "missing " + (type == null ? "'type'" : "'size'") + " in", usage);
            return Optional.empty();
        }
        return Optional.of(new StickTable(type, len, size.getAsLong(), expire, nopurge, peers, store, line.pos()));
    }

    private static Optional<StickTable.Store> store(String item, Word v, Problems problems) {
        String name = item;
        Optional<Duration> period = Optional.empty();
        int open = item.indexOf('(');
        if (open > 0 && item.endsWith(")")) {
            name = item.substring(0, open);
            period = Values.duration(new Word(item.substring(open + 1, item.length() - 1), v.pos(), v.quoted()), problems);
            if (period.isEmpty()) {
                return Optional.empty();
            }
        }
        if (!DATA.contains(name)) {
            problems.error(v.pos(), "unknown stick-table data type", item, "one of http_req_rate(<period>), conn_cur, conn_rate(<period>), gpc0, …");
            return Optional.empty();
        }
        if (name.endsWith("_rate") && period.isEmpty()) {
            problems.error(v.pos(), "missing period for", item, name + "(<period>), e.g. " + name + "(10s)");
            return Optional.empty();
        }
        return Optional.of(new StickTable.Store(name, period));
    }
}
