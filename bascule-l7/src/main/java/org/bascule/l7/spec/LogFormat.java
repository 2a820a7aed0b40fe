package org.bascule.l7.spec;

/**
 * A header value of {@code http-request set-header} and friends, in HAProxy's log-format
 * syntax. Bascule expands {@code %[src]}, {@code %[dst]}, {@code %[src_port]}, {@code %[dst_port]},
 * {@code %[ssl_fc]}, {@code %[req.hdr(<name>)]}, {@code %ci}, {@code %cp}, {@code %fi}, {@code %fp},
 * {@code %ID}-free literals and {@code %%}; anything else is rejected here, so the mapper can point
 * at the token.
 */
public record LogFormat(String text) {
    public LogFormat {
        Require.nonNull(text, "log-format");
        int i = 0;
        while ((i = text.indexOf('%', i)) >= 0) {
            int end = sampleEnd(text, i);
            Require.that(end > i, "log-format", "'" + text + "' at " + i,
                    "%[src], %[dst], %[src_port], %[dst_port], %[ssl_fc], %[req.hdr(name)], %ci, %cp, %fi, %fp or %%");
            i = end;
        }
    }

    /** End index of the variable starting at {@code i}, or {@code i} when it is not supported. */
    static int sampleEnd(String text, int i) {
        for (String v : new String[] {"%%", "%ci", "%cp", "%fi", "%fp", "%[src]", "%[dst]", "%[src_port]", "%[dst_port]", "%[ssl_fc]"}) {
            if (text.startsWith(v, i)) {
                return i + v.length();
            }
        }
        if (text.startsWith("%[req.hdr(", i)) {
            int close = text.indexOf(")]", i);
            if (close > i + 10) {
                return close + 2;
            }
        }
        return i;
    }

    public static LogFormat literal(String text) {
        return new LogFormat(text.replace("%", "%%"));
    }
}
