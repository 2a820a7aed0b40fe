/**
 * Schedulers of the IPVS family: given the current immutable {@link org.bascule.sched.DestinationSet}
 * of a virtual service, pick the destination of a new connection. Each algorithm is one small
 * class with the Linux file it reproduces in its Javadoc ({@code net/netfilter/ipvs/ip_vs_*.c});
 * {@link org.bascule.sched.Schedulers} finds them by their IPVS name ({@code lb_algo} in
 * keepalived.conf, {@code -s} in ipvsadm).
 */
package org.bascule.sched;
