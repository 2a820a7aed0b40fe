package org.bascule.config.keepalived;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/** The {@code track_file NAME { … }} block, alias {@code vrrp_track_file} (keepalived.conf(5), "Track files"). */
final class TrackFileSection {

    private TrackFileSection() {
    }

    static final class Builder {
        final SourcePos pos;
        final String name;
        Optional<String> file = Optional.empty();
        int weight = 1;
        boolean reverse;
        boolean initFile;
        long initValue;
        boolean overwrite;

        Builder(SourcePos pos, String name) {
            this.pos = pos;
            this.name = name;
        }

        Optional<TrackFile> build(ParseContext ctx) {
            if (file.isEmpty()) {
                ctx.diagnostics().error(pos, "no file in track_file", name, "a 'file PATH' line in the block");
                return Optional.empty();
            }
            return Optional.of(new TrackFile(pos, name, file.get(), weight, reverse, initFile, initValue, overwrite));
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("track_file", List.of(
            Keyword.line("file", 1, 1, "file PATH", "the file to watch", (ctx, b, s) -> b.file = Optional.of(s.arg(0).text())),
            Keyword.line("weight", 1, 2, "weight <-2147483647..2147483647> [reverse]", "multiplier of the value read (default 1)",
                    TrackFileSection::weight),
            Keyword.line("init_file", 0, 2, "init_file [VALUE] [overwrite]", "create the file at startup", TrackFileSection::initFile)));

    private static void weight(ParseContext ctx, Builder b, Stanza s) {
        OptionalLong weight = Values.integer(ctx, s.arg(0), "weight", -Integer.MAX_VALUE, Integer.MAX_VALUE);
        if (weight.isEmpty()) {
            return;
        }
        if (s.args().size() == 2 && !s.arg(1).text().equals("reverse")) {
            ctx.error(s.arg(1), "unexpected word after weight", "weight N [reverse]");
            return;
        }
        b.weight = (int) weight.getAsLong();
        b.reverse = s.args().size() == 2;
    }

    private static void initFile(ParseContext ctx, Builder b, Stanza s) {
        b.initFile = true;
        for (Token word : s.args()) {
            if (word.text().equals("overwrite")) {
                b.overwrite = true;
            } else {
                OptionalLong value = Values.integer(ctx, word, "init_file value", Integer.MIN_VALUE, Integer.MAX_VALUE);
                value.ifPresent(v -> b.initValue = v);
            }
        }
    }
}
