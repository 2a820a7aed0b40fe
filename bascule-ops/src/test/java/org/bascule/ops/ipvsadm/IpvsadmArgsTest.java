package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bascule.l4.table.L4Protocol;
import org.junit.jupiter.api.Test;

/** ipvsadm's command line: popt's spellings, ipvsadm's checks, and errors a user can act on. */
class IpvsadmArgsTest {
    private static final String EXPECTED =
            "(expected: -L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service] | -h)";

    private static IpvsadmCommand parse(String... args) {
        return new IpvsadmArgs(IpvsadmGrammar.standard()).parse(List.of(args), IpvsadmFixtures.NAMES);
    }

    private static IpvsadmOutcome run(String... args) {
        return new Ipvsadm(() -> IpvsadmFixtures.SEED, IpvsadmFixtures.NAMES).run(List.of(args));
    }

    private static ServiceFilter.Endpoint tcp(String ip, int port) {
        return new ServiceFilter.Endpoint(L4Protocol.TCP, InetAddress.ofLiteral(ip), port);
    }

    @Test
    void shortLongAndClusteredSpellingsAreTheSameCommand() {
        ListCommand ln = ListCommand.numericAll();
        assertThat(parse("-Ln")).isEqualTo(ln);
        assertThat(parse("-L", "-n")).isEqualTo(ln);
        assertThat(parse("-l", "-n")).isEqualTo(ln);
        assertThat(parse("--list", "--numeric")).isEqualTo(ln);
        assertThat(parse("-nL")).isEqualTo(ln);
        assertThat(parse("--sort", "-Ln")).isEqualTo(ln);
    }

    @Test
    void formatOptions() {
        assertThat(parse("-Ln", "--stats")).isEqualTo(new ListCommand(true, ListCommand.Columns.STATS, false, true, Optional.empty()));
        assertThat(parse("-L", "--rate", "--exact")).isEqualTo(new ListCommand(false, ListCommand.Columns.RATE, true, true, Optional.empty()));
        assertThat(parse("-LX", "--nosort")).isEqualTo(new ListCommand(false, ListCommand.Columns.CONNECTIONS, true, false, Optional.empty()));
        // print_title tests FMT_STATS first: both given, stats win.
        assertThat(parse("-Ln", "--rate", "--stats")).isEqualTo(new ListCommand(true, ListCommand.Columns.STATS, false, true, Optional.empty()));
    }

    @Test
    void serviceAddressForms() {
        assertThat(parse("-Ln", "-t", "192.168.10.9:80")).isEqualTo(ListCommand.numericAll().withService(tcp("192.168.10.9", 80)));
        assertThat(parse("-Lnt192.168.10.9:80")).isEqualTo(ListCommand.numericAll().withService(tcp("192.168.10.9", 80)));
        assertThat(parse("-Lnt", "192.168.10.9:80")).isEqualTo(ListCommand.numericAll().withService(tcp("192.168.10.9", 80)));
        assertThat(parse("-Ln", "--tcp-service=192.168.10.9:http")).isEqualTo(ListCommand.numericAll().withService(tcp("192.168.10.9", 80)));
        assertThat(parse("-Ln", "--tcp-service", "www.example.com")).isEqualTo(ListCommand.numericAll().withService(tcp("192.168.10.9", 0)));
        assertThat(parse("-Ln", "-t", "[2001:db8::10]:443")).isEqualTo(ListCommand.numericAll().withService(tcp("2001:db8::10", 443)));
        assertThat(parse("-Ln", "-t", "2001:db8::10")).isEqualTo(ListCommand.numericAll().withService(tcp("2001:db8::10", 0)));
        assertThat(parse("-Ln", "-u", "10.0.0.1:53")).isEqualTo(ListCommand.numericAll()
                .withService(new ServiceFilter.Endpoint(L4Protocol.UDP, InetAddress.ofLiteral("10.0.0.1"), 53)));
        assertThat(parse("-Ln", "--sctp-service", "10.0.0.1:9")).isEqualTo(ListCommand.numericAll()
                .withService(new ServiceFilter.Endpoint(L4Protocol.SCTP, InetAddress.ofLiteral("10.0.0.1"), 9)));
        assertThat(parse("-Ln", "-f", "4294967295")).isEqualTo(ListCommand.numericAll().withService(new ServiceFilter.Fwmark(4294967295L)));
    }

