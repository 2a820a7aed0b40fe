package org.bascule.os;

import java.util.Locale;
import java.util.Optional;

/**
 * The kernel interface a tier's sockets are driven through, as the user may force it with
 * {@code BASCULE_TRANSPORT=io_uring|epoll|nio} (or the system property {@code bascule.transport}).
 * Only the choice lives here, shared by the L4 and L7 tiers; each maps it to its Netty transport
 * and says what it does when the forced one is unavailable or unsuitable.
 */
public enum IoInterface {
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    private final String label;

    IoInterface(String label) {
        this.label = label;
    }

    /** The name users write: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String label() {
        return label;
    }

    /** The forced interface, if {@code bascule.transport} or else {@code BASCULE_TRANSPORT} names one. */
    public static Optional<IoInterface> forced() {
        String name = System.getProperty("bascule.transport", System.getenv("BASCULE_TRANSPORT"));
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(parse(name));
    }

    /**
     * A name, case-insensitive, {@code -} for {@code _}, {@code iouring}/{@code uring} too;
     * {@link IllegalArgumentException} naming the variable and the choices otherwise.
     */
    public static IoInterface parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "io_uring", "iouring", "uring" -> IO_URING;
            case "epoll" -> EPOLL;
            case "nio" -> NIO;
            default -> throw new IllegalArgumentException("BASCULE_TRANSPORT=" + name + ": unknown transport, expected io_uring, epoll or nio");
        };
    }
}
