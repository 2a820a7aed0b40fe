package org.bascule.sched;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Maglev lookup table: Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load
 * Balancer", NSDI 2016, Section 3.4 "Consistent Hashing", filled the way Linux
 * {@code net/netfilter/ipvs/ip_vs_mh.c} fills it.
 *
 * <p>Each backend has a preference list of all {@code M} slots, the permutation
 * {@code (offset + j * skip) mod M} with {@code offset = h1 mod M} and
 * {@code skip = h2 mod (M - 1) + 1} from two independent hashes of its name; {@code M} is prime
 * so every skip is coprime with it and the list covers every slot. Backends take turns, in
 * list order, each claiming its next preferred slot that is still free, until all {@code M}
 * are taken (the paper's Pseudocode 1). Weights are "repeated turns" as in ip_vs_mh: a backend
 * of {@code turns} t claims t slots in a row before the next one's turn, so over whole rounds
 * shares follow the turns exactly; only the last, partial round is uneven.
 *
 * <p>The build is a pure function of (M, the backends' offsets, skips and turns, their order):
 * every node that knows the same backends builds the same table. Lookups are one array read.
 */
public final class MaglevTable {

    /** ip_vs_mh's primes ({@code primes[]}); {@code CONFIG_IP_VS_MH_TAB_INDEX} picks one. */
    public static final List<Integer> IPVS_PRIMES =
            List.of(251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071);
    /** ip_vs_mh's default, {@code primes[CONFIG_IP_VS_MH_TAB_INDEX(12) - 8]}. */
    public static final int DEFAULT_SIZE = 4093;
    /** The paper's table size in its evaluation. */
    public static final int PAPER_SIZE = 65537;
    /** ip_vs_mh's {@code IP_VS_MH_TAB_BITS} (12 / 2): gcd-reduced weights are shifted to fit 6 bits. */
    public static final int IPVS_TURN_BITS = 6;
    /** A slot no backend owns (no backend has a turn). */
    public static final int EMPTY = -1;

    /**
     * One backend's input: where its preference list starts, its step, and how many slots it
     * claims per turn (0: none, as ip_vs_mh ignores a server added with weight 0).
     */
    public record Backend(int offset, int skip, int turns) {
        public Backend {
            if (offset < 0 || skip < 1 || turns < 0) {
                throw new IllegalArgumentException("backend: offset " + offset + ", skip " + skip + ", turns " + turns
                        + " (expected: offset >= 0, skip >= 1, turns >= 0)");
            }
        }

        /** The paper's offset and skip from two 32-bit hashes (read unsigned) for table size {@code size}. */
        public static Backend of(int size, int hash1, int hash2, int turns) {
            int offset = Integer.remainderUnsigned(hash1, size);
            int skip = Integer.remainderUnsigned(hash2, size - 1) + 1;
            return new Backend(offset, skip, turns);
        }
    }

    private final int[] lookup;
    private final int backends;

    private MaglevTable(int[] lookup, int backends) {
        this.lookup = lookup;
        this.backends = backends;
    }

    /**
     * Builds the table of {@code size} slots for {@code backends}, in their order.
     *
     * @throws IllegalArgumentException when {@code size} is not a prime above 2, or a backend's
     *                                  offset or skip does not fit it
     */
    public static MaglevTable build(int size, List<Backend> backends) {
        requirePrime(size);
        Objects.requireNonNull(backends, "backends");
        int n = backends.size();
        int[] perm = new int[n];
        int[] skip = new int[n];
        int[] turns = new int[n];
        boolean anyTurn = false;
        for (int i = 0; i < n; i++) {
            Backend b = backends.get(i);
            if (b.offset() >= size || b.skip() >= size) {
                throw new IllegalArgumentException("backend " + i + ": " + b + " (expected: offset < " + size
                        + ", skip < " + size + ")");
            }
            perm[i] = b.offset();
            skip[i] = b.skip();
            turns[i] = b.turns();
            anyTurn |= b.turns() > 0;
        }
        int[] lookup = new int[size];
        Arrays.fill(lookup, EMPTY);
        if (!anyTurn) {
            return new MaglevTable(lookup, n);
        }
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < turns[i]; t++) {
                    int c = perm[i];
                    while (lookup[c] != EMPTY) {
                        c += skip[i];
                        if (c >= size) {
                            c -= size;
                        }
                    }
                    perm[i] = c;
                    lookup[c] = i;
                    if (++filled == size) {
                        return new MaglevTable(lookup, n);
                    }
                }
            }
        }
    }

    /**
     * ip_vs_mh's turns for weights ({@code ip_vs_mh_gcd_weight}, {@code ip_vs_mh_shift_weight},
     * {@code ip_vs_mh_permutate}): divide by the gcd of the positive weights, then shift right
     * until the largest fits {@code turnBits} bits; a positive weight keeps at least one turn.
     */
    public static int[] turns(int[] weights, int turnBits) {
        int gcd = 0;
        int max = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weight: " + w + " (expected: >= 0)");
            }
            if (w > 0) {
                gcd = gcd == 0 ? w : gcd(gcd, w);
                max = Math.max(max, w);
            }
        }
        int[] turns = new int[weights.length];
        if (gcd == 0) {
            return turns;
        }
        int occupied = 32 - Integer.numberOfLeadingZeros(max / gcd);
        int shift = Math.max(0, occupied - turnBits);
        for (int i = 0; i < weights.length; i++) {
            int t = (weights[i] / gcd) >> shift;
            turns[i] = t != 0 ? t : (weights[i] != 0 ? 1 : 0);
        }
        return turns;
    }

    /** Table size {@code M}. */
    public int size() {
        return lookup.length;
    }

    /** The backend (index in the build list) that owns {@code slot}, or {@link #EMPTY}. */
    public int owner(int slot) {
        return lookup[slot];
    }

    /** The backend for a 32-bit hash read unsigned: {@code lookup[hash mod M]}. */
    public int lookup(int hash) {
        return lookup[Integer.remainderUnsigned(hash, lookup.length)];
    }

    /** How many slots each backend owns. */
    public int[] slotCounts() {
        int[] counts = new int[backends];
        for (int owner : lookup) {
            if (owner != EMPTY) {
                counts[owner]++;
            }
        }
        return counts;
    }

    /** A copy of the slots' owners. */
    public int[] owners() {
        return lookup.clone();
    }

    /** @throws IllegalArgumentException {@code table size: 4096 (expected: a prime above 2)} */
    static int requirePrime(int size) {
        if (size < 3 || !BigInteger.valueOf(size).isProbablePrime(40)) {
            throw new IllegalArgumentException("table size: " + size + " (expected: a prime above 2)");
        }
        return size;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
