package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.l4.table.L4Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services(5) look-ups as glibc's getservbyport/getservbyname make them, and the system resolver. */
class ServicesFileTest {
    private static final ServicesFile FILE = ServicesFile.parse(List.of(
            "# Network services, Internet style",
            "",
            "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
            "http-alt\t80/tcp",
            "domain\t\t53/udp",
            "domain\t\t53/tcp\t\t\t\t# Domain Name Server",
            "broken\t\tnot-a-port/tcp",
            "toobig\t\t70000/tcp",
            "noproto\t\t99",
            "   spaced    8080/TCP   webcache  "));

    @Test
    void firstEntryForAPortWins() {
        assertThat(FILE.nameOf(80, "tcp")).contains("http");
        assertThat(FILE.nameOf(53, "udp")).contains("domain");
        assertThat(FILE.nameOf(80, "udp")).isEmpty();
    }

    @Test
    void namesAndAliasesGivePorts() {
        assertThat(FILE.portOf("www", "tcp")).isEqualTo(OptionalInt.of(80));
        assertThat(FILE.portOf("http-alt", "tcp")).isEqualTo(OptionalInt.of(80));
        assertThat(FILE.portOf("webcache", "tcp")).isEqualTo(OptionalInt.of(8080));
        assertThat(FILE.portOf("www", "udp")).isEmpty();
    }

    @Test
    void malformedLinesAreSkipped() {
        assertThat(FILE.portOf("broken", "tcp")).isEmpty();
        assertThat(FILE.portOf("toobig", "tcp")).isEmpty();
        assertThat(FILE.portOf("noproto", "tcp")).isEmpty();
    }

    @Test
    void missingFileHasNoNames(@TempDir Path dir) throws IOException {
        assertThat(ServicesFile.load(dir.resolve("services")).nameOf(80, "tcp")).isEmpty();
        Files.writeString(dir.resolve("services"), "ssh 22/tcp\n");
        assertThat(ServicesFile.load(dir.resolve("services")).nameOf(22, "tcp")).contains("ssh");
    }

    /** The machine's own files: loopback has a name in /etc/hosts, port 80 in /etc/services. */
    @Test
    void systemResolver() throws IOException {
        NameResolver system = NameResolver.system();
        assumeThat(Files.exists(Path.of("/etc/services"))).as("/etc/services present").isTrue();
        assertThat(system.serviceName(80, L4Protocol.TCP)).contains("http");
        assertThat(system.servicePort("https", L4Protocol.TCP)).isEqualTo(OptionalInt.of(443));
        assumeThat(Files.readAllLines(Path.of("/etc/hosts")).stream()
                .anyMatch(l -> l.matches("^127\\.0\\.0\\.1\\s+localhost(\\s.*)?$"))).as("127.0.0.1 localhost in /etc/hosts").isTrue();
        assertThat(system.hostName(InetAddress.ofLiteral("127.0.0.1"))).isEqualTo(Optional.of("localhost"));
        assertThat(system.hostAddress("localhost")).contains(InetAddress.ofLiteral("127.0.0.1"));
    }
}
