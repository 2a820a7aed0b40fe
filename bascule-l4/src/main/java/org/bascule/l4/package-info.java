/**
 * Virtual servers of keepalived.conf, run by Bascule instead of IPVS.
 *
 * <p>{@link org.bascule.l4.L4Tier} starts every {@link org.bascule.l4.VirtualServiceSpec}
 * (keepalived {@code virtual_server} with {@code lb_kind NAT}) as a
 * {@link org.bascule.l4.NatVirtualServer}: a user-space TCP proxy on Netty's native io_uring (else epoll, {@link org.bascule.l4.L4Transport})
 * transport. Each accepted client is given a real server by the service's IPVS scheduler from
 * an immutable destination snapshot; health checks, weight changes and membership changes
 * build a new snapshot and swap it in. The tier shows itself as an
 * {@link org.bascule.l4.table.IpvsTable}, the way {@code ipvsadm -Ln} shows IPVS.
 */
package org.bascule.l4;
