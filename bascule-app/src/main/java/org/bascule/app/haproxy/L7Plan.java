package org.bascule.app.haproxy;

import java.util.List;
import java.util.Optional;
import org.bascule.config.Diagnostic;
import org.bascule.l7.spec.ProxySpec;

/**
 * What {@code run} will serve from a haproxy.cfg: the L7 tier's spec, and a note (file:line)
 * for everything of the file the L7 tier does not do yet, or does differently. An error note
 * means the file cannot be served; then {@link #spec()} is empty.
 *
 * @param spec  the proxy configuration, when it could be built
 * @param notes warnings and errors, in file order
 */
public record L7Plan(Optional<ProxySpec> spec, List<Diagnostic> notes) {

    public L7Plan {
        notes = List.copyOf(notes);
    }

    /** True when a note is an error. */
    public boolean hasErrors() {
        return notes.stream().anyMatch(Diagnostic::isError);
    }
}
