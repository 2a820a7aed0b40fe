package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code USERNAME [GROUPNAME]} a script runs as ({@code script_user}, {@code user},
 * and the optional tail of every {@code notify*} keyword). Without a group keepalived uses the
 * user's own group.
 */
public record ScriptUser(String user, Optional<String> group) {

    public ScriptUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }
}
