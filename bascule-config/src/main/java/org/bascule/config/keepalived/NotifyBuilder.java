package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads the {@code notify*} keywords of a vrrp_instance or vrrp_sync_group (keepalived.conf(5)). */
final class NotifyBuilder {

    Optional<NotifyScript> master = Optional.empty();
    Optional<NotifyScript> backup = Optional.empty();
    Optional<NotifyScript> fault = Optional.empty();
    Optional<NotifyScript> stop = Optional.empty();
    Optional<NotifyScript> deleted = Optional.empty();
    boolean notifyDeleted;
    Optional<NotifyScript> any = Optional.empty();
    Optional<NotifyScript> masterRxLowerPri = Optional.empty();

    /**
     * The notify keywords over builders of type {@code T}.
     *
     * @param instance true for vrrp_instance, which also has notify_master_rx_lower_pri
     */
    static <T> List<Keyword<T>> keywords(Function<T, NotifyBuilder> notify, boolean instance) {
        List<Keyword<T>> list = new ArrayList<>(List.of(
                script("notify_master", "run on transition to MASTER", notify, (n, v) -> n.master = v, n -> n.master),
                script("notify_backup", "run on transition to BACKUP", notify, (n, v) -> n.backup = v, n -> n.backup),
                script("notify_fault", "run on transition to FAULT", notify, (n, v) -> n.fault = v, n -> n.fault),
                script("notify_stop", "run when VRRP stops", notify, (n, v) -> n.stop = v, n -> n.stop),
                script("notify", "run on every transition, with 4 extra arguments", notify, (n, v) -> n.any = v, n -> n.any),
                Keyword.line("notify_deleted", 0, 3, "notify_deleted [SCRIPT [USER [GROUP]]]",
                        "report DELETED rather than FAULT when a reload removes the instance", (ctx, t, s) -> {
                            NotifyBuilder n = notify.apply(t);
                            n.notifyDeleted = true;
                            if (!s.args().isEmpty() && Scripts.once(ctx, s, n.deleted)) {
                                n.deleted = Optional.of(Scripts.notify(s));
                            }
                        })));
        if (instance) {
            list.add(script("notify_master_rx_lower_pri", "run when a MASTER receives a lower-priority advert", notify,
                    (n, v) -> n.masterRxLowerPri = v, n -> n.masterRxLowerPri));
        }
        return list;
    }

    private static <T> Keyword<T> script(String name, String doc, Function<T, NotifyBuilder> notify,
                                         java.util.function.BiConsumer<NotifyBuilder, Optional<NotifyScript>> set,
                                         Function<NotifyBuilder, Optional<NotifyScript>> get) {
        return Keyword.line(name, 1, 3, Scripts.usage(name), doc, (ctx, t, s) -> {
            NotifyBuilder n = notify.apply(t);
            if (Scripts.once(ctx, s, get.apply(n))) {
                set.accept(n, Optional.of(Scripts.notify(s)));
            }
        });
    }

    Notifiers build() {
        return new Notifiers(master, backup, fault, stop, deleted, notifyDeleted, any, masterRxLowerPri);
    }
}
