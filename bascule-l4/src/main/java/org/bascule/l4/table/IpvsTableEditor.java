package org.bascule.l4.table;

import java.util.List;
import java.util.Optional;

/**
 * The live table that can also be edited, what {@code ipvsadm}'s editing commands act on (the
 * {@code IP_VS_SO_SET_*} operations of {@code ip_vs_ctl.c}). Every edit takes effect at once and
 * never closes an established connection: a removed service or real server stops taking new
 * connections and lets the ones it has finish. Edits last until the next configuration reload,
 * which replaces them with the file's content.
 *
 * <p>Each method throws {@link IpvsEditException} with IPVS's reason when it refuses.
 */
public interface IpvsTableEditor extends IpvsTableSource {

    /** {@code -A}: a new, empty service, listening at once. */
    void addService(ServiceAddress address, ServiceSettings settings);

    /** {@code -E}: new scheduler and persistence for a service; its connections and servers stay. */
    void editService(ServiceAddress address, ServiceSettings settings);

    /** {@code -D}: stops listening; established connections finish on their own. */
    void deleteService(ServiceAddress address);

    /** {@code -C}: every service deleted. */
    void clear();

    /** {@code -Z}: counters and rate estimates of one service and its real servers, or of all when empty. */
    void zero(Optional<ServiceAddress> address);

    /** {@code -a}. */
    void addDestination(ServiceAddress service, DestinationSettings destination);

    /** {@code -e}: the weight (0 drains). */
    void editDestination(ServiceAddress service, DestinationSettings destination);

    /** {@code -d}: no new connections; the real server's established ones finish. */
    void deleteDestination(ServiceAddress service, java.net.InetSocketAddress destination);

    /** {@code --timeout}. */
    IpvsTimeouts timeouts();

    /** {@code --set tcp tcpfin udp}; zeros keep the current value. */
    void setTimeouts(IpvsTimeouts timeouts);

    /** {@code -c}: every connection entry, services in table order. */
    List<ConnectionView> connections();
}
