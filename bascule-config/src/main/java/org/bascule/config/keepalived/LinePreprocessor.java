package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What keepalived does to a line before splitting it into words (keepalived.conf(5),
 * "ADVANCED CONFIGURATION"; lib/parser.c):
 * <ol>
 *   <li>conditional lines: {@code @ID rest} keeps {@code rest} only when ID is the config id,
 *       {@code @^ID rest} only when it is not;</li>
 *   <li>parameter definitions {@code $NAME=VALUE}, continued over several lines when each but
 *       the last ends with a backslash;</li>
 *   <li>sequence and list blocks {@code ~SEQ(var, start, step, end)},
 *       {@code ~SEQx(…)} (hexadecimal) and {@code ~LST(var, v1, v2 …)}, which repeat the rest of
 *       the line;</li>
 *   <li>substitution of {@code ${NAME}} anywhere and {@code $NAME} before a blank, recursively;
 *       undefined names are left as written.</li>
 * </ol>
 * Columns stay exact for untouched lines (a conditional prefix is blanked, not removed).
 */
final class LinePreprocessor {

    /** A line may expand to at most this many lines through ~SEQ/~LST and parameters. */
    static final int MAX_EXPANSION = 100_000;
    /** Substitution stops after this many nested replacements (a parameter defined by itself). */
    static final int MAX_DEPTH = 32;
    /** A line may grow to at most this many characters through substitution (keepalived's own lines are far shorter). */
    static final int MAX_LINE_LENGTH = 100_000;
    /** A whole parse may expand to at most this many characters (as much as the files it may read). */
    static final long MAX_TOTAL_CHARS = 64L << 20;
    /** A whole parse may expand to at most this many lines. */
    static final int MAX_TOTAL_LINES = 1_000_000;

    private static final Pattern DEFINITION = Pattern.compile("\\s*\\$([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)(?=\\s|$)");
    private static final Pattern SEQUENCE = Pattern.compile("\\s*~(SEQx?|LST)\\(");

    private final String configId;
    private final ParameterTable parameters;
    private final Diagnostics diagnostics;
    private int expandedLines;
    private long totalLines;
    private long totalChars;

