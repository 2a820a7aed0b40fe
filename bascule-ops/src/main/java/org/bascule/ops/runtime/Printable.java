package org.bascule.ops.runtime;

/** Client text quoted back in a reply or a log: control characters escaped, length bounded. */
final class Printable {
    private static final int MAX = 64;

    private Printable() {}

    static String of(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > MAX ? out.substring(0, MAX) + "..." : out.toString();
    }
}
