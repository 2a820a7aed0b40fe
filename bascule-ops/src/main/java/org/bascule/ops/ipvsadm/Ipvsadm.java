package org.bascule.ops.ipvsadm;

import java.util.List;
import java.util.Objects;
import org.bascule.l4.table.IpvsTableSource;

/**
 * {@code ipvsadm} over Bascule's live table: give it the argument list ipvsadm would get (without
 * the program name) and it returns what ipvsadm would print and its exit status. The listing
 * commands are implemented ({@code -L}/{@code -l}, {@code -n}, {@code --stats}, {@code --rate},
 * {@code --exact}, {@code --nosort}, {@code -t}/{@code -u}/{@code --sctp-service}/{@code -f}) and
 * {@code -h}; ipvsadm's other options are refused by name with exit status 2.
 *
 * <p>Thread-safe: every call parses anew and takes a fresh snapshot of the table.
 */
public final class Ipvsadm {
    private final IpvsTableSource table;
    private final NameResolver names;
    private final IpvsadmGrammar grammar;
    private final IpvsadmArgs parser;
    private final IpvsadmListing listing;

    /** The standard listing grammar. */
    public Ipvsadm(IpvsTableSource table, NameResolver names) {
        this(table, names, IpvsadmGrammar.standard());
    }

    public Ipvsadm(IpvsTableSource table, NameResolver names, IpvsadmGrammar grammar) {
        this.table = Objects.requireNonNull(table, "table");
        this.names = Objects.requireNonNull(names, "names");
        this.grammar = Objects.requireNonNull(grammar, "grammar");
        this.parser = new IpvsadmArgs(grammar);
        this.listing = new IpvsadmListing(names);
    }

    /** Runs one command line, e.g. {@code List.of("-L", "-n", "--stats")}. Never throws for bad input. */
    public IpvsadmOutcome run(List<String> args) {
        try {
            IpvsadmCommand command = parser.parse(List.copyOf(args), names);
            return switch (command) {
                case ListCommand list -> new IpvsadmOutcome.Printed(listing.list(table.snapshot(), list));
                case HelpCommand help -> new IpvsadmOutcome.Printed(IpvsadmUsage.text(grammar));
            };
        } catch (IpvsadmException e) {
            return new IpvsadmOutcome.Failed(e.exitStatus(), e.getMessage());
        }
    }
}
