package org.bascule.config.keepalived;

import java.util.Objects;

/**
 * One keyword of a block, as data (STYLE.md rule 8): its name, how many values it takes,
 * whether it opens a block, how it is written, what it means, and the handler that applies it.
 * The tables of these drive parsing, "did you mean", "belongs in" and the documentation.
 *
 * @param name    the keyword
 * @param minArgs fewest values after the keyword
 * @param maxArgs most values after the keyword
 * @param shape   line only, block required, or either
 * @param usage   how it is written, e.g. {@code priority <1-255>}
 * @param doc     one line from keepalived.conf(5)
 * @param handler applies the statement to the block being built
 * @param <T>     the builder of the enclosing block
 */
record Keyword<T>(String name, int minArgs, int maxArgs, Shape shape, String usage, String doc, Handler<T> handler) {

    /** Values a keyword takes without limit. */
    static final int MANY = Integer.MAX_VALUE;

    /** Whether a keyword takes a {@code { … }} block. */
    enum Shape {
        /** A one-line statement. */
        LINE,
        /** A statement that must be followed by a block. */
        BLOCK
    }

    /** Applies one statement. */
    @FunctionalInterface
    interface Handler<T> {
        void apply(ParseContext ctx, T target, Stanza stanza);
    }

    Keyword {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(handler, "handler");
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("args: " + minArgs + ".." + maxArgs + " (expected: 0 <= min <= max)");
        }
    }

    /** A one-line keyword. */
    static <T> Keyword<T> line(String name, int min, int max, String usage, String doc, Handler<T> handler) {
        return new Keyword<>(name, min, max, Shape.LINE, usage, doc, handler);
    }

    /** A keyword without value. */
    static <T> Keyword<T> flag(String name, String doc, Handler<T> handler) {
        return new Keyword<>(name, 0, 0, Shape.LINE, name, doc, handler);
    }

    /** A keyword with an optional on/off value, true when absent. */
    static <T> Keyword<T> bool(String name, String doc, Handler<T> handler) {
        return new Keyword<>(name, 0, 1, Shape.LINE, name + " [on|off]", doc, handler);
    }

    /** A keyword followed by a block. */
    static <T> Keyword<T> block(String name, int min, int max, String usage, String doc, Handler<T> handler) {
        return new Keyword<>(name, min, max, Shape.BLOCK, usage, doc, handler);
    }

    /**
     * A keyword Bascule recognises and keeps verbatim in the block's settings, without acting on
     * it.
     */
    static <T extends SettingsHolder> Keyword<T> kept(String name, int min, int max, String usage, String doc) {
        return new Keyword<>(name, min, max, Shape.LINE, usage, doc,
                (ctx, target, s) -> target.settings().put(s.name(), s.argTexts()));
    }

    /** Renames the keyword (a synonym with the same handler, e.g. lvs_sched for lb_algo). */
    Keyword<T> alias(String otherName) {
        return new Keyword<>(otherName, minArgs, maxArgs, shape, usage.replaceFirst("^" + java.util.regex.Pattern.quote(name), otherName),
                doc + " (synonym of " + name + ")", handler);
    }
}
