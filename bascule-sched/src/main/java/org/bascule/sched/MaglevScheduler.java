package org.bascule.sched;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bascule.sched.hash.AddressFold;
import org.bascule.sched.hash.SipHash;
import org.bascule.sched.hash.SipKey;

/**
 * Maglev hashing, Linux {@code net/netfilter/ipvs/ip_vs_mh.c}, over a {@link MaglevTable}.
 *
 * <p>Each member's preference list comes from its address: offset from
 * {@code hsiphash(port + fold(addr), key1) mod M}, skip from the same with key2
 * ({@code mod (M - 1) + 1}); turns from the gcd-reduced, 6-bit-capped weights. A client goes to
 * slot {@code hsiphash(port + fold(source), key1) mod M}; the port is the client's with
 * {@code mh-port}, else 0. Keys, hash and table size are the kernel's.
 *
 * <p>One deliberate difference: the kernel fills the table in its destination-list order, which
 * depends on history (a server that failed and came back is re-inserted at the head), so two
 * IPVS nodes with the same servers can build different tables. Here the table is filled in a
 * canonical order (by address, then port), so every node with the same servers and weights
 * builds the same table whatever happened before (SPEC R-L4-1); with a kernel whose list is in
 * that order, the tables are the kernel's.
 *
 * <p>As the kernel, the table is built from each member's <em>last non-zero</em> weight
 * ({@code dest->last_weight}): draining a member to weight 0 leaves the table as it is, the
 * member simply stops being available; its clients get nothing, or with {@code mh-fallback} a
 * deterministic other member ({@code ip_vs_mh_get_fallback}). A member that first appears with
 * weight 0 takes no slot. The table is rebuilt only when a member or a last weight changes.
 */
public final class MaglevScheduler<T> implements Scheduler<T> {

    /** IPVS name. */
    public static final String NAME = "mh";

    private final boolean port;
    private final boolean fallback;
    private final int size;
    private final Function<? super T, InetSocketAddress> address;

    private DestinationSet<T> seen = DestinationSet.empty();
    private Map<T, Integer> lastWeights = new HashMap<>();
    private List<T> builtMembers = List.of();
    private int[] builtWeights = new int[0];
    private MaglevTable table;
    /** Table backend k is member {@code fillOrder[k]} of the set. */
    private int[] fillOrder = new int[0];

    public MaglevScheduler(SchedulerSettings<T> settings) {
        this.port = settings.has(SchedulerFlag.PORT);
        this.fallback = settings.has(SchedulerFlag.FALLBACK);
        this.size = settings.maglevSize();
        this.address = settings.address();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The table in use (after the last {@link #schedule}), for tests and the bench. */
    public MaglevTable table() {
        return table;
    }

    @Override
    public Optional<T> schedule(DestinationSet<T> set, Flow flow) {
        if (set != seen) {
            adopt(set);
        }
        if (table == null) {
            return Optional.empty();
        }
        int key = (port ? flow.client().getPort() : 0) + AddressFold.fold(flow.client());
        int slot = Integer.remainderUnsigned(SipHash.hsiphash32(SipKey.IPVS_MH_1, key), size);
        int owner = table.owner(slot);
        if (owner == MaglevTable.EMPTY) {
            return Optional.empty();
        }
        Destination<T> d = set.get(fillOrder[owner]);
        if (d.available()) {
            return Optional.of(d.member());
        }
        if (!fallback) {
            return Optional.empty();
        }
        for (int offset = 0; offset < size; offset++) {
            int roffset = (offset + slot) % size;
            int other = table.owner(Integer.remainderUnsigned(SipHash.hsiphash32(SipKey.IPVS_MH_1, roffset + key), size));
            if (other != MaglevTable.EMPTY && set.get(fillOrder[other]).available()) {
                return Optional.of(set.get(fillOrder[other]).member());
            }
        }
        return Optional.empty();
    }

    private void adopt(DestinationSet<T> set) {
        Map<T, Integer> last = new HashMap<>();
        List<T> members = new ArrayList<>(set.size());
        int[] weights = new int[set.size()];
        for (int i = 0; i < set.size(); i++) {
            Destination<T> d = set.get(i);
            Integer before = lastWeights.get(d.member());
            // __ip_vs_update_dest: "keep the last_weight with latest non-0 weight"; set on add
            int w = before == null || d.weight() != 0 ? d.weight() : before;
            last.put(d.member(), w);
            members.add(d.member());
            weights[i] = w;
        }
        seen = set;
        lastWeights = last;
        if (table != null && members.equals(builtMembers) && Arrays.equals(weights, builtWeights)) {
            return; // a weight went to 0 or back to its last value: same table
        }
        builtMembers = members;
        builtWeights = weights;
        table = set.size() == 0 ? null : build(members, weights);
    }

    private MaglevTable build(List<T> members, int[] weights) {
        int[] turns = MaglevTable.turns(weights, MaglevTable.IPVS_TURN_BITS);
        InetSocketAddress[] addresses = new InetSocketAddress[members.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = address.apply(members.get(i));
        }
        fillOrder = IntStream.range(0, addresses.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> addressKey(addresses[i]))
                        .thenComparingInt(i -> addresses[i].getPort()))
                .mapToInt(Integer::intValue).toArray();
        List<MaglevTable.Backend> backends = new ArrayList<>(members.size());
        for (int i : fillOrder) {
            InetSocketAddress a = addresses[i];
            int key = a.getPort() + AddressFold.fold(a);
            backends.add(MaglevTable.Backend.of(size, SipHash.hsiphash32(SipKey.IPVS_MH_1, key),
                    SipHash.hsiphash32(SipKey.IPVS_MH_2, key), turns[i]));
        }
        return MaglevTable.build(size, backends);
    }

    /** Canonical order of addresses: IPv4 before IPv6, then by bytes (unresolved ones by name). */
    private static String addressKey(InetSocketAddress a) {
        if (a.isUnresolved()) {
            return "~" + a.getHostString();
        }
        StringBuilder sb = new StringBuilder(a.getAddress().getAddress().length == 4 ? "4" : "6");
        for (byte b : a.getAddress().getAddress()) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
