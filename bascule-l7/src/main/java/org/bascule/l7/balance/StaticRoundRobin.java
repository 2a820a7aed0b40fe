package org.bascule.l7.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * {@code balance static-rr}: HAProxy's {@code lb_map}, a table of sum(weights) slots filled
 * once with the servers interleaved by weight and walked slot by slot. The table is rebuilt
 * only when the set of candidates or a weight changes (HAProxy rebuilds it on a state change),
 * so the walk stays deterministic and costs one step.
 */
public final class StaticRoundRobin implements Picker {

    private List<LiveServer> builtFrom = List.of();
    private int[] builtWeights = new int[0];
    private LiveServer[] table = new LiveServer[0];
    private int next;

    @Override
    public synchronized Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (!sameAsBuilt(candidates)) {
            rebuild(candidates);
        }
        LiveServer s = table[next];
        next = (next + 1) % table.length;
        return Optional.of(s);
    }

    private boolean sameAsBuilt(List<LiveServer> candidates) {
        if (candidates.size() != builtFrom.size()) {
            return false;
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i) != builtFrom.get(i) || candidates.get(i).weight() != builtWeights[i]) {
                return false;
            }
        }
        return true;
    }

    private void rebuild(List<LiveServer> candidates) {
        builtFrom = List.copyOf(candidates);
        builtWeights = candidates.stream().mapToInt(LiveServer::weight).toArray();
        SmoothRoundRobin order = new SmoothRoundRobin();
        int total = 0;
        for (int w : builtWeights) {
            total += w;
        }
        List<LiveServer> slots = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            slots.add(order.pick(candidates, null).orElseThrow());
        }
        table = slots.toArray(LiveServer[]::new);
        next = next % table.length;
    }
}
