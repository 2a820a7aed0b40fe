package org.bascule.l7.balance;

import java.util.List;
import java.util.Optional;
import org.bascule.l7.LiveServer;
import org.bascule.l7.PickKey;

/**
 * One {@code balance} algorithm. {@code candidates} are the servers that may take the request
 * now (usable, weight above 0, below their {@code maxconn}, not excluded by a retry), in
 * declaration order; the picker returns one of them, or empty when the list is empty.
 * Implementations are thread-safe (the event loops of a backend share one picker); their
 * critical sections are a few arithmetic steps.
 */
public interface Picker {

    Optional<LiveServer> pick(List<LiveServer> candidates, PickKey key);
}
