/**
 * {@code ipvsadm}'s listing of the live table, byte for byte as ipvsadm 1.31 prints IPVS's
 * ({@code ipvsadm.c}: {@code list_all}, {@code print_title}, {@code print_service_entry},
 * {@code print_largenum}; {@code libipvs.c}: {@code ipvs_cmp_services}, {@code ipvs_cmp_dests}).
 *
 * <p>Layers, each testable alone:
 * <ul>
 *   <li>{@link org.bascule.ops.ipvsadm.IpvsadmGrammar}: the options and commands as data, the way
 *       ipvsadm keeps its popt table and its {@code commands_v_options} matrix;
 *       {@link org.bascule.ops.ipvsadm.IpvsadmArgs} turns an argument list into an
 *       {@link org.bascule.ops.ipvsadm.IpvsadmCommand};</li>
 *   <li>{@link org.bascule.ops.ipvsadm.IpvsadmListing}: a pure function from an
 *       {@link org.bascule.l4.table.IpvsTable} and a {@link org.bascule.ops.ipvsadm.ListCommand}
 *       to text, with name look-ups behind {@link org.bascule.ops.ipvsadm.NameResolver};</li>
 *   <li>{@link org.bascule.ops.ipvsadm.Ipvsadm}: the entry point that runs a command line against
 *       an {@link org.bascule.l4.table.IpvsTableSource} and returns what ipvsadm would print and
 *       its exit status.</li>
 * </ul>
 *
 * <p>Where the kernel supplies something the view does not carry, the choice is written beside
 * the code: the header's IPVS version and table size are the kernel defaults (1.2.1, 4096); a
 * fwmark service counts as IPv6 when all its real servers are IPv6 (as keepalived derives it).
 */
package org.bascule.ops.ipvsadm;
