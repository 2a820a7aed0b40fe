/**
 * The live table of virtual services as an immutable view, the way {@code ipvsadm -Ln}
 * shows IPVS's: services, their destinations, weights, connection counts, counters and
 * rates. The L4 runtime produces it ({@link org.bascule.l4.table.IpvsTableSource}); the
 * ipvsadm view in bascule-ops formats it. Nothing here mutates.
 */
package org.bascule.l4.table;
