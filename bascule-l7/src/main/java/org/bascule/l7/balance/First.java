package org.bascule.l7.balance;

import java.util.List;
import java.util.Optional;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * {@code balance first}: the first server, in declaration order, that has a free slot; a server
 * is full at its {@code maxconn} (candidates already exclude full servers), so the next one only
 * gets traffic once the previous is full. Weights are ignored, as in HAProxy.
 */
public final class First implements Picker {

    @Override
    public Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key) {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.getFirst());
    }
}
