package org.bascule.config.keepalived;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bascule.config.Severity;
import org.bascule.config.SourcePos;

/**
 * Turns the token stream into a tree of {@link Stanza}s, splicing included files in place as
 * keepalived does (an include may appear anywhere, even inside a block), and reporting brace
 * problems with enough context to fix them: an unexpected {@code }} names the last block that
 * was closed, an unclosed {@code {} is reported where it was opened.
 *
 * <p>Like keepalived, a block may open on the line after its keyword ({@code HTTP_GET} then
 * {@code {}), and statements may follow a {@code {} or precede a {@code }} on the same line.
 */
final class StanzaReader {

    /** Blocks nested deeper than this are reported and their content dropped. */
    static final int MAX_DEPTH = 64;
    /** Includes nested deeper than this are refused. */
    static final int MAX_INCLUDE_DEPTH = 32;
    /** At most this many files are read in one parse. */
    static final int MAX_FILES = 1000;
    /** Larger files are refused. */
    static final long MAX_FILE_SIZE = 16L << 20;
    /** At most this many bytes are read in one parse, includes together. */
    static final long MAX_TOTAL_SIZE = 64L << 20;

    private final LinePreprocessor preprocessor;
    private final Diagnostics diagnostics;
    private final Deque<IncludeFrame> sources = new ArrayDeque<>();
    private final List<Path> files = new ArrayList<>();
    private final List<String> fileNames = new ArrayList<>();
    private boolean depthReported;
    private long bytesRead;

    /** One file being read, with the files still to read from the same include line. */
    private static final class IncludeFrame {
        final Deque<Path> pending = new ArrayDeque<>();
        final Token includeKeyword;
        FileTokenSource current;
        Path canonical;
        Set<IncludeCheck> checks;

        IncludeFrame(Token includeKeyword, Set<IncludeCheck> checks) {
            this.includeKeyword = includeKeyword;
            this.checks = checks;
        }
    }

    /** A stanza under construction. */
    private static final class Node {
        final Token keyword;
        final List<Token> args;
        final List<Node> children = new ArrayList<>();
        final boolean attached;
        boolean hasBlock;
        SourcePos open;
        SourcePos close;

        Node(Token keyword, List<Token> args, boolean attached) {
            this.keyword = keyword;
            this.args = List.copyOf(args);
            this.attached = attached;
        }

        String display() {
            StringBuilder sb = new StringBuilder(keyword.text());
            args.forEach(a -> sb.append(' ').append(a.text()));
            return sb.toString();
        }

        Stanza freeze() {
            return new Stanza(keyword, args, hasBlock, children.stream().map(Node::freeze).toList(), Optional.ofNullable(close));
        }
    }

    StanzaReader(LinePreprocessor preprocessor, Diagnostics diagnostics) {
        this.preprocessor = preprocessor;
        this.diagnostics = diagnostics;
    }

    /** Every file read so far, the main one first. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** The display names of the files read, in reading order (for sorting diagnostics). */
    List<String> fileNames() {
        return List.copyOf(fileNames);
    }

