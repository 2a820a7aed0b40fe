package org.bascule.vrrp.io;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the VRRP engine asks of the kernel. {@link OsVrrpNetwork} implements it with
 * bascule-os (the only module that makes kernel calls, DESIGN.md).
 */
public interface VrrpNetwork extends AutoCloseable {

    /**
     * A raw socket for IP protocol 112 on {@code ifname}, sending from {@code source} with TTL /
     * hop limit 255 (and TOS 0xc0 for IPv4, as keepalived), member of {@code groups} on that
     * interface (none when only unicast peers are used).
     */
    AdvertSocket openAdvertSocket(String ifname, InetAddress source, List<InetAddress> groups);

    /** The address adverts leave from when none is configured: the first IPv4 address, or the IPv6 link-local one. */
    Optional<InetAddress> primaryAddress(String ifname, boolean ipv6);

    /** True when the interface exists and is up (track_interface). */
    boolean isLinkUp(String ifname);

    /**
     * Link state changes as the kernel multicasts them (rtnetlink group RTNLGRP_LINK), for
     * {@code track_interface}: a link set down is seen as soon as the kernel says so, not at the
     * next poll. Open it before reading the initial states with {@link #isLinkUp} so that no
     * change falls between the two.
     */
    LinkWatch watchLinks();

    /** Adds a virtual address ({@code ip addr add}); an address already there is no error. */
    void addAddress(VirtualAddress address);

    /** Removes a virtual address ({@code ip addr del}); an address already gone is no error. */
    void removeAddress(VirtualAddress address);

    /** Adds a virtual route ({@code ip route add}). */
    void addRoute(VirtualRoute route);

    /** Removes a virtual route ({@code ip route del}). */
    void removeRoute(VirtualRoute route);

    /**
     * Tells the link that {@code address} is here: a gratuitous ARP ("who-has VIP tell VIP",
     * broadcast, RFC 5227 §3) for IPv4, an unsolicited neighbour advertisement with the override
     * flag to ff02::1 (RFC 4861 §7.2.6) for IPv6.
     */
    void announce(String ifname, InetAddress address);

    /**
     * Opens and caches what {@link #announce} needs on {@code ifname} (packet socket, hardware
     * address), so that the first take-over does not pay for it.
     */
    default void prepare(String ifname) {
    }

    /** Releases what the network holds (netlink and packet sockets); the engine calls it last. */
    @Override
    default void close() {
    }

    /** A raw VRRP socket. */
    interface AdvertSocket extends AutoCloseable {

        /** Sends one VRRP message (the kernel adds the IP header) to {@code destination}. */
        void send(byte[] vrrp, InetAddress destination);

        /** The next packet, or empty after {@code timeout}. */
        Optional<Inbound> receive(Duration timeout);

        @Override
        void close();
    }

    /** A subscription to link state changes; one reader. */
    interface LinkWatch extends AutoCloseable {

        /**
         * The next change of any link, or empty after {@code timeout}. Throws
         * {@link java.io.UncheckedIOException} when the kernel dropped events (the reader fell
         * behind): read every tracked link again with {@link #isLinkUp}.
         */
        Optional<LinkChange> next(Duration timeout);

        @Override
        void close();
    }

    /** A link's new state: up means administratively up with carrier (IFF_UP and IFF_RUNNING); removed links are down. */
    record LinkChange(String ifname, boolean up) {
    }

    /**
     * A packet as a raw socket hands it over: the VRRP message, with source, destination and
     * TTL / hop limit from the IP header or the ancillary data.
     */
    record Inbound(InetAddress source, InetAddress destination, int ttl, byte[] payload) {
    }
}
