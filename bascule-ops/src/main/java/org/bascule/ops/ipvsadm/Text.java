package org.bascule.ops.ipvsadm;

/** printf's {@code %-Ns} and {@code %Ns}: pad to a minimum width, never cut. */
final class Text {
    private Text() {}

    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
