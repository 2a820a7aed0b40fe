package org.bascule.l4.table;

/** Whatever can show the live table: the running L4 tier. Cheap, callable from any thread. */
@FunctionalInterface
public interface IpvsTableSource {
    IpvsTable snapshot();
}