    /**
     * Reads the main file and everything it includes.
     *
     * @param main      the main file's lines
     * @param mainPath  the main file's path, for the file list and include-cycle detection
     */
    List<Stanza> read(FileLines main, Path mainPath) {
        IncludeFrame frame = new IncludeFrame(null, EnumSet.noneOf(IncludeCheck.class));
        frame.current = new FileTokenSource(main, preprocessor, diagnostics);
        frame.canonical = canonical(mainPath);
        sources.push(frame);
        files.add(mainPath);
        fileNames.add(main.displayName());

        Node root = new Node(Token.word("", SourcePos.start(main.displayName()), false), List.of(), true);
        Deque<Node> open = new ArrayDeque<>();
        open.push(root);
        Node pending = null;
        Node lastClosedTop = null;
        Token t = nextToken();
        while (!t.is(Token.Kind.EOF)) {
            switch (t.kind()) {
                case EOL -> t = nextToken();
                case OPEN -> {
                    Node target = pending;
                    if (target == null) {
                        diagnostics.error(t.pos(), "unexpected", "{", "a keyword before '{', e.g. 'virtual_ipaddress {'");
                        target = new Node(t, List.of(), false);
                    }
                    pending = null;
                    target.hasBlock = true;
                    target.open = t.pos();
                    open.push(target);
                    t = nextToken();
                }
                case CLOSE -> {
                    pending = null;
                    if (open.size() > 1) {
                        Node closed = open.pop();
                        closed.close = t.pos();
                        if (open.size() == 1 && closed.attached) {
                            lastClosedTop = closed;
                        }
                    } else {
                        unexpectedClose(t, lastClosedTop);
                    }
                    t = nextToken();
                }
                case WORD -> {
                    pending = null;
                    List<Token> words = new ArrayList<>();
                    words.add(t);
                    t = nextToken();
                    while (t.is(Token.Kind.WORD)) {
                        words.add(t);
                        t = nextToken();
                    }
                    Token keyword = words.getFirst();
                    List<Token> args = words.subList(1, words.size());
                    if (!keyword.quoted() && Lexer.INCLUDE_KEYWORDS.contains(keyword.text())) {
                        include(keyword, args);
                        continue;
                    }
                    Node parent = open.peek();
                    boolean attach = parent.attached && open.size() <= MAX_DEPTH;
                    if (parent.attached && !attach && !depthReported) {
                        depthReported = true;
                        diagnostics.error(keyword.pos(), "blocks nested too deeply at", keyword.text(),
                                "at most " + MAX_DEPTH + " levels of '{'");
                    }
                    Node node = new Node(keyword, args, attach);
                    if (attach) {
                        parent.children.add(node);
                    }
                    if (keyword.text().equals("include_check") && parent.keyword.text().equals("global_defs")) {
                        includeCheck(keyword, args);
                    }
                    if (t.is(Token.Kind.EOL) || t.is(Token.Kind.OPEN)) {
                        pending = node;
                    }
                }
                case EOF -> throw new IllegalStateException("unreachable: loop condition");
            }
        }
        while (open.size() > 1) {
            Node unclosed = open.pop();
            diagnostics.error(unclosed.open, "unclosed block", unclosed.display(), "a '}' before the end of the file");
        }
        return root.children.stream().map(Node::freeze).toList();
    }

    private void unexpectedClose(Token t, Node lastClosedTop) {
        String detail = "no block is open here";
        if (lastClosedTop != null) {
            detail += "; the block '" + lastClosedTop.display() + "' opened at " + lineRef(lastClosedTop.open, t.pos())
                    + " was already closed at " + lineRef(lastClosedTop.close, t.pos());
        }
        diagnostics.report(Severity.ERROR, t.pos(), "unexpected", "}", detail);
    }

    /** "line N" in the same file, "FILE:N" in another. */
    private static String lineRef(SourcePos pos, SourcePos from) {
        return pos.file().equals(from.file()) ? "line " + pos.line() : pos.file() + ":" + pos.line();
    }

    private void includeCheck(Token keyword, List<Token> args) {
        IncludeFrame frame = sources.peek();
        Set<IncludeCheck> updated = IncludeCheck.apply(frame.checks, args.stream().map(Token::text).toList());
        if (updated == null) {
            diagnostics.error(keyword.pos(), "invalid include_check option in", String.join(" ",
                    args.stream().map(Token::text).toList()), "readable, match, wildcard_match, brace_match, each optionally prefixed by + or -");
        } else {
            frame.checks = updated;
        }
    }

    private void include(Token keyword, List<Token> args) {
        if (args.size() != 1) {
            diagnostics.error(keyword.pos(), args.isEmpty() ? "missing file name after" : "too many file names after",
                    keyword.text(), keyword.text() + " FILENAME (one pattern; quote a name with blanks)");
            return;
        }
        if (sources.size() > MAX_INCLUDE_DEPTH) {
            diagnostics.error(keyword.pos(), "includes nested too deeply at", args.getFirst().text(),
                    "at most " + MAX_INCLUDE_DEPTH + " levels of include");
            return;
        }
        IncludeFrame parent = sources.peek();
        Set<IncludeCheck> checks = EnumSet.noneOf(IncludeCheck.class);
        checks.addAll(parent.checks);
        checks.addAll(IncludeCheck.forKeyword(keyword.text()));
        String pattern = args.getFirst().text();
        Token where = args.getFirst();
        List<IncludeResolver.Alternative> alternatives = IncludeResolver.resolve(pattern, parent.current.lines().directory());
        IncludeFrame frame = new IncludeFrame(keyword, checks);
        boolean braces = alternatives.size() > 1 || IncludeResolver.hasBraces(pattern);
        for (IncludeResolver.Alternative alternative : alternatives) {
            if (alternative.matches().isEmpty() && braces) {
                diagnostics.report(checks.contains(IncludeCheck.BRACE_MATCH) ? Severity.ERROR : Severity.WARNING, where.pos(),
                        "no file matches include alternative", alternative.pattern(), "expected: an existing file for each {…} alternative of '" + pattern + "'");
            }
            frame.pending.addAll(alternative.matches());
        }
        if (frame.pending.isEmpty()) {
            boolean wildcard = IncludeResolver.hasWildcard(pattern);
            boolean strict = wildcard ? checks.contains(IncludeCheck.WILDCARD_MATCH) : checks.contains(IncludeCheck.MATCH);
            if (!braces || strict) {
                diagnostics.report(strict ? Severity.ERROR : Severity.WARNING, where.pos(),
                        wildcard ? "no file matches include pattern" : "missing include file", pattern,
                        "expected: " + (wildcard ? "at least one file matching" : "an existing file") + ", relative to "
                                + describeDirectory(parent.current.lines().directory()));
            }
            return;
        }
        sources.push(frame);
        if (!openNext(frame)) {
            sources.pop();
        }
    }

