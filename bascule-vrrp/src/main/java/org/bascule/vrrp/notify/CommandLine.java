package org.bascule.vrrp.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script line into words the way keepalived does before it execs the script without a
 * shell (keepalived.conf(5): "a script with parameters must be quoted"; the words are separated
 * by blanks, and single or double quotes keep blanks inside one word).
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** The words of {@code line}; empty for a blank line. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