    LinePreprocessor(String configId, ParameterTable parameters, Diagnostics diagnostics) {
        this.configId = configId;
        this.parameters = parameters;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads the next line of {@code file} and returns what it becomes: nothing (a comment-free
     * skipped conditional or a definition), itself, or several lines.
     */
    List<SourceLine> next(FileLines file) {
        expandedLines = 0;
        String raw = file.nextLine();
        int lineNo = file.lineNumber();
        if (totalLines > MAX_TOTAL_LINES) {
            return List.of();
        }
        String line = applyCondition(raw);
        if (line == null) {
            return List.of();
        }
        Matcher definition = DEFINITION.matcher(line);
        if (definition.matches()) {
            define(file, definition.group(1), definition.group(2));
            return List.of();
        }
        List<SourceLine> out = new ArrayList<>();
        expand(file, lineNo, line, 0, line != raw, 0, out);
        boolean wasOver = totalLines > MAX_TOTAL_LINES;
        totalLines += out.size();
        if (totalLines > MAX_TOTAL_LINES && !wasOver) {
            diagnostics.error(new SourceLine(line, file.displayName(), lineNo, false).pos(0), "configuration expands to too many lines at",
                    abbreviate(line), "at most " + MAX_TOTAL_LINES + " lines in all after ~SEQ/~LST and parameters; the rest is ignored");
        }
        return out;
    }

    /** The line without its condition, null when the condition excludes it. */
    private String applyCondition(String line) {
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (start >= line.length() || line.charAt(start) != '@') {
            return line;
        }
        int idStart = start + 1;
        boolean negate = idStart < line.length() && line.charAt(idStart) == '^';
        if (negate) {
            idStart++;
        }
        int idEnd = idStart;
        while (idEnd < line.length() && !Character.isWhitespace(line.charAt(idEnd))) {
            idEnd++;
        }
        boolean matches = line.substring(idStart, idEnd).equals(configId);
        if (matches == negate) {
            return null;
        }
        // Blank the condition rather than cutting it, so that columns still match the file.
        return " ".repeat(idEnd) + line.substring(idEnd);
    }

    private void define(FileLines file, String name, String value) {
        List<String> lines = new ArrayList<>();
        String current = value;
        while (current.stripTrailing().endsWith("\\")) {
            String trimmed = current.stripTrailing();
            String part = trimmed.substring(0, trimmed.length() - 1);
            if (!part.isBlank() || !lines.isEmpty()) {
                lines.add(part);
            }
            if (!file.hasNext()) {
                current = "";
                break;
            }
            current = file.nextLine();
        }
        if (!current.isBlank() || lines.isEmpty()) {
            lines.add(current);
        }
        parameters.define(name, lines);
    }

    private void expand(FileLines file, int lineNo, String line, int offset, boolean changed, int depth, List<SourceLine> out) {
        Matcher sequence = SEQUENCE.matcher(line);
        if (sequence.lookingAt()) {
            expandSequence(file, lineNo, line, offset, sequence, depth, out);
            return;
        }
        Optional<String> substituted = substitute(file, lineNo, line);
        String text = substituted.orElse(line);
        for (String part : text.split("\n", -1)) {
            totalChars += part.length();
            if (totalChars > MAX_TOTAL_CHARS) {
                // Counted once: later lines are dropped by the line budget below.
                totalLines = MAX_TOTAL_LINES + 1L;
                diagnostics.error(new SourceLine(line, file.displayName(), lineNo, false).pos(0), "configuration expands to too much text at",
                        abbreviate(line), "at most " + MAX_TOTAL_CHARS + " characters in all after ~SEQ/~LST and parameters; the rest is ignored");
                return;
            }
            if (++expandedLines > MAX_EXPANSION) {
                if (expandedLines == MAX_EXPANSION + 1) {
                    diagnostics.error(new SourceLine(line, file.displayName(), lineNo, false).pos(0),
                            "line expands to too many lines", abbreviate(line),
                            "at most " + MAX_EXPANSION + " lines from one ~SEQ/~LST or parameter");
                }
                return;
            }
            out.add(new SourceLine(part, file.displayName(), lineNo, changed || substituted.isPresent(), offset));
        }
    }

    /** Replaces references until none is left; empty when nothing was replaced. */
    private Optional<String> substitute(FileLines file, int lineNo, String line) {
        String text = line;
        boolean any = false;
        for (int depth = 0; text.indexOf('$') >= 0; depth++) {
            if (depth >= MAX_DEPTH) {
                diagnostics.error(new SourceLine(line, file.displayName(), lineNo, false).pos(line.indexOf('$')),
                        "parameter substitution does not end in", abbreviate(line),
                        "parameters that do not refer to themselves (at most " + MAX_DEPTH + " levels)");
                break;
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder sb = new StringBuilder();
            boolean replaced = false;
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                Optional<String> value = parameters.lookup(name, file.directory().toString());
                if (value.isPresent()) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(value.get()));
                    replaced = true;
                } else {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                }
                if (sb.length() > MAX_LINE_LENGTH) {
                    diagnostics.error(new SourceLine(line, file.displayName(), lineNo, false).pos(0),
                            "parameter substitution grows too long in", abbreviate(line),
                            "a substituted line shorter than " + MAX_LINE_LENGTH + " characters");
                    return Optional.of(line);
                }
            }
            if (!replaced) {
                break;
            }
            m.appendTail(sb);
            text = sb.toString();
            any = true;
        }
        return any ? Optional.of(text) : Optional.empty();
    }

    private void expandSequence(FileLines file, int lineNo, String line, int offset, Matcher head, int depth, List<SourceLine> out) {
        SourceLine where = new SourceLine(line, file.displayName(), lineNo, false, offset);
        int open = head.end() - 1;
        int close = matchingParen(line, open);
        if (close < 0) {
            diagnostics.error(where.pos(head.start(1) - 1), "unclosed '(' in", abbreviate(line), "~" + head.group(1) + "(…) with a closing ')'");
            return;
        }
        String spec = line.substring(open + 1, close);
        // The rest keeps its columns through an offset, not by padding: padding would make a long
        // ~LST line cost its length for every repetition.
        String rest = line.substring(close + 1);
        int restOffset = offset + close + 1;
        Optional<SequenceSpec> parsed = head.group(1).equals("LST")
                ? SequenceSpec.list(spec)
                : SequenceSpec.sequence(spec, head.group(1).equals("SEQx"), MAX_EXPANSION);
        if (parsed.isEmpty()) {
            diagnostics.error(where.pos(head.start(1) - 1), "invalid ~" + head.group(1) + " specification", spec,
                    head.group(1).equals("LST")
                            ? "~LST(var, value, …) or ~LST({a, b}, {1, 2}, …)"
                            : "~" + head.group(1) + "(var, [start,] [step,] end) with integers, at most "
                                    + MAX_EXPANSION + " values");
            return;
        }
        for (List<String[]> binding : parsed.get().bindings()) {
            for (String[] nameValue : binding) {
                parameters.define(nameValue[0], List.of(nameValue[1]));
            }
            if (expandedLines > MAX_EXPANSION || depth > MAX_DEPTH || totalLines > MAX_TOTAL_LINES) {
                return;
            }
            expand(file, lineNo, rest, restOffset, true, depth + 1, out);
        }
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String line) {
        String trimmed = line.strip();
        return trimmed.length() > 60 ? trimmed.substring(0, 57) + "..." : trimmed;
    }
}
