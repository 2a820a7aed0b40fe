package org.bascule.ops.ipvsadm;

import java.util.Objects;
import org.bascule.l4.table.DestinationSettings;
import org.bascule.l4.table.ServiceAddress;

/**
 * {@code ipvsadm -a|-e|-d -t|-u|-f service -r server [-g|-m|-i] [-w weight]}: add, edit or
 * delete a real server of a service. Like ipvsadm, an edit sets every value, so
 * {@code -e} without {@code -w} sets the weight back to 1.
 */
public record ServerCommand(Action action, ServiceAddress service, DestinationSettings destination) implements IpvsadmCommand {

    /** Which of the three. */
    public enum Action { ADD, EDIT, DELETE }

    public ServerCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(destination, "destination");
    }

    static IpvsadmCommandSpec.Builder builder(Action action) {
        return (options, names) -> {
            ServiceAddress service = EditArgs.service(options, names);
            var address = EditArgs.realServer(options, service, action != Action.DELETE, names);
            return new ServerCommand(action, service,
                    new DestinationSettings(address, EditArgs.weight(options), EditArgs.forwarding(options)));
        };
    }
}
