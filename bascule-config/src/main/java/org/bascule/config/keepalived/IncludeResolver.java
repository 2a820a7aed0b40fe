package org.bascule.config.keepalived;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands an include pattern the way glob(3) with GLOB_BRACE does for keepalived: csh brace
 * alternatives first ({@code {a,b}}), each expanded separately in order; then {@code *},
 * {@code ?} and {@code [...]} per path component, sorted, names starting with a dot matched
 * only by a pattern starting with a dot. A relative pattern is relative to the including file's
 * directory (keepalived.conf(5)).
 */
final class IncludeResolver {

    /** One include may name at most this many files. */
    static final int MAX_MATCHES = 1000;

    private IncludeResolver() {
    }

    /** The matches of one brace alternative. */
    record Alternative(String pattern, List<Path> matches) {
    }

    /** True when {@code pattern} has glob wildcards (not counting braces). */
    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
    }

    /** True when {@code pattern} has a brace expansion. */
    static boolean hasBraces(String pattern) {
        return pattern.indexOf('{') >= 0 && pattern.indexOf('}') > pattern.indexOf('{');
    }

    /** Expands {@code pattern} relative to {@code directory}, alternative by alternative. */
    static List<Alternative> resolve(String pattern, Path directory) {
        List<Alternative> result = new ArrayList<>();
        int total = 0;
        for (String alternative : expandBraces(pattern)) {
            List<Path> matches = total >= MAX_MATCHES ? List.of() : glob(alternative, directory, MAX_MATCHES - total);
            total += matches.size();
            result.add(new Alternative(alternative, matches));
        }
        return result;
    }

    /** csh brace expansion: {@code a{b,c{d,e}}f} to abf, acdf, acef. */
    static List<String> expandBraces(String pattern) {
        int open = -1;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                List<String> parts = splitAlternatives(pattern.substring(open + 1, i));
                List<String> result = new ArrayList<>();
                String prefix = pattern.substring(0, open);
                List<String> suffixes = expandBraces(pattern.substring(i + 1));
                for (String part : parts) {
                    for (String expanded : expandBraces(part)) {
                        for (String suffix : suffixes) {
                            if (result.size() >= MAX_MATCHES) {
                                return result;
                            }
                            result.add(prefix + expanded + suffix);
                        }
                    }
                }
                return result;
            }
        }
        return List.of(pattern);
    }

    private static List<String> splitAlternatives(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts;
    }

    private static List<Path> glob(String pattern, Path directory, int limit) {
        Path full;
        try {
            Path given = Path.of(pattern);
            full = given.isAbsolute() ? given : directory.resolve(given);
        } catch (InvalidPathException e) {
            return List.of();
        }
        if (!hasWildcard(pattern)) {
            return Files.exists(full) ? List.of(full.normalize()) : List.of();
        }
        Path root = full.getRoot();
        List<Path> current = new ArrayList<>();
        current.add(root != null ? root : Path.of(""));
        for (Path component : full) {
            String name = component.toString();
            List<Path> next = new ArrayList<>();
            if (!hasWildcard(name)) {
                for (Path dir : current) {
                    next.add(dir.resolve(name));
                }
            } else {
                PathMatcher matcher;
                try {
                    matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
                } catch (IllegalArgumentException e) {
                    return List.of();
                }
                for (Path dir : current) {
                    next.addAll(list(dir, matcher, name.startsWith("."), limit));
                }
            }
            current = next;
            if (current.size() > limit) {
                current = current.subList(0, limit);
            }
        }
        List<Path> matches = new ArrayList<>();
        for (Path p : current) {
            if (Files.exists(p)) {
                matches.add(p.normalize());
            }
        }
        return matches;
    }

    private static List<Path> list(Path dir, PathMatcher matcher, boolean dotted, int limit) {
        List<Path> names = new ArrayList<>();
        Path listed = dir.toString().isEmpty() ? Path.of(".") : dir;
        if (!Files.isDirectory(listed)) {
            return names;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(listed)) {
            for (Path entry : stream) {
                Path fileName = entry.getFileName();
                if (fileName == null || (!dotted && fileName.toString().startsWith("."))) {
                    continue;
                }
                if (matcher.matches(fileName)) {
                    names.add(dir.resolve(fileName.toString()));
                    if (names.size() > limit * 4) {
                        break;
                    }
                }
            }
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException e) {
            return names;
        }
        names.sort(null);
        return names;
    }
}
