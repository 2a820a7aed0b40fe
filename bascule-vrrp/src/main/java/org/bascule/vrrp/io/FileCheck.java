package org.bascule.vrrp.io;

import java.nio.file.Path;
import java.util.Objects;

/** A {@code track_file}: a file holding a number. */
public record FileCheck(String name, Path file) {

    public FileCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }
}
