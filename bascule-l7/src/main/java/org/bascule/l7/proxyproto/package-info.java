/**
 * The PROXY protocol (HAProxy's proxy-protocol.txt, versions 1 and 2): a codec of pure
 * functions between bytes and {@link org.bascule.l7.proxyproto.ProxyHeader} records, and a
 * Netty framer that enforces the size limits (v1 ≤ 108 bytes, v2 ≤ 16 + 65535) and hands an
 * exact frame to the codec. No sockets or timers in the codec.
 */
package org.bascule.l7.proxyproto;
