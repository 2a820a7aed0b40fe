package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.bascule.l4.table.DestinationSettings;
import org.bascule.l4.table.ForwardingMethod;
import org.bascule.l4.table.IpvsTimeouts;
import org.bascule.l4.table.L4Protocol;
import org.bascule.l4.table.Persistence;
import org.bascule.l4.table.ServiceAddress;
import org.bascule.l4.table.ServiceSettings;
import org.junit.jupiter.api.Test;

/**
 * The editing commands read as ipvsadm 1.31 reads them (ipvsadm.c {@code parse_options},
 * {@code process_options}, {@code generic_opt_check}): defaults, the DR/TUN port rule, and the
 * usage errors with exit status 2.
 */
class IpvsadmEditArgsTest {

    private static final IpvsadmArgs ARGS = new IpvsadmArgs(IpvsadmGrammar.full());

    private static IpvsadmCommand parse(String... args) {
        return ARGS.parse(List.of(args), NameResolver.none());
    }

    private static String usageError(String... args) {
        try {
            parse(args);
        } catch (IpvsadmException e) {
            assertThat(e.exitStatus()).isEqualTo(2);
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + List.of(args));
    }

    private static ServiceAddress tcp(String ip, int port) {
        return new ServiceAddress.Endpoint(L4Protocol.TCP, new InetSocketAddress(InetAddress.ofLiteral(ip), port));
    }

