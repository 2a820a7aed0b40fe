package org.bascule.ops.ipvsadm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code /etc/services} (services(5)): {@code name port/protocol [aliases...] [# comment]}. Look-ups
 * scan in file order and stop at the first match, as glibc's {@code getservbyport} and
 * {@code getservbyname} do, so a port listed twice gets its first name.
 */
public final class ServicesFile {
    /** Where glibc reads it. */
    public static final Path DEFAULT_PATH = Path.of("/etc/services");

    private record Entry(String name, int port, String protocol, List<String> aliases) {}

    private final List<Entry> entries;

    private ServicesFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** An empty file: no names, as on a machine without {@code /etc/services}. */
    public static ServicesFile empty() {
        return new ServicesFile(List.of());
    }

    /** Reads a services file; a missing file is empty, as glibc then finds no names. */
    public static ServicesFile load(Path path) throws IOException {
        try {
            return parse(Files.readAllLines(path, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return empty();
        }
    }

    /** Parses lines of services(5); lines that do not fit the format are skipped, as libc skips them. */
    public static ServicesFile parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash <= 0 || slash == fields[1].length() - 1) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(fields[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 65535) {
                continue;
            }
            entries.add(new Entry(fields[0], port, fields[1].substring(slash + 1).toLowerCase(Locale.ROOT),
                    List.of(fields).subList(2, fields.length)));
        }
        return new ServicesFile(entries);
    }

    /** {@code getservbyport}: the official name of the first entry for this port and protocol. */
    public Optional<String> nameOf(int port, String protocol) {
        for (Entry e : entries) {
            if (e.port == port && e.protocol.equals(protocol)) {
                return Optional.of(e.name);
            }
        }
        return Optional.empty();
    }

    /** {@code getservbyname}: the port of the first entry whose name or alias matches. */
    public OptionalInt portOf(String name, String protocol) {
        for (Entry e : entries) {
            if (e.protocol.equals(protocol) && (e.name.equals(name) || e.aliases.contains(name))) {
                return OptionalInt.of(e.port);
            }
        }
        return OptionalInt.empty();
    }
}
