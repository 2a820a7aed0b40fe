package org.bascule.config.haproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bascule.config.SourcePos;

/**
 * Splits haproxy.cfg into {@link ConfigLine}s the way HAProxy 2.6 does (configuration.txt
 * sections 2.2 and 2.3):
 * <ul>
 *   <li>blanks separate words; {@code #} outside quotes starts a comment, even inside a word;</li>
 *   <li>{@code "…"} (weak quoting) keeps blanks and {@code #}, still applies backslash escapes and
 *       environment variables; {@code '…'} (strong quoting) applies nothing;</li>
 *   <li>backslash escapes outside strong quotes: {@code \ }, {@code \#}, {@code \\}, {@code \'},
 *       {@code \"}, {@code \$}, {@code \r}, {@code \n}, {@code \t}, {@code \xHH}; any other
 *       backslash is kept as written (regular expressions rely on it);</li>
 *   <li>{@code $NAME} and {@code ${NAME}} outside strong quotes are replaced by the environment
 *       variable (empty when unset); {@code ${NAME[*]}} splits its value into several words;</li>
 *   <li>an empty word (from {@code ""} or an empty variable) ends the argument list: HAProxy
 *       rejects words after it.</li>
 * </ul>
 * There are no continuation lines.
 */
final class LineLexer {

    /** HAProxy's MAX_LINE_ARGS: a line has at most this many words. */
    static final int MAX_WORDS = 64;
    /** A line longer than this is refused (HAProxy grows its buffer, but nothing sane needs more). */
    static final int MAX_LINE_LENGTH = 64 * 1024;
    /** Cap on the text produced by variable expansion, per line, against hostile environments. */
    static final int MAX_EXPANDED_LENGTH = 1024 * 1024;

    private final String file;
    private final Map<String, String> environment;
    private final Problems problems;
    /** Errors reported by escapes and variables so far. */
    private int errors;

    LineLexer(String file, Map<String, String> environment, Problems problems) {
        this.file = file;
        this.environment = environment;
        this.problems = problems;
    }

