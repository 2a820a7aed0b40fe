/**
 * The thin I/O layer of VRRP: adverts on raw sockets, virtual addresses and routes through
 * rtnetlink, gratuitous ARP / unsolicited NA, tracking pollers and notify dispatch, all around
 * the pure {@link org.bascule.vrrp.fsm.VrrpMachine}. Kernel calls go through
 * {@link org.bascule.vrrp.io.VrrpNetwork}, which bascule-os implements.
 */
package org.bascule.vrrp.io;
