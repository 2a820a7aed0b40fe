package org.bascule.config.keepalived;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * {@code track_file NAME { file PATH; weight N [reverse]; init_file [VALUE] [overwrite] }}
 * (deprecated alias {@code vrrp_track_file}): a file whose numeric content adjusts priorities
 * (keepalived.conf(5), "Track files").
 *
 * @param file          {@code file}: the path to watch
 * @param weight        {@code weight}, default 1
 * @param weightReverse {@code weight N reverse}
 * @param initFile      {@code init_file} given: create the file at startup
 * @param initValue     the value written by {@code init_file}, default 0
 * @param overwrite     {@code init_file … overwrite}: write even if the file exists
 */
public record TrackFile(
        SourcePos pos,
        String name,
        String file,
        int weight,
        boolean weightReverse,
        boolean initFile,
        long initValue,
        boolean overwrite) {

    public TrackFile {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }
}
