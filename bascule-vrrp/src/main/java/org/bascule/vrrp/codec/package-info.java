/**
 * VRRP wire format, pure: bytes to {@link org.bascule.vrrp.codec.VrrpAdvert} records and back,
 * for VRRPv2 (RFC 3768 §5) and VRRPv3 (RFC 5798 §5), IPv4 and IPv6. No sockets, timers or
 * logging here (DESIGN.md): a packet that cannot be accepted becomes a typed
 * {@link org.bascule.vrrp.codec.DropReason} naming the peer and the field.
 */
package org.bascule.vrrp.codec;
