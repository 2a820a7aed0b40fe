package org.bascule.config.keepalived;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bascule.config.Diagnostic;
import org.bascule.config.Severity;
import org.bascule.config.Suggestions;

/**
 * The keywords of one block (e.g. {@code vrrp_instance}) and the dispatch of its statements:
 * each statement is checked against its keyword's arity and shape, then handed to the handler.
 * Unknown keywords are reported with the table's help: the block(s) where the keyword is valid,
 * or the closest keyword of this block.
 *
 * @param <T> the builder of the block
 */
final class KeywordTable<T> {

    private final String section;
    private final Map<String, Keyword<T>> keywords = new LinkedHashMap<>();

    /**
     * @param section  the block's name in messages ("vrrp_instance", "top level" …)
     * @param keywords its keywords; later ones replace earlier ones of the same name
     */
    KeywordTable(String section, List<Keyword<T>> keywords) {
        this.section = section;
        keywords.forEach(k -> this.keywords.put(k.name(), k));
    }

    String section() {
        return section;
    }

    Collection<Keyword<T>> keywords() {
        return keywords.values();
    }

    boolean contains(String name) {
        return keywords.containsKey(name);
    }

    Optional<Keyword<T>> find(String name) {
        return Optional.ofNullable(keywords.get(name));
    }

    /** Applies every statement of a block. */
    void applyAll(ParseContext ctx, T target, List<Stanza> stanzas) {
        for (Stanza stanza : stanzas) {
            apply(ctx, target, stanza);
        }
    }

    /** Applies one statement; false when it was rejected (and reported). */
    boolean apply(ParseContext ctx, T target, Stanza stanza) {
        Keyword<T> keyword = keywords.get(stanza.name());
        if (keyword == null || stanza.keyword().quoted()) {
            reportUnknown(ctx, stanza);
            return false;
        }
        if (target instanceof Attempted attempted) {
            attempted.attempted().add(keyword.name());
        }
        if (keyword.shape() == Keyword.Shape.BLOCK && !stanza.hasBlock()) {
            ctx.error(stanza, "missing '{' after", keyword.usage().contains("{") ? keyword.usage() : keyword.usage() + " { … }");
            return false;
        }
        if (keyword.shape() == Keyword.Shape.LINE && stanza.hasBlock()) {
            ctx.error(stanza, "unexpected block after", keyword.usage() + " on one line, without '{'");
            return false;
        }
        int count = stanza.args().size();
        if (count < keyword.minArgs()) {
            ctx.error(stanza.keyword(), "missing value after", keyword.usage());
            return false;
        }
        if (count > keyword.maxArgs()) {
            Token extra = stanza.arg(keyword.maxArgs());
            ctx.error(extra, "unexpected extra value", keyword.usage()
                    + (keyword.maxArgs() > 0 ? "; quote a value that contains blanks" : ""));
            return false;
        }
        keyword.handler().apply(ctx, target, stanza);
        return true;
    }

    /**
     * Reports a keyword this block does not know: a warning (the statement is ignored, as
     * keepalived ignores it) unless it has a block, whose whole content would be lost: then an
     * error.
     */
    void reportUnknown(ParseContext ctx, Stanza stanza) {
        if (ctx.diagnostics().full()) {
            ctx.diagnostics().add(new Diagnostic(Severity.WARNING, stanza.pos(), "unknown keyword"));
            return;
        }
        Severity severity = stanza.hasBlock() ? Severity.ERROR : Severity.WARNING;
        String name = stanza.name();
        List<String> places = stanza.keyword().quoted() ? List.of()
                : KeywordIndex.sectionsOf(name).stream().filter(s -> !s.equals(section)).toList();
        String here = section.equals(KeywordIndex.TOP_LEVEL) ? "at top level" : "in " + section;
        String message;
        if (!places.isEmpty()) {
            String where = places.size() <= 3 ? String.join(", ", places) : String.join(", ", places.subList(0, 3)) + ", …";
            message = "'" + name + "' is not valid " + here + " (it belongs in " + where + ")";
        } else {
            Optional<String> suggestion = Suggestions.closest(name, keywords.keySet());
            message = "unknown keyword '" + name + "' " + here + " (" + suggestion.map(s -> "did you mean '" + s + "'?")
                    .orElseGet(() -> "expected: a " + (section.equals(KeywordIndex.TOP_LEVEL) ? "top-level" : section)
                            + " keyword such as " + String.join(", ", Suggestions.nearest(name, keywords.keySet(), 3))) + ")";
        }
        ctx.diagnostics().add(new Diagnostic(severity, stanza.pos(), message));
    }
}