    /** Every non-blank line of {@code text}. */
    List<ConfigLine> lex(String text) {
        List<ConfigLine> lines = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String raw = text.substring(start, end);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            List<Word> words = lexLine(raw, lineNo);
            if (!words.isEmpty()) {
                lines.add(new ConfigLine(words));
            }
            start = end + 1;
        }
        return lines;
    }

    /** One line; an empty list for blank or comment-only lines and for refused lines. */
    List<Word> lexLine(String raw, int lineNo) {
        if (raw.length() > MAX_LINE_LENGTH) {
            problems.error(new SourcePos(file, lineNo, 1), "line too long", raw.substring(0, 20) + "…",
                    "at most " + MAX_LINE_LENGTH + " characters");
            return List.of();
        }
        List<Word> words = new ArrayList<>();
        StringBuilder current = null;
        boolean currentQuoted = false;
        int currentColumn = 0;
        char quote = 0;
        int quoteColumn = 0;
        int expanded = 0;
        int errorsBefore = errors;
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (quote == 0 && (c == ' ' || c == '\t')) {
                if (current != null) {
                    words.add(word(current, lineNo, currentColumn, currentQuoted));
                    current = null;
                }
                i++;
                continue;
            }
            if (quote == 0 && c == '#') {
                break;
            }
            if (current == null) {
                current = new StringBuilder();
                currentQuoted = false;
                currentColumn = i + 1;
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
                i++;
                continue;
            }
            if (c == '\'' || (c == '"' && quote == 0)) {
                quote = c;
                quoteColumn = i + 1;
                currentQuoted = true;
                i++;
                continue;
            }
            if (c == '"') {
                quote = 0;
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                i = escape(raw, i, current, lineNo);
                continue;
            }
            if (c == '$' && i + 1 < n) {
                Expansion e = variable(raw, i, lineNo);
                if (e == null) {
                    current.append(c);
                    i++;
                    continue;
                }
                expanded += e.value().length();
                if (expanded > MAX_EXPANDED_LENGTH) {
                    problems.error(new SourcePos(file, lineNo, i + 1), "environment variables expand to too much text", raw.substring(i, e.end()),
                            "at most " + MAX_EXPANDED_LENGTH + " characters per line");
                    return List.of();
                }
                if (e.split() && quote == 0) {
                    // ${NAME[*]}: each blank-separated part of the value becomes a word of its own.
                    String[] parts = e.value().trim().split("[ \t]+");
                    for (int p = 0; p < parts.length; p++) {
                        if (p > 0) {
                            words.add(word(current, lineNo, currentColumn, currentQuoted));
                            current = new StringBuilder();
                        }
                        current.append(parts[p]);
                    }
                } else {
                    current.append(e.value());
                }
                i = e.end();
                continue;
            }
            current.append(c);
            i++;
        }
        if (quote != 0) {
            problems.error(new SourcePos(file, lineNo, quoteColumn), "unmatched quote", String.valueOf(quote),
                    "a closing " + quote + " on the same line");
            return List.of();
        }
        if (current != null) {
            words.add(word(current, lineNo, currentColumn, currentQuoted));
        }
        if (errors != errorsBefore) {
            // A broken escape or variable: the words are not what the user meant, so the line is not applied.
            return List.of();
        }
        return endAtEmptyWord(words);
    }

    /**
     * HAProxy ends the argument list at the first empty word: a trailing one is dropped, words
     * after one are an error (the rest of the line would be silently lost).
     */
    private List<Word> endAtEmptyWord(List<Word> words) {
        for (int w = 0; w < words.size(); w++) {
            if (words.get(w).text().isEmpty()) {
                if (w + 1 < words.size()) {
                    Word next = words.get(w + 1);
                    problems.error(words.get(w).pos(), "empty argument", "", "a non-empty value: an empty argument ends the line, so '"
                            + next.text() + "' and what follows would be ignored");
                    return List.of();
                }
                return words.subList(0, w);
            }
        }
        if (words.size() > MAX_WORDS) {
            problems.error(words.get(MAX_WORDS).pos(), "too many words on one line", words.get(MAX_WORDS).text(),
                    "at most " + MAX_WORDS + " words, as HAProxy");
            return List.of();
        }
        return words;
    }

    private Word word(StringBuilder text, int lineNo, int column, boolean quoted) {
        return new Word(text.toString(), new SourcePos(file, lineNo, column), quoted);
    }

    /** Applies the escape at {@code raw[i] == '\\'}; returns the index after it. */
    private int escape(String raw, int i, StringBuilder out, int lineNo) {
        char next = raw.charAt(i + 1);
        switch (next) {
            case ' ', '#', '\\', '\'', '"', '$' -> out.append(next);
            case 'r' -> out.append('\r');
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'x' -> {
                if (i + 3 < raw.length() && hex(raw.charAt(i + 2)) >= 0 && hex(raw.charAt(i + 3)) >= 0) {
                    out.append((char) (hex(raw.charAt(i + 2)) * 16 + hex(raw.charAt(i + 3))));
                    return i + 4;
                }
                errors++;
                problems.error(new SourcePos(file, lineNo, i + 1), "invalid hexadecimal escape",
                        raw.substring(i, Math.min(raw.length(), i + 4)), "\\x followed by two hexadecimal digits");
                out.append("\\x");
            }
            default -> out.append('\\').append(next);
        }
        return i + 2;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** A variable reference read at {@code raw[i] == '$'}. */
    private record Expansion(String value, int end, boolean split) {
    }

    /** The variable at {@code raw[i] == '$'}, or null when the dollar is a plain character. */
    private Expansion variable(String raw, int i, int lineNo) {
        boolean braced = raw.charAt(i + 1) == '{';
        int nameStart = braced ? i + 2 : i + 1;
        int j = nameStart;
        if (j < raw.length() && (Character.isLetter(raw.charAt(j)) || raw.charAt(j) == '_')) {
            j++;
            while (j < raw.length() && (Character.isLetterOrDigit(raw.charAt(j)) || raw.charAt(j) == '_')) {
                j++;
            }
        }
        String name = raw.substring(nameStart, j);
        if (name.isEmpty()) {
            if (braced) {
                errors++;
                problems.error(new SourcePos(file, lineNo, i + 1), "invalid environment variable reference", raw.substring(i, Math.min(raw.length(), i + 3)),
                        "${NAME} with a name of letters, digits and '_', not starting with a digit");
                return new Expansion("", i + 2, false);
            }
            return null;
        }
        boolean split = false;
        if (braced) {
            if (raw.startsWith("[*]", j)) {
                split = true;
                j += 3;
            }
            if (j >= raw.length() || raw.charAt(j) != '}') {
                errors++;
                problems.error(new SourcePos(file, lineNo, i + 1), "unterminated environment variable reference", raw.substring(i, Math.min(raw.length(), j + 1)),
                        "'}' right after the variable name (HAProxy 2.6 has no ${NAME-default})");
                return new Expansion("", j, false);
            }
            j++;
        }
        String value = environment.getOrDefault(name, "");
        return new Expansion(value, j, split);
    }
}
