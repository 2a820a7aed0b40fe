package org.bascule.ops.ipvsadm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.l4.table.IpvsEditException;
import org.bascule.l4.table.IpvsTableEditor;
import org.bascule.l4.table.IpvsTableSource;

/**
 * {@code ipvsadm} over Bascule's live table: give it the argument list ipvsadm would get (without
 * the program name) and it returns what ipvsadm would print and its exit status.
 *
 * <p>Over a read-only {@link IpvsTableSource} only the listing commands exist ({@code -L}/{@code -l},
 * {@code -n}, {@code --stats}, {@code --rate}, {@code --exact}, {@code --nosort},
 * {@code -t}/{@code -u}/{@code --sctp-service}/{@code -f}) and {@code -h}. Over an
 * {@link IpvsTableEditor} the editing commands are there too ({@code -A -E -D -C -a -e -d -Z
 * --set}, {@code -L -c}, {@code --timeout}, {@code --daemon}, {@code --persistent-conn}), and a
 * refused edit prints ipvsadm's own message ({@code ipvs_strerror}: "Service already exists",
 * "No such service", "Service not defined", "Destination already exists", "No such destination",
 * "Scheduler or persistence engine not found") with ipvsadm's exit status 255 (its
 * {@code process_options} returns -1). Options ipvsadm has and Bascule does not are refused by
 * name with exit status 2.
 *
 * <p>Thread-safe: every call parses anew and takes a fresh snapshot of the table.
 */
public final class Ipvsadm {
    /** ipvsadm's exit status when the kernel refuses an operation ({@code return -1} from main). */
    public static final int OPERATION_FAILED = 255;

    private final IpvsTableSource table;
    private final Optional<IpvsTableEditor> editor;
    private final NameResolver names;
    private final IpvsadmGrammar grammar;
    private final IpvsadmArgs parser;
    private final IpvsadmListing listing;

    /** The standard listing grammar, or the full one when {@code table} can be edited. */
    public Ipvsadm(IpvsTableSource table, NameResolver names) {
        this(table, names, table instanceof IpvsTableEditor ? IpvsadmGrammar.full() : IpvsadmGrammar.standard());
    }

    public Ipvsadm(IpvsTableSource table, NameResolver names, IpvsadmGrammar grammar) {
        this.table = Objects.requireNonNull(table, "table");
        this.editor = table instanceof IpvsTableEditor e ? Optional.of(e) : Optional.empty();
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
                case ServiceCommand s -> service(editor(), s);
                case ServerCommand s -> server(editor(), s);
                case TableCommand t -> table(t);
            };
        } catch (IpvsadmException e) {
            return new IpvsadmOutcome.Failed(e.exitStatus(), e.getMessage());
        }
    }

    private IpvsTableEditor editor() {
        return editor.orElseThrow(() -> IpvsadmException.usage("ipvsadm: this table cannot be edited (expected: "
                + IpvsadmGrammar.standard().expected() + ")"));
    }

    private static IpvsadmOutcome service(IpvsTableEditor e, ServiceCommand c) {
        try {
            switch (c.action()) {
                case ADD -> e.addService(c.service(), c.settings());
                case EDIT -> e.editService(c.service(), c.settings());
                case DELETE -> e.deleteService(c.service());
            }
            return new IpvsadmOutcome.Printed("");
        } catch (IpvsEditException x) {
            return refused(x, false);
        }
    }

    private static IpvsadmOutcome server(IpvsTableEditor e, ServerCommand c) {
        try {
            switch (c.action()) {
                case ADD -> e.addDestination(c.service(), c.destination());
                case EDIT -> e.editDestination(c.service(), c.destination());
                case DELETE -> e.deleteDestination(c.service(), c.destination().address());
            }
            String warning = c.action() != ServerCommand.Action.DELETE
                    && c.destination().method() != org.bascule.l4.table.ForwardingMethod.MASQ
                    ? "warning: " + c.destination().method().ipvsadmLabel()
                            + " forwarding is served as NAT (Masq) until the packet engine exists"
                    : "";
            return new IpvsadmOutcome.Printed("", warning);
        } catch (IpvsEditException x) {
            return refused(x, true);
        } catch (IllegalArgumentException x) {
            return new IpvsadmOutcome.Failed(OPERATION_FAILED, x.getMessage());
        }
    }

    private IpvsadmOutcome table(TableCommand t) {
        try {
            return switch (t) {
                case TableCommand.Clear c -> {
                    editor().clear();
                    yield new IpvsadmOutcome.Printed("");
                }
                case TableCommand.Zero z -> {
                    editor().zero(z.service());
                    yield new IpvsadmOutcome.Printed("");
                }
                case TableCommand.SetTimeouts s -> {
                    editor().setTimeouts(s.timeouts());
                    yield new IpvsadmOutcome.Printed("");
                }
                case TableCommand.ListTimeouts l -> new IpvsadmOutcome.Printed(IpvsadmListing.timeouts(editor().timeouts()));
                case TableCommand.ListDaemons l -> new IpvsadmOutcome.Printed("");
                case TableCommand.ListConnections l ->
                        new IpvsadmOutcome.Printed(listing.connections(editor().connections(), l.numeric(), l.persistentConn()));
            };
        } catch (IpvsEditException x) {
            return refused(x, false);
        }
    }

    /** ipvsadm's {@code ipvs_strerror} words for the reason; a real-server command says "Service not defined". */
    private static IpvsadmOutcome refused(IpvsEditException x, boolean serverCommand) {
        String message = switch (x.reason()) {
            case SERVICE_EXISTS -> "Service already exists";
            case NO_SUCH_SERVICE -> serverCommand ? "Service not defined" : "No such service";
            case SCHEDULER_NOT_FOUND -> "Scheduler or persistence engine not found";
            case DESTINATION_EXISTS -> "Destination already exists";
            case NO_SUCH_DESTINATION -> "No such destination";
            case NOT_SUPPORTED -> "Operation not supported: " + x.getMessage();
            case CANNOT_LISTEN -> "Invalid operation: " + x.getMessage();
        };
        return new IpvsadmOutcome.Failed(OPERATION_FAILED, message);
    }
}
