package org.bascule.config.keepalived;

import java.nio.file.Path;

/**
 * The lines of one configuration file, read one at a time so that parameters defined in an
 * included file are visible after the include line, as in keepalived.
 *
 * @see LinePreprocessor
 */
final class FileLines {

    private final String displayName;
    private final Path directory;
    private final String[] lines;
    private int next;

    /**
     * @param displayName the file name used in diagnostics
     * @param directory   the directory relative includes and {@code ${_PWD}} refer to
     * @param text        the whole file
     */
    FileLines(String displayName, Path directory, String text) {
        this.displayName = displayName;
        this.directory = directory;
        // A UTF-8 byte order mark (editors on Windows add one) is not part of the first keyword.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = body.split("\n", -1);
    }

    String displayName() {
        return displayName;
    }

    Path directory() {
        return directory;
    }

    /** True when {@link #nextLine()} has a line to give. */
    boolean hasNext() {
        return next < lines.length;
    }

    /** The next line without its end-of-line characters; call {@link #hasNext()} first. */
    String nextLine() {
        String line = lines[next++];
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The 1-based number of the line last returned. */
    int lineNumber() {
        return next;
    }
}
