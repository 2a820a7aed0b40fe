package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed haproxy.cfg: the global section, the defaults sections (kept for reference: their
 * settings are already copied into the proxies that inherit them) and the proxies in file order.
 *
 * @param file     the file name as given
 * @param global   the {@code global} section (empty when absent)
 * @param defaults the {@code defaults} sections
 * @param proxies  {@code frontend}, {@code backend} and {@code listen} sections
 * @param ignored  sections Bascule recognises but does not model ({@code peers}, {@code resolvers},
 *                 {@code userlist} …): their keyword, name and line
 */
public record HaproxyConfig(String file, Global global, List<Proxy> defaults, List<Proxy> proxies, List<Setting> ignored) {

    public HaproxyConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(global, "global");
        defaults = List.copyOf(defaults);
        proxies = List.copyOf(proxies);
        ignored = List.copyOf(ignored);
    }

    /** The proxies that accept connections: {@code frontend} and {@code listen}. */
    public List<Proxy> frontends() {
        return proxies.stream().filter(p -> p.kind().isFrontend()).toList();
    }

    /** The proxies that have servers: {@code backend} and {@code listen}. */
    public List<Proxy> backends() {
        return proxies.stream().filter(p -> p.kind().isBackend()).toList();
    }

    /** The backend (or listen) called {@code name}. */
    public Optional<Proxy> backend(String name) {
        return backends().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The frontend (or listen) called {@code name}. */
    public Optional<Proxy> frontend(String name) {
        return frontends().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
