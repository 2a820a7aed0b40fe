package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one preprocessed line into tokens, following keepalived.conf(5) and lib/parser.c:
 * <ul>
 *   <li>words are separated by blanks; {@code {} and {@code }} are tokens of their own, even
 *       glued to a word ({@code 80{});</li>
 *   <li>{@code #} or {@code !} where a word begins starts a comment to the end of the line;</li>
 *   <li>{@code "…"} and {@code '…'} quote blanks, braces and comment characters; quotes
 *       inside a word join ({@code ab" c"d} is one word {@code ab cd}); inside quotes the shell
 *       escapes {@code \a \b \E \f \n \r \t \v \nnn \xXX \cC} work and {@code \C} is C;</li>
 *   <li>on an {@code include} line braces are part of the file pattern (csh brace expansion).</li>
 * </ul>
 * keepalived also starts a comment at a {@code #} or {@code !} in the middle of a word
 * ({@code auth_pass ab#cd} is "ab" to it). Bascule keeps such a word whole and warns, since
 * silently truncating a password or a path is the kind of surprise STYLE.md rule 7 forbids.
 */
final class Lexer {

    /** keepalived's include keywords (keepalived.conf(5), "include" and its check variants). */
    static final Set<String> INCLUDE_KEYWORDS = Set.of("include", "includer", "includem", "includew", "includeb", "includea");

    private Lexer() {
    }

    /** The tokens of {@code line}, followed by one EOL token if there was any. */
    static List<Token> tokenize(SourceLine line, Diagnostics diagnostics) {
        String s = line.text();
        int n = s.length();
        List<Token> tokens = new ArrayList<>();
        boolean includeLine = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isBlank(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == '!') {
                break;
            }
            if (!includeLine && (c == '{' || c == '}')) {
                tokens.add(Token.of(c == '{' ? Token.Kind.OPEN : Token.Kind.CLOSE, line.pos(i)));
                i++;
                continue;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            int innerComment = -1;
            while (i < n) {
                c = s.charAt(i);
                if (isBlank(c) || (!includeLine && (c == '{' || c == '}'))) {
                    break;
                }
                if (c == '"' || c == '\'') {
                    quoted = true;
                    int close = readQuoted(s, i, word);
                    if (close < 0) {
                        diagnostics.error(line.pos(i), "unterminated quoted string", s.substring(i),
                                "a closing " + c + " on the same line");
                        i = n;
                        break;
                    }
                    i = close + 1;
                    continue;
                }
                if (!includeLine && (c == '#' || c == '!') && innerComment < 0) {
                    innerComment = i;
                }
                word.append(c);
                i++;
            }
            String text = word.toString();
            if (innerComment >= 0) {
                diagnostics.warning(line.pos(start), "comment character inside word", text,
                        "a blank before '" + s.charAt(innerComment) + "' to start a comment, or quotes to keep it;"
                                + " keepalived would drop the rest of the line here");
            }
            if (tokens.isEmpty() && !quoted && INCLUDE_KEYWORDS.contains(text)) {
                includeLine = true;
            }
            tokens.add(Token.word(text, line.pos(start), quoted));
        }
        if (!tokens.isEmpty()) {
            tokens.add(Token.of(Token.Kind.EOL, line.pos(n)));
        }
        return tokens;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /**
     * Appends the quoted part starting at {@code open} (a quote character) to {@code out}.
     *
     * @return the index of the closing quote, or -1 if the line ends first
     */
    private static int readQuoted(String s, int open, StringBuilder out) {
        char quote = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                return i;
            }
            if (c == '\\' && i + 1 < s.length()) {
                i = readEscape(s, i + 1, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return -1;
    }

    /** Decodes the escape whose letter is at {@code at}; returns the index after it. */
    private static int readEscape(String s, int at, StringBuilder out) {
        char c = s.charAt(at);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'E' -> out.append('\u001B');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case 'x' -> {
                int end = at + 1;
                while (end < s.length() && end < at + 3 && Character.digit(s.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == at + 1) {
                    out.append('x');
                    return at + 1;
                }
                out.append((char) Integer.parseInt(s.substring(at + 1, end), 16));
                return end;
            }
            case 'c' -> {
                if (at + 1 < s.length()) {
                    out.append((char) (s.charAt(at + 1) & 0x1F));
                    return at + 2;
                }
                out.append('c');
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = at;
                    while (end < s.length() && end < at + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) Integer.parseInt(s.substring(at, end), 8));
                    return end;
                }
                out.append(c);
            }
        }
        return at + 1;
    }
}
