package org.bascule.l7.balance;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bascule.l7.PickKey;
import org.bascule.l7.spec.Balance;
import org.bascule.l7.spec.HashType;

/** The picker of a {@code balance} line. */
public final class Pickers {

    private Pickers() {}

    public static Picker of(Balance balance, HashType hashType) {
        return switch (balance) {
            case Balance.RoundRobin r -> new SmoothRoundRobin();
            case Balance.StaticRoundRobin r -> new StaticRoundRobin();
            case Balance.LeastConn l -> new LeastConn();
            case Balance.First f -> new First();
            case Balance.Random r -> new RandomDraws(r.draws());
            case Balance.Source s -> new KeyHash(k -> Optional.of(k.client().getAddress()), hashType);
            case Balance.Uri u -> new KeyHash(k -> Optional.of(uriKey(k, u).getBytes(StandardCharsets.UTF_8)), hashType);
            case Balance.Header h -> new KeyHash(k -> k.header().apply(h.name()).map(v -> v.getBytes(StandardCharsets.UTF_8)),
                    hashType);
        };
    }

    /** The part of the URI {@code balance uri [len] [depth] [whole]} hashes. */
    static String uriKey(PickKey k, Balance.Uri u) {
        String s = u.whole() && !k.query().isEmpty() ? k.path() + "?" + k.query() : k.path();
        if (u.depth() > 0) {
            int slashes = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '/' && ++slashes > u.depth()) {
                    s = s.substring(0, i);
                    break;
                }
            }
        }
        if (u.len() > 0 && s.length() > u.len()) {
            s = s.substring(0, u.len());
        }
        return s;
    }
}
