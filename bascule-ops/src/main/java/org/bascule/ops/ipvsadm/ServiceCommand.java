package org.bascule.ops.ipvsadm;

import java.util.Objects;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceSettings;

/**
 * {@code ipvsadm -A|-E|-D -t|-u|-f service [-s scheduler] [-p [timeout]] [-M netmask]}: add,
 * edit or delete a virtual service.
 */
public record ServiceCommand(Action action, ServiceAddress service, ServiceSettings settings) implements IpvsadmCommand {

    /** Which of the three. */
    public enum Action { ADD, EDIT, DELETE }

    public ServiceCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(settings, "settings");
    }

    static IpvsadmCommandSpec.Builder builder(Action action) {
        return (options, names) -> {
            ServiceAddress service = EditArgs.service(options, names);
            if (action != Action.DELETE && service instanceof ServiceAddress.Endpoint e && e.address().getPort() == 0
                    && !options.has(IpvsadmGrammar.PERSISTENT)) {
                // process_options: "Make sure that port zero service is persistent"
                throw IpvsadmException.usage("ipvsadm: Zero port specified for non-persistent service (expected: a port, or -p)");
            }
            return new ServiceCommand(action, service,
                    new ServiceSettings(EditArgs.scheduler(options), EditArgs.persistence(options, service)));
        };
    }
}
