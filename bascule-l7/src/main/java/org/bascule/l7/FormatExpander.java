package org.bascule.l7;

import org.bascule.l7.spec.LogFormat;

/** Expands a {@link LogFormat} header value for one request (the variables LogFormat accepts). */
final class FormatExpander {

    private FormatExpander() {}

    static String expand(LogFormat format, RequestFacts f) {
        String t = format.text();
        if (t.indexOf('%') < 0) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length() + 16);
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (t.startsWith("%%", i)) {
                out.append('%');
                i += 2;
            } else if (t.startsWith("%[src]", i) || t.startsWith("%ci", i)) {
                out.append(AddressText.of(f.client.getAddress()));
                i += t.startsWith("%ci", i) ? 3 : 6;
            } else if (t.startsWith("%[src_port]", i) || t.startsWith("%cp", i)) {
                out.append(f.client.getPort());
                i += t.startsWith("%cp", i) ? 3 : 11;
            } else if (t.startsWith("%[dst]", i) || t.startsWith("%fi", i)) {
                out.append(AddressText.of(f.local.getAddress()));
                i += t.startsWith("%fi", i) ? 3 : 6;
            } else if (t.startsWith("%[dst_port]", i) || t.startsWith("%fp", i)) {
                out.append(f.local.getPort());
                i += t.startsWith("%fp", i) ? 3 : 11;
            } else if (t.startsWith("%[ssl_fc]", i)) {
                out.append(f.tls ? '1' : '0');
                i += 9;
            } else {
                // %[req.hdr(name)], the only other form LogFormat admits.
                int close = t.indexOf(")]", i);
                out.append(f.header(t.substring(i + 10, close)).orElse(""));
                i = close + 2;
            }
        }
        return out.toString();
    }
}
