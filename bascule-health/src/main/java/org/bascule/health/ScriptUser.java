package org.bascule.health;

import java.util.Objects;
import java.util.Optional;

/**
 * Who runs a script: keepalived's {@code user USERNAME [GROUPNAME]} (and the tail of every
 * {@code notify*} keyword). Honoured only when Bascule runs as root, like keepalived, which can
 * only drop privileges it has; without a group the user's own primary group is used.
 */
public record ScriptUser(String user, Optional<String> group) {

    public ScriptUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?")) {
            throw new IllegalArgumentException("user: '" + user + "' (expected: a user name)");
        }
        if (group.isPresent() && !group.get().matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("group: '" + group.get() + "' (expected: a group name)");
        }
    }
}
