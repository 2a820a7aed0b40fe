package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * A script keepalived runs on an event: {@code notify_master}, {@code notify_up},
 * {@code quorum_up} … written {@code KEYWORD SCRIPT|"SCRIPT ARGS" [USER [GROUP]]}
 * (keepalived.conf(5): a script with parameters must be quoted).
 *
 * @param command the script and its parameters, quotes removed
 * @param user    who runs it; the global {@code script_user} otherwise
 */
public record NotifyScript(SourcePos pos, String command, Optional<ScriptUser> user) {

    public NotifyScript {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
    }
}
