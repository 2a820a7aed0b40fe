package org.bascule.config.haproxy;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code use_backend NAME [if|unless cond]}: the first switching rule whose condition holds picks
 * the backend; {@code default_backend} applies when none does.
 *
 * @param backend   the backend name (may be a log-format expression such as {@code %[req.hdr(x)]})
 * @param condition empty for an unconditional rule
 * @param pos       the line
 */
public record BackendSwitch(String backend, Optional<Condition> condition, SourcePos pos) {

    public BackendSwitch {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(pos, "pos");
    }

    /** True when the name is computed per request ({@code %[…]}) and cannot be checked at parse time. */
    public boolean dynamic() {
        return backend.contains("%[");
    }
}
