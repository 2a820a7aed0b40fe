package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/** {@code IP} or {@code IP/LEN}; the length defaults to the full host length (/32 or /128). */
record Prefix(InetAddress address, int length) {

    static Optional<Prefix> read(ParseContext ctx, Token token, String what) {
        String text = token.text();
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = Addresses.parse(ip);
        if (address.isEmpty()) {
            ctx.error(token, "invalid " + what, "IP or IP/MASK, e.g. 192.168.1.10/24 or 2001:db8::10/64");
            return Optional.empty();
        }
        int max = Addresses.hostPrefix(address.get());
        if (slash < 0) {
            return Optional.of(new Prefix(address.get(), max));
        }
        Token lengthToken = Token.word(text.substring(slash + 1),
                new SourcePos(token.pos().file(), token.pos().line(), token.pos().column() + slash + 1), token.quoted());
        OptionalLong length = Values.integer(ctx, lengthToken, "prefix length in '" + text + "'", 0, max);
        return length.isPresent() ? Optional.of(new Prefix(address.get(), (int) length.getAsLong())) : Optional.empty();
    }
}
