package org.bascule.config.keepalived;

import java.util.List;
import java.util.Optional;
import org.bascule.config.SourcePos;

/** The top-level {@code SSL { password; ca; certificate; key }} block used by SSL_GET (check_parser.c). */
final class SslSection {

    private SslSection() {
    }

    static final class Builder {
        final SourcePos pos;
        Optional<String> password = Optional.empty();
        Optional<String> ca = Optional.empty();
        Optional<String> certificate = Optional.empty();
        Optional<String> key = Optional.empty();

        Builder(SourcePos pos) {
            this.pos = pos;
        }

        SslContext build() {
            return new SslContext(pos, password, ca, certificate, key);
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("SSL", List.of(
            Keyword.line("password", 1, 1, "password STRING", "password of the key", (ctx, b, s) -> b.password = Optional.of(s.arg(0).text())),
            Keyword.line("ca", 1, 1, "ca FILE", "CA certificates", (ctx, b, s) -> b.ca = Optional.of(s.arg(0).text())),
            Keyword.line("certificate", 1, 1, "certificate FILE", "client certificate", (ctx, b, s) -> b.certificate = Optional.of(s.arg(0).text())),
            Keyword.line("key", 1, 1, "key FILE", "client key", (ctx, b, s) -> b.key = Optional.of(s.arg(0).text()))));
}
