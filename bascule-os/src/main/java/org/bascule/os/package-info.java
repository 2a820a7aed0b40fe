/**
 * The only place where Bascule calls the kernel (DESIGN.md), through FFM
 * ({@code java.lang.foreign}; no JNI, no JNA), behind one small typed API:
 *
 * <ul>
 *   <li>{@link org.bascule.os.RawSocket}: raw IPv4/IPv6 sockets for one IP protocol (VRRP 112,
 *       ICMP, ICMPv6): interface binding, multicast groups, TTL/hop limit, TOS, and receive
 *       with source, destination, TTL and interface ({@link org.bascule.os.RawDatagram}).</li>
 *   <li>{@link org.bascule.os.Rtnetlink}: interfaces ({@link org.bascule.os.NetworkLink}),
 *       addresses ({@link org.bascule.os.LinkAddress}) and routes ({@link org.bascule.os.Route}),
 *       as {@code ip link/addr/route}; {@link org.bascule.os.LinkMonitor} for link events.</li>
 *   <li>{@link org.bascule.os.PacketSocket} with {@link org.bascule.os.GratuitousArp} and
 *       {@link org.bascule.os.NeighbourAdvert}: what a new VRRP master announces.</li>
 *   <li>{@link org.bascule.os.IcmpEcho}: ping for {@code PING_CHECK}.</li>
 *   <li>{@link org.bascule.os.NetworkNamespace}: put a platform thread into a namespace made
 *       by {@code ip netns add}, so that what it opens lives there.</li>
 * </ul>
 *
 * <p>Every kernel refusal is an {@link org.bascule.os.OsException} naming the call (or netlink
 * operation) and the errno text. Blocking waits are {@code poll(2)} with a bound, and closing
 * a socket wakes its reader at once. Linux on x86-64 / aarch64 only (struct layouts).
 */
package org.bascule.os;
