package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bascule.sched.hash.SipHash;
import org.bascule.sched.hash.SipKey;

/**
 * The properties the Maglev paper claims and issue 7 asks for, checked over generated inputs
 * rather than assumed: full tables, even shares, small disruption, determinism.
 */
class MaglevTablePropertyTest {

    static final int M = MaglevTable.PAPER_SIZE;

    /** Backends named "backend-<id>", preference lists from two SipHash-1-3 keys as ip_vs_mh does. */
    static List<MaglevTable.Backend> backends(int size, List<Integer> ids, int[] turns) {
        List<MaglevTable.Backend> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String name = "backend-" + ids.get(i);
            out.add(MaglevTable.Backend.of(size, (int) SipHash.hash13(SipKey.IPVS_MH_1, name),
                    (int) SipHash.hash13(SipKey.IPVS_MH_2, name), turns[i]));
        }
        return out;
    }

    static List<Integer> ids(int n) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        return ids;
    }

    static int[] ones(int n) {
        int[] t = new int[n];
        Arrays.fill(t, 1);
        return t;
    }

    @Property(tries = 60)
    void everySlotIsFilled(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 300) Integer> weights,
            @ForAll @IntRange(min = 0, max = 9) int primeIndex) {
        Assume.that(weights.stream().anyMatch(w -> w > 0));
        int size = MaglevTable.IPVS_PRIMES.get(primeIndex);
        Assume.that(size >= weights.size());
        int[] turns = MaglevTable.turns(weights.stream().mapToInt(Integer::intValue).toArray(), MaglevTable.IPVS_TURN_BITS);
        MaglevTable table = MaglevTable.build(size, backends(size, ids(weights.size()), turns));
        for (int slot = 0; slot < size; slot++) {
            assertThat(table.owner(slot)).isNotEqualTo(MaglevTable.EMPTY);
        }
        for (int i = 0; i < weights.size(); i++) {
            if (weights.get(i) == 0) {
                assertThat(table.slotCounts()[i]).as("weight 0 takes no slot").isZero();
            }
        }
    }

    /**
     * Shares within 1 % of the weight share at M = 65537. Repeated turns are exact over whole
     * rounds; the last round is partial, so a backend's error is below its turns, and the
     * relative error below (sum of turns) / M: the property holds while the gcd-reduced weights
     * sum to at most M / 100 (here: up to 20 backends of reduced weight up to 32).
     */
    @Property(tries = 60)
    void sharesFollowWeightsWithinOnePercent(
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 32) Integer> weights) {
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        int[] turns = MaglevTable.turns(w, MaglevTable.IPVS_TURN_BITS);
        MaglevTable table = MaglevTable.build(M, backends(M, ids(w.length), turns));
        int[] counts = table.slotCounts();
        long total = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            double ideal = (double) M * w[i] / total;
            assertThat(Math.abs(counts[i] - ideal)).as("backend %d of %s: %d slots, ideal %.1f", i, weights, counts[i], ideal)
                    .isLessThanOrEqualTo(0.01 * ideal);
        }
    }

    @Example
    void thousandEqualBackendsAtThePapersSize() {
        MaglevTable table = MaglevTable.build(M, backends(M, ids(1000), ones(1000)));
        double ideal = M / 1000.0;
        for (int c : table.slotCounts()) {
            assertThat(Math.abs(c - ideal)).isLessThanOrEqualTo(0.01 * ideal);
        }
    }

    /**
     * Removing one of N backends: of the slots that did not belong to it, at most 1.2 / N change
     * owner (ideal 0). Measured, this holds up to N of about 160 at M = 65537 (M above ~400 N);
     * beyond, Maglev's cascade moves a roughly constant 0.5 to 0.95 % of the other slots
     * (N = 300: 2.5 / N, N = 1000: 5.6 / N; see docs/scheduling.md), which the next property bounds.
     */
    @Property(tries = 40)
    void removingOneOfUpTo150BackendsMovesAtMost1point2OverNOfTheOthers(
            @ForAll @IntRange(min = 3, max = 150) int n,
            @ForAll @IntRange(min = 0, max = 999) int removedSeed,
            @ForAll @IntRange(min = 0, max = 100_000) int firstId) {
        assertThat(disruption(n, removedSeed % n, firstId)).isLessThanOrEqualTo(1.2 / n);
    }

    /** For any N up to 1000 at M = 65537, fewer than 1.5 % of the other slots move (measured at most 0.95 %). */
    @Property(tries = 15)
    void removingOneOfUpTo1000BackendsMovesUnderOnePointFivePercentOfTheOthers(
            @ForAll @IntRange(min = 3, max = 1000) int n,
            @ForAll @IntRange(min = 0, max = 999) int removedSeed,
            @ForAll @IntRange(min = 0, max = 100_000) int firstId) {
        assertThat(disruption(n, removedSeed % n, firstId)).isLessThan(0.015);
    }

    /** Fraction of the slots not owned by backend {@code removed} that change owner when it is removed. */
    static double disruption(int n, int removed, int firstId) {
        List<Integer> before = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            before.add(firstId + i);
        }
        List<Integer> after = new ArrayList<>(before);
        after.remove(removed);
        MaglevTable t1 = MaglevTable.build(M, backends(M, before, ones(n)));
        MaglevTable t2 = MaglevTable.build(M, backends(M, after, ones(n - 1)));
        int others = 0;
        int moved = 0;
        for (int slot = 0; slot < M; slot++) {
            int owner = t1.owner(slot);
            if (owner == removed) {
                continue;
            }
            others++;
            int ownerAfter = after.get(t2.owner(slot));
            if (ownerAfter != before.get(owner)) {
                moved++;
            }
        }
        return (double) moved / others;
    }

    @Property(tries = 20)
    void sameInputsSameTableOnEveryNode(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 1, max = 100) Integer> weights) throws Exception {
        int[] turns = MaglevTable.turns(weights.stream().mapToInt(Integer::intValue).toArray(), MaglevTable.IPVS_TURN_BITS);
        var input = backends(M, ids(weights.size()), turns);
        int[] here = MaglevTable.build(M, input).owners();
        // another "node": another thread, a copy of the inputs
        int[] there = CompletableFuture.supplyAsync(() -> MaglevTable.build(M, List.copyOf(input)).owners()).get();
        assertThat(there).isEqualTo(here);
    }

    @Example
    void pinnedFingerprintCatchesAnyChangeOfAlgorithm() {
        // computed once by this implementation; nodes of different versions must agree
        MaglevTable table = MaglevTable.build(M, backends(M, ids(10), new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        assertThat(Arrays.hashCode(table.owners())).isEqualTo(FINGERPRINT);
    }

    static final int FINGERPRINT = 1393060249;

    @Example
    void turnsAsIpvsMh() {
        assertThat(MaglevTable.turns(new int[] {10, 5, 0}, 6)).containsExactly(2, 1, 0);
        // 127 / 1 needs 7 bits: shifted by 1; 3 >> 1 = 1; 1 >> 1 = 0 but a positive weight keeps one turn
        assertThat(MaglevTable.turns(new int[] {127, 3, 1}, 6)).containsExactly(63, 1, 1);
        assertThat(MaglevTable.turns(new int[] {0, 0}, 6)).containsExactly(0, 0);
    }

    @Example
    void rejectsANonPrimeSize() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> MaglevTable.build(65536, List.of()))
                .withMessage("table size: 65536 (expected: a prime above 2)");
    }
}
