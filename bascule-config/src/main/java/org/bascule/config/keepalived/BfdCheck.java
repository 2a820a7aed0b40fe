package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/** {@code BFD_CHECK { name BFD_INSTANCE }}: the real server follows a bfd_instance session. */
public record BfdCheck(SourcePos pos, String name) implements Checker {

    public BfdCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.BFD_CHECK;
    }
}
