package org.bascule.os;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Link state changes of the namespace it was opened in, as rtnetlink multicasts them to group
 * {@code RTNLGRP_LINK}: each {@code RTM_NEWLINK} (created, up, down, carrier) and
 * {@code RTM_DELLINK}. For keepalived's {@code track_interface}. The kernel may send an event
 * that changes nothing visible (statistics): compare with the link's last state.
 *
 * <p>One reader at a time. If the reader falls so far behind that the kernel drops events,
 * {@link #next} throws an {@link OsException} with ENOBUFS: read the whole state again with
 * {@link Rtnetlink#links()} and carry on.
 */
public final class LinkMonitor implements AutoCloseable {

    private static final int RTMGRP_LINK = 0x1;

    private final NetlinkSocket socket;
    private final ArrayDeque<LinkEvent> pending = new ArrayDeque<>();

    private LinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static LinkMonitor open() throws OsException {
        return new LinkMonitor(NetlinkSocket.open(RTMGRP_LINK));
    }

    /** The next event, waiting at most {@code timeout}; empty on timeout or when closed meanwhile. */
    public synchronized Optional<LinkEvent> next(Duration timeout) throws OsException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left < 0) {
                return Optional.empty();
            }
            var messages = socket.receive(Duration.ofNanos(left));
            if (messages.isEmpty() && System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            for (NetlinkMessage m : messages) {
                if (m.type() == Rtnetlink.RTM_NEWLINK || m.type() == Rtnetlink.RTM_DELLINK) {
                    pending.add(new LinkEvent(Rtnetlink.link(m), m.type() == Rtnetlink.RTM_DELLINK));
                }
            }
        }
        return Optional.of(pending.poll());
    }

    @Override
    public void close() {
        socket.close();
    }
}