    private static String describeDirectory(Path directory) {
        return directory.toString().isEmpty() ? "the current directory" : directory.toString();
    }

    /** Opens the next pending file of {@code frame}; false when none could be opened. */
    private boolean openNext(IncludeFrame frame) {
        while (!frame.pending.isEmpty()) {
            Path path = frame.pending.removeFirst();
            Optional<FileTokenSource> source = open(frame, path);
            if (source.isPresent()) {
                frame.current = source.get();
                return true;
            }
        }
        return false;
    }

    private Optional<FileTokenSource> open(IncludeFrame frame, Path path) {
        Token keyword = frame.includeKeyword;
        Severity unreadable = frame.checks.contains(IncludeCheck.READABLE) ? Severity.ERROR : Severity.WARNING;
        Path canonical = canonical(path);
        for (IncludeFrame active : sources) {
            if (active != frame && active.current != null && canonical.equals(active.canonical)) {
                diagnostics.report(Severity.ERROR, keyword.pos(), "include cycle through", path.toString(),
                        "expected: no file including itself; " + cycleDescription(path));
                return Optional.empty();
            }
        }
        if (files.size() >= MAX_FILES) {
            diagnostics.error(keyword.pos(), "too many files included, refusing", path.toString(), "at most " + MAX_FILES + " files");
            return Optional.empty();
        }
        Optional<String> text = readFile(path, keyword, unreadable);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        frame.canonical = canonical;
        files.add(path);
        String name = path.toString();
        if (!fileNames.contains(name)) {
            fileNames.add(name);
        }
        Path directory = path.getParent() != null ? path.getParent() : Path.of("");
        return Optional.of(new FileTokenSource(new FileLines(name, directory, text.get()), preprocessor, diagnostics));
    }

    private String cycleDescription(Path path) {
        List<String> chain = new ArrayList<>();
        sources.descendingIterator().forEachRemaining(f -> {
            if (f.current != null) {
                chain.add(f.current.lines().displayName());
            }
        });
        chain.add(path.toString());
        return String.join(" includes ", chain);
    }

    private Optional<String> readFile(Path path, Token keyword, Severity severity) {
        try {
            if (!Files.isRegularFile(path)) {
                diagnostics.report(severity, keyword.pos(), "include of a non-regular file", path.toString(),
                        "expected: a readable configuration file");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_SIZE + 1);
                if (bytes.length > MAX_FILE_SIZE) {
                    diagnostics.report(Severity.ERROR, keyword.pos(), "oversized include file", path.toString(),
                            "expected: at most " + MAX_FILE_SIZE + " bytes");
                    return Optional.empty();
                }
                bytesRead += bytes.length;
                if (bytesRead > MAX_TOTAL_SIZE) {
                    diagnostics.report(Severity.ERROR, keyword.pos(), "includes exceed the size limit at", path.toString(),
                            "expected: at most " + MAX_TOTAL_SIZE + " bytes read in all");
                    return Optional.empty();
                }
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException | SecurityException | InvalidPathException e) {
            diagnostics.report(severity, keyword.pos(), "cannot read include file", path.toString(),
                    "expected: a readable file; " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""));
            return Optional.empty();
        }
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException | InvalidPathException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The next token of the innermost file, moving to the next included file at each EOF. */
    private Token nextToken() {
        while (true) {
            IncludeFrame frame = sources.peek();
            Token t = frame.current.next();
            if (!t.is(Token.Kind.EOF)) {
                return t;
            }
            if (openNext(frame)) {
                continue;
            }
            if (sources.size() == 1) {
                return t;
            }
            sources.pop();
        }
    }
}