    private static InetSocketAddress sa(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    @Test
    void addServiceDefaultsToWlcAndPersistenceTo300() {
        assertThat(parse("-A", "-t", "10.0.0.1:80")).isEqualTo(new ServiceCommand(ServiceCommand.Action.ADD,
                tcp("10.0.0.1", 80), new ServiceSettings("wlc", Optional.empty())));
        assertThat(parse("-A", "-t", "10.0.0.1:80", "-s", "rr", "-p")).isEqualTo(new ServiceCommand(ServiceCommand.Action.ADD,
                tcp("10.0.0.1", 80), new ServiceSettings("rr", Optional.of(new Persistence(300, "255.255.255.255")))));
        assertThat(parse("-E", "-t", "10.0.0.1:80", "-p", "600", "-M", "255.255.255.0", "-s", "wrr"))
                .isEqualTo(new ServiceCommand(ServiceCommand.Action.EDIT, tcp("10.0.0.1", 80),
                        new ServiceSettings("wrr", Optional.of(new Persistence(600, "255.255.255.0")))));
        assertThat(parse("--add-service", "--udp-service=10.0.0.1:53", "--persistent=60")).isEqualTo(new ServiceCommand(
                ServiceCommand.Action.ADD, new ServiceAddress.Endpoint(L4Protocol.UDP, sa("10.0.0.1", 53)),
                new ServiceSettings("wlc", Optional.of(new Persistence(60, "255.255.255.255")))));
        assertThat(parse("-D", "-t", "10.0.0.1:80")).isInstanceOf(ServiceCommand.class);
    }

    @Test
    void realServersTakeTheServicePortUnlessMasqueraded() {
        // -g is the default; DR and TUN cannot change the port, so ipvsadm sets the service's
        assertThat(parse("-a", "-t", "10.0.0.1:80", "-r", "10.0.0.11:8080")).isEqualTo(new ServerCommand(
                ServerCommand.Action.ADD, tcp("10.0.0.1", 80), new DestinationSettings(sa("10.0.0.11", 80), 1, ForwardingMethod.ROUTE)));
        assertThat(parse("-a", "-t", "10.0.0.1:80", "-r", "10.0.0.11:8080", "-m", "-w", "5")).isEqualTo(new ServerCommand(
                ServerCommand.Action.ADD, tcp("10.0.0.1", 80), new DestinationSettings(sa("10.0.0.11", 8080), 5, ForwardingMethod.MASQ)));
        assertThat(parse("-e", "-t", "10.0.0.1:80", "-r", "10.0.0.11", "-i", "-w", "0")).isEqualTo(new ServerCommand(
                ServerCommand.Action.EDIT, tcp("10.0.0.1", 80), new DestinationSettings(sa("10.0.0.11", 80), 0, ForwardingMethod.TUNNEL)));
        assertThat(parse("-d", "-t", "10.0.0.1:80", "-r", "10.0.0.11:8080")).isEqualTo(new ServerCommand(
                ServerCommand.Action.DELETE, tcp("10.0.0.1", 80), new DestinationSettings(sa("10.0.0.11", 8080), 1, ForwardingMethod.ROUTE)));
        assertThat(parse("-a", "-t", "[2001:db8::1]:443", "-r", "[2001:db8::b]:8443", "-m")).isEqualTo(new ServerCommand(
                ServerCommand.Action.ADD, tcp("2001:db8::1", 443), new DestinationSettings(sa("2001:db8::b", 8443), 1, ForwardingMethod.MASQ)));
    }

    @Test
    void tableCommands() {
        assertThat(parse("-C")).isEqualTo(new TableCommand.Clear());
        assertThat(parse("-Z")).isEqualTo(new TableCommand.Zero(Optional.empty()));
        assertThat(parse("-Z", "-t", "10.0.0.1:80")).isEqualTo(new TableCommand.Zero(Optional.of(tcp("10.0.0.1", 80))));
        assertThat(parse("--set", "900", "0", "60")).isEqualTo(new TableCommand.SetTimeouts(new IpvsTimeouts(900, 0, 60)));
        assertThat(parse("-L", "--timeout")).isEqualTo(new TableCommand.ListTimeouts());
        assertThat(parse("-L", "--daemon")).isEqualTo(new TableCommand.ListDaemons());
        assertThat(parse("-Lnc")).isEqualTo(new TableCommand.ListConnections(true, false));
        assertThat(parse("-L", "-c", "--persistent-conn")).isEqualTo(new TableCommand.ListConnections(false, true));
    }

    @Test
    void usageErrorsAsIpvsadmSaysThem() {
        assertThat(usageError("-A", "-s", "rr")).startsWith("ipvsadm: You need to supply the 'service-address' option for the 'add-service' command");
        assertThat(usageError("-a", "-t", "10.0.0.1:80")).startsWith("ipvsadm: You need to supply the 'real-server' option for the 'add-server' command");
        assertThat(usageError("-A", "-t", "10.0.0.1:0")).startsWith("ipvsadm: Zero port specified for non-persistent service");
        assertThat(usageError("-a", "-t", "10.0.0.1:80", "-r", "10.0.0.11", "-w", "65536"))
                .isEqualTo("ipvsadm: illegal weight specified '65536' (expected: 0-65535)");
        assertThat(usageError("-A", "-t", "10.0.0.1:80", "-p", "0"))
                .isEqualTo("ipvsadm: invalid timeout value `0' specified (expected: 1-2678400)");
        assertThat(usageError("-A", "-t", "10.0.0.1:80", "-p", "-M", "255.255.0.x"))
                .startsWith("ipvsadm: illegal virtual server persistent mask specified '255.255.0.x'");
        assertThat(usageError("-a", "-t", "10.0.0.1:80", "-r", "nohost:80"))
                .startsWith("ipvsadm: illegal real server address[:port] specified 'nohost:80'");
        assertThat(usageError("--set", "900", "120")).startsWith("ipvsadm: --set option requires 3 timeout values");
        assertThat(usageError("--set", "900", "120", "x")).startsWith("ipvsadm: invalid timeout value `x' specified");
        assertThat(usageError("-Lc", "-t", "10.0.0.1:80"))
                .isEqualTo("ipvsadm: The option 'service-address' conflicts with the 'connection' option in the 'list' command");
        assertThat(usageError("-Lc", "--stats")).isEqualTo("ipvsadm: options conflicts in the list command");
        assertThat(usageError("-D", "-t", "10.0.0.1:80", "-s", "rr"))
                .startsWith("ipvsadm: illegal option '-s' with the 'delete-service' command");
        assertThat(usageError("-C", "-n")).startsWith("ipvsadm: illegal option '-n' with the 'flush' command");
        assertThat(usageError("-a", "-t", "10.0.0.1:80", "-r", "10.0.0.11", "-x", "5"))
                .startsWith("ipvsadm: option '-x' is not supported yet");
        assertThat(usageError("-A", "-t", "10.0.0.1:80", "extra")).startsWith("ipvsadm: unexpected argument 'extra'");
    }
}