    @Test
    void unknownOptionSaysWhatIsAccepted() {
        assertThat(run("-Ln", "--foo")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: unknown option '--foo' " + EXPECTED));
        assertThat(run("-Lq")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: unknown option '-q' " + EXPECTED));
        assertThat(run("--foo=bar")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: unknown option '--foo' " + EXPECTED));
    }

    @Test
    void ipvsadmOptionsNotImplementedAreNamedAsSuch() {
        assertThat(run("-a", "-t", "1.2.3.4:80", "-r", "10.0.0.1")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '-a' is not supported yet " + EXPECTED));
        assertThat(run("--add-server")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '--add-server' is not supported yet " + EXPECTED));
        assertThat(run("-Lc")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: option '-c' is not supported yet " + EXPECTED));
        assertThat(run("-L", "--timeout")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '--timeout' is not supported yet " + EXPECTED));
    }

    @Test
    void ipvsadmsOwnChecks() {
        assertThat(run("-Lnn")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: multiple 'numeric' options specified '-n' and '-n'"));
        assertThat(run("-Ln", "-t", "1.2.3.4:80", "-f", "1")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: multiple 'service-address' options specified '-t' and '-f'"));
        assertThat(run("-L", "-l")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: multiple commands specified '-L' and '-l' (expected: one of "
                        + "-L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service] | -h)"));
        assertThat(run("-n")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: no command specified " + EXPECTED));
        assertThat(run("-Ln", "extra")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: unexpected argument 'extra' " + EXPECTED));
        assertThat(run("-Ln", "--", "-t")).isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: unexpected argument '-t' " + EXPECTED));
    }

    @Test
    void valuesMissingOrUnexpected() {
        assertThat(run("-Ln", "-t")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '-t' requires a value (expected: -t service-address)"));
        assertThat(run("-Ln", "--fwmark-service")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '--fwmark-service' requires a value (expected: --fwmark-service fwmark)"));
        assertThat(run("-Ln", "--stats=yes")).isEqualTo(new IpvsadmOutcome.Failed(2,
                "ipvsadm: option '--stats' takes no value (expected: --stats)"));
    }

    @Test
    void badServiceAddresses() {
        String expected = " (expected: host[:port], [ipv6-address]:port or an IPv6 address)";
        for (String bad : List.of("80", "", "1.2.3.4:65536", "1.2.3.4:nosuch", "nosuch.example:80", "[2001:db8::1]", "[1.2.3.4]:80",
                "[2001:db8::1]80", "1.2.3.4:")) {
            assertThat(run("-Ln", "-t", bad)).as(bad).isEqualTo(new IpvsadmOutcome.Failed(2,
                    "ipvsadm: illegal virtual server address[:port] '" + bad + "'" + expected));
        }
        for (String bad : List.of("0", "-1", "abc", "4294967296", "1.5")) {
            assertThat(run("-Ln", "-f", bad)).as(bad).isEqualTo(new IpvsadmOutcome.Failed(2,
                    "ipvsadm: invalid fwmark value '" + bad + "' (expected: an integer 1-4294967295)"));
        }
    }

    @Test
    void helpListsWhatIsAccepted() {
        IpvsadmOutcome help = run("-h");
        assertThat(help).isInstanceOf(IpvsadmOutcome.Printed.class);
        assertThat(((IpvsadmOutcome.Printed) help).stdout())
                .startsWith("Usage:\n  ipvsadm -L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service]\n  ipvsadm -h\n")
                .contains("  --list -L|-l                       list the table\n")
                .contains("  --tcp-service -t service-address   service-address is host[:port]\n")
                .contains("  --exact -X                         expand numbers (display exact values)\n");
        assertThat(run("--help", "-n")).isEqualTo(help);
    }

    /** A later command is one more row: here a stand-in for "Scheduling"'s -Z. */
    @Test
    void grammarGrowsByData() {
        IpvsadmGrammar grammar = IpvsadmGrammar.standard().withCommand(
                new IpvsadmCommandSpec("zero", "-Z [-t|-u|-f service]", Set.of(IpvsadmGrammar.SERVICE),
                        (options, names) -> new HelpCommand()),
                List.of(IpvsadmOption.command("zero", "Z", "zero counters in a service or all services")));
        IpvsadmArgs args = new IpvsadmArgs(grammar);
        assertThat(args.parse(List.of("-Z", "-t", "1.2.3.4:80"), NameResolver.none())).isEqualTo(new HelpCommand());
        assertThat(new Ipvsadm(() -> IpvsadmFixtures.SEED, NameResolver.none(), grammar).run(List.of("-Z", "-n")))
                .isEqualTo(new IpvsadmOutcome.Failed(2, "ipvsadm: illegal option '-n' with the 'zero' command "
                        + "(expected: -Z [-t|-u|-f service])"));
        assertThat(grammar.notYetShort()).doesNotContain("Z");
        assertThat(grammar.notYetLong()).doesNotContain("zero");
    }
}
