package org.bascule.config;

import java.util.Objects;

/**
 * A place in a configuration file, 1-based like a compiler's: {@code file:line:column}.
 *
 * @param file   the file name as the user gave it (or as an include resolved it)
 * @param line   1-based line number
 * @param column 1-based column, counting characters (a tab counts as one)
 */
public record SourcePos(String file, int line, int column) implements Comparable<SourcePos> {

    public SourcePos {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line: " + line + " (expected: >= 1)");
        }
        if (column < 1) {
            throw new IllegalArgumentException("column: " + column + " (expected: >= 1)");
        }
    }

    /** The first character of {@code file}. */
    public static SourcePos start(String file) {
        return new SourcePos(file, 1, 1);
    }

    /** Orders by file name, then line, then column. */
    @Override
    public int compareTo(SourcePos other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    /** {@code file:line:column}, the prefix every diagnostic starts with. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
