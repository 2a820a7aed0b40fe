package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * A statement HAProxy 2.6 accepts that Bascule keeps as written without giving it a typed
 * model (e.g. {@code log}, {@code option httplog}, {@code tune.bufsize}). Whoever runs the
 * configuration decides whether to act on it or to warn that it does not, naming {@link #pos()}.
 *
 * @param keyword the keyword, e.g. {@code option httplog} is {@code "option"} with args {@code [httplog]}
 * @param args    its arguments as read (quotes and escapes applied)
 * @param pos     where the statement starts
 */
public record Setting(String keyword, List<String> args, SourcePos pos) {

    public Setting {
        Objects.requireNonNull(keyword, "keyword");
        args = List.copyOf(args);
        Objects.requireNonNull(pos, "pos");
    }

    /** The statement as it would be written back. */
    public String text() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
