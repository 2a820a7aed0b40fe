package org.bascule.vrrp.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a {@code track_file}: the number at the start of the file; a missing, empty or
 * non-numeric file counts as 0, as keepalived reads it with strtol (vrrp_track.c).
 */
final class FileReader {

    private FileReader() {
    }

    static long read(Path file) {
        String text;
        try {
            byte[] b = Files.readAllBytes(file);
            text = new String(b, 0, Math.min(b.length, 64), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return 0;
        }
        int end = 0;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '+')) {
            end++;
        }
        while (end < text.length() && Character.isDigit(text.charAt(end)) && end < 18) {
            end++;
        }
        try {
            return Long.parseLong(text.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
