/**
 * The VRRP router state machine of RFC 5798 §6.4 (and RFC 3768 §6.4 for v2), pure: a step is
 * {@code (spec, state, event, now) -> (state, actions)}; time is a number of nanoseconds the
 * caller passes in, so tests drive it with a fake clock and the I/O layer with
 * {@link java.lang.System#nanoTime()}. Tracking (scripts, interfaces, files), sync groups and
 * gratuitous-ARP scheduling live here too; sockets, rtnetlink and processes do not.
 */
package org.bascule.vrrp.fsm;
