package org.bascule.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bascule.ops.ipvsadm.Ipvsadm;
import org.bascule.ops.ipvsadm.IpvsadmFixtures;
import org.bascule.ops.ipvsadm.NameResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime socket over a real Unix domain socket in a temporary directory. Every wait is bounded. */
class RuntimeSocketServerTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final RuntimeSocketLimits FAST = RuntimeSocketLimits.DEFAULTS.withReadTimeout(Duration.ofMillis(300));

    @TempDir
    Path tmp;

    private final List<RuntimeSocketServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(RuntimeSocketServer::close);
    }

    private RuntimeSocketServer start(Path socket, RuntimeSocketLimits limits, RuntimeCommand... extra) throws IOException {
        List<RuntimeCommand> commands = new ArrayList<>(List.of(extra));
        commands.add(IpvsadmRuntimeCommand.of(new Ipvsadm(() -> IpvsadmFixtures.SEED, NameResolver.none())));
        RuntimeSocketServer server = new RuntimeSocketServer(socket, commands, limits);
        servers.add(server);
        server.start();
        return server;
    }

    private Path socket() {
        return tmp.resolve("run").resolve("bascule.sock");
    }

    private static RuntimeReply send(Path socket, String line) throws IOException {
        return new RuntimeSocketClient(socket, BOUND).send(line);
    }

    /** Sends raw bytes (optionally half-closing) and reads until the server closes. */
    private static String raw(Path socket, byte[] request, boolean halfClose) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                if (halfClose) {
                    channel.shutdownOutput();
                }
                return readToEnd(channel);
            }
        });
    }

    private static String readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer.clear()) >= 0) {
            in.write(buffer.array(), 0, buffer.position());
        }
        return in.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ipvsadmRoundTrip() throws IOException {
        start(socket(), FAST);
        RuntimeReply reply = new RuntimeSocketClient(socket(), BOUND).send(List.of("ipvsadm", "-Ln"));
        assertThat(reply).isEqualTo(RuntimeReply.ok(IpvsadmFixtures.resource("golden/seed-ln-sorted.txt")));
    }

    @Test
    void ipvsadmErrorsKeepIpvsadmsExitStatus() throws IOException {
        start(socket(), FAST);
        assertThat(send(socket(), "ipvsadm -Ln --foo")).isEqualTo(RuntimeReply.error(2,
                "ipvsadm: unknown option '--foo' (expected: -L|-l [-n] [--stats|--rate] [--exact] [--nosort] [-t|-u|-f service] | -h)"));
        assertThat(send(socket(), "ipvsadm -Ln -t 192.168.10.9:8080")).isEqualTo(RuntimeReply.error(1,
                "ipvsadm: No such service 'TCP 192.168.10.9:8080'"));
    }

    @Test
    void helpAndUnknownCommand() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST);
        assertThat(send(socket(), "help").body()).isEqualTo("""
                  help    : list the commands of this socket
                  ipvsadm : <args...>: the live table as ipvsadm lists and edits it (e.g. ipvsadm -Ln --stats, ipvsadm -e -t VIP:80 -r RS:80 -m -w 0)
                """);
        assertThat(raw(socket(), "xyz\n".getBytes(StandardCharsets.UTF_8), false))
                .isEqualTo("ERR 2 unknown command 'xyz' (expected: help, ipvsadm)\n");
        assertThat(server.counters().unknownCommands()).isEqualTo(1);
        assertThat(server.counters().commands()).isEqualTo(1);
    }

    @Test
    void ownerOnlyPermissions() throws IOException {
        start(socket(), FAST);
        assertThat(Files.getPosixFilePermissions(socket().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(socket())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shared"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        start(dir.resolve("b.sock"), FAST);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("b.sock"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void staleSocketOfADeadDaemonIsReplaced() throws IOException {
        Files.createDirectories(socket().getParent());
        // A daemon that died: its socket file stays, nobody listens.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertThat(socket()).exists();
        start(socket(), FAST);
        assertThat(send(socket(), "help").isOk()).isTrue();
    }

    @Test
    void secondDaemonRefusesToStart() throws IOException {
        RuntimeSocketServer first = start(socket(), FAST);
        RuntimeSocketServer second = new RuntimeSocketServer(socket(), List.of(), FAST);
        servers.add(second);
        assertThatThrownBy(second::start)
                .isInstanceOf(RuntimeSocketException.class)
                .hasMessage("another bascule daemon is running on " + socket());
        assertThat(send(socket(), "help").isOk()).isTrue();
        // The probe connected and left without a word.
        await().atMost(BOUND).until(() -> first.counters().abandoned() == 1);
    }

    @Test
    void somethingElseAtThePathIsNotRemoved() throws IOException {
        Files.createDirectories(socket().getParent());
        Files.writeString(socket(), "not a socket");
        RuntimeSocketServer server = new RuntimeSocketServer(socket(), List.of(), FAST);
        assertThatThrownBy(server::start)
                .isInstanceOf(RuntimeSocketException.class)
                .hasMessage(socket() + " exists and is not a socket (expected: a socket or nothing)");
        assertThat(Files.readString(socket())).isEqualTo("not a socket");
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws IOException {
        assumeThat(Uid.current()).as("only root can give a directory away").isZero();
        Path foreign = Files.createDirectory(tmp.resolve("foreign"));
        Files.setAttribute(foreign, "unix:uid", 4242);
        RuntimeSocketServer server = new RuntimeSocketServer(foreign.resolve("b.sock"), List.of(), FAST);
        assertThatThrownBy(server::start)
                .isInstanceOf(RuntimeSocketException.class)
                .hasMessage("socket directory " + foreign + " is owned by uid 4242 (expected: uid 0 or root)");
    }

    @Test
    void overLongLineIsRefusedAndTheServerGoesOn() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST);
        byte[] longLine = ("ipvsadm " + "x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(raw(socket(), longLine, false))
                .isEqualTo("ERR 2 command line too long (expected: at most 4096 bytes ending in LF)\n");
        assertThat(server.counters().badRequests()).isEqualTo(1);
        assertThat(send(socket(), "help").isOk()).isTrue();
    }

    @Test
    void notUtf8IsRefused() throws IOException {
        start(socket(), FAST);
        assertThat(raw(socket(), new byte[] {'h', (byte) 0xc3, (byte) 0x28, '\n'}, false))
                .isEqualTo("ERR 2 command line is not UTF-8 (expected: UTF-8 text ending in LF)\n");
    }

    @Test
    void aLineEndedByHalfCloseIsTaken() throws IOException {
        start(socket(), FAST);
        assertThat(raw(socket(), "help".getBytes(StandardCharsets.UTF_8), true)).startsWith("OK\n  help ");
    }

    @Test
    void aSilentClientTimesOutWithoutHoldingUpOthers() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST);
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            // Served while the silent one is still waiting.
            assertThat(send(socket(), "help").isOk()).isTrue();
            assertThat(assertTimeoutPreemptively(BOUND, () -> readToEnd(silent)))
                    .isEqualTo("ERR 2 no command line within 300 ms (expected: a command ending in LF)\n");
        }
        assertThat(server.counters().timeouts()).isEqualTo(1);
        assertThat(send(socket(), "ipvsadm -Ln").isOk()).isTrue();
    }

    @Test
    void connectionsOverTheLimitAreToldSo() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST.withMaxConnections(1));
        try (SocketChannel holder = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            await().atMost(BOUND).until(() -> server.counters().connections() == 1);
            assertThat(raw(socket(), new byte[0], false))
                    .isEqualTo("ERR 2 too many connections (expected: at most 1 at once)\n");
            assertThat(server.counters().refused()).isEqualTo(1);
            assertThat(assertTimeoutPreemptively(BOUND, () -> readToEnd(holder))).startsWith("ERR 2 no command line");
        }
        await().atMost(BOUND).untilAsserted(() -> assertThat(send(socket(), "help").isOk()).isTrue());
    }

    @Test
    void aFailingCommandAnswersErrOne() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST, new RuntimeCommand("boom", "fails", args -> {
            throw new IllegalStateException("kaput");
        }));
        assertThat(send(socket(), "boom")).isEqualTo(RuntimeReply.error(1, "internal error in 'boom': java.lang.IllegalStateException: kaput"));
        assertThat(server.counters().handlerFailures()).isEqualTo(1);
        assertThat(send(socket(), "help").isOk()).isTrue();
    }

    @Test
    void closeRemovesTheSocketFile() throws IOException {
        RuntimeSocketServer server = start(socket(), FAST);
        server.close();
        assertThat(socket()).doesNotExist();
        assertThatThrownBy(() -> send(socket(), "help")).isInstanceOf(IOException.class);
    }

    @Test
    void clientGivesUpOnAServerThatNeverAnswers() throws IOException {
        Path mute = tmp.resolve("mute.sock");
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(mute));
            RuntimeSocketClient client = new RuntimeSocketClient(mute, Duration.ofMillis(200));
            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> client.send("help"))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("no reply from " + mute + " within 200 ms"));
        }
    }

    @Test
    void clientRefusesWordsThatWouldSplit() {
        RuntimeSocketClient client = new RuntimeSocketClient(socket());
        assertThatThrownBy(() -> client.send(List.of("ipvsadm", "-L n")))
                .hasMessage("word: '-L n' (expected: non-empty, without spaces or line breaks)");
        assertThatThrownBy(() -> client.send("help\nipvsadm"))
                .hasMessage("commandLine: contains a line break (expected: one line)");
    }
}
