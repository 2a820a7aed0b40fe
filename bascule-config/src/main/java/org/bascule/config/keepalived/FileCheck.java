package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code FILE_CHECK}: the real server's state follows a {@code track_file} (keepalived.conf(5)).
 *
 * @param trackFile {@code track_file}: the name of a track_file block (must be defined)
 * @param dynamic   {@code dynamic}: the file's value adjusts the weight
 * @param weight    {@code weight}: multiplier of the file's value
 * @param reverse   {@code weight N reverse}
 */
public record FileCheck(SourcePos pos, String trackFile, boolean dynamic, Optional<Long> weight, boolean reverse)
        implements Checker {

    public FileCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(trackFile, "trackFile");
        Objects.requireNonNull(weight, "weight");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.FILE_CHECK;
    }
}
