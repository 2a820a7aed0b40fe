package org.bascule.config.keepalived;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of a keepalived.conf parse.
 *
 * @param configId the config id conditional lines ({@code @ID …}) are compared with, and the
 *                 value of {@code ${_INSTANCE}}; keepalived's {@code -i} option, by default the
 *                 host name up to its first dot
 * @param randomSeed seed of {@code ${_RANDOM}} (keepalived's {@code random_seed})
 */
public record KeepalivedOptions(String configId, long randomSeed) {

    public KeepalivedOptions {
        Objects.requireNonNull(configId, "configId");
    }

    /** The host's short name as config id, as keepalived does without {@code -i}. */
    public static KeepalivedOptions defaults() {
        return new KeepalivedOptions(shortHostName(), System.nanoTime());
    }

    /** These options with another config id ({@code keepalived -i ID}). */
    public KeepalivedOptions withConfigId(String id) {
        return new KeepalivedOptions(id, randomSeed);
    }

    private static String shortHostName() {
        String name = null;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            name = System.getenv("HOSTNAME");
        }
        if (name == null || name.isEmpty()) {
            return "localhost";
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
