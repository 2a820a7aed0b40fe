package org.bascule.vrrp.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.vrrp.fsm.VrrpRole;

/**
 * The notify scripts of one instance or group: which command lines a state change runs.
 * {@code notify_master}/{@code _backup}/{@code _fault}/{@code _stop} run as written;
 * {@code notify} runs with four more words, {@code INSTANCE|GROUP NAME STATE PRIORITY}, as
 * keepalived passes them (keepalived.conf(5), "notify"). {@code notify_master_rx_lower_pri} runs,
 * as written, when a MASTER receives an advert with a lower priority than its own.
 */
public record NotifyScripts(
        Optional<String> master,
        Optional<String> backup,
        Optional<String> fault,
        Optional<String> stop,
        Optional<String> any,
        Optional<String> masterRxLowerPri) {

    /** None. */
    public static final NotifyScripts NONE = new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Without {@code notify_master_rx_lower_pri} (sync groups have none). */
    public NotifyScripts(Optional<String> master, Optional<String> backup, Optional<String> fault, Optional<String> stop, Optional<String> any) {
        this(master, backup, fault, stop, any, Optional.empty());
    }

    public NotifyScripts {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(any, "any");
        Objects.requireNonNull(masterRxLowerPri, "masterRxLowerPri");
    }

    /** The argument vector of {@code notify_master_rx_lower_pri}, if any. */
    public Optional<List<String>> lowerPriorityCommand() {
        return masterRxLowerPri.map(CommandLine::split).filter(w -> !w.isEmpty());
    }

    /** The argument vectors to run for {@code event}, in keepalived's order (specific first). */
    public List<List<String>> commands(NotifyEvent event) {
        List<List<String>> out = new ArrayList<>();
        Optional<String> specific = switch (event.role()) {
            case MASTER -> master;
            case BACKUP -> backup;
            case FAULT -> fault;
            case STOP -> stop;
            case INIT -> Optional.empty();
        };
        specific.map(CommandLine::split).filter(w -> !w.isEmpty()).ifPresent(out::add);
        if (event.role() != VrrpRole.INIT) {
            any.map(CommandLine::split).filter(w -> !w.isEmpty()).ifPresent(words -> {
                List<String> argv = new ArrayList<>(words);
                argv.add(event.kind());
                argv.add(event.name());
                argv.add(event.role().name());
                argv.add(Integer.toString(event.priority()));
                out.add(List.copyOf(argv));
            });
        }
        return out;
    }
}
