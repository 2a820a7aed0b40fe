package org.bascule.config.haproxy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.config.SourcePos;

/**
 * {@code stick-table type TYPE [len N] size SIZE [expire TIME] [nopurge] [peers NAME]
 * [store DATA,…]} (configuration.txt "stick-table"): a table of per-key counters, such as the
 * request rate per client address used to limit unauthenticated users.
 *
 * @param type    the key type
 * @param keyLength {@code len} for string and binary keys
 * @param size    the most entries ({@code 100k} = 100 000 … HAProxy's k/m/g are powers of 1024)
 * @param expire  how long an idle entry lives
 * @param nopurge {@code nopurge}
 * @param peers   {@code peers} section to synchronise with
 * @param store   the data stored per entry
 * @param pos     the line
 */
public record StickTable(KeyType type, OptionalInt keyLength, long size, Optional<Duration> expire, boolean nopurge, Optional<String> peers,
                         List<Store> store, SourcePos pos) {

    public StickTable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(peers, "peers");
        store = List.copyOf(store);
        Objects.requireNonNull(pos, "pos");
    }

    /** Key types. */
    public enum KeyType {
        IP, IPV6, INTEGER, STRING, BINARY;

        public String keyword() {
            return name().toLowerCase();
        }
    }

    /**
     * One stored datum, e.g. {@code http_req_rate(10s)} (name {@code http_req_rate}, period 10 s)
     * or {@code gpc0} (no period).
     */
    public record Store(String name, Optional<Duration> period) {
        public Store {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(period, "period");
        }
    }

    /** The stored datum called {@code name}, if the table stores it. */
    public Optional<Store> stored(String name) {
        return store.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
