package org.bascule.vrrp.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bascule.vrrp.fsm.VrrpRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which scripts a change runs, with keepalived's arguments, run for real. */
class NotifyScriptsTest {

    @Test
    void quotedScriptLinesSplitLikeKeepalived() {
        assertThat(CommandLine.split("/bin/echo a 'b c' \"d e\"  f")).containsExactly("/bin/echo", "a", "b c", "d e", "f");
        assertThat(CommandLine.split("   ")).isEmpty();
    }

    @Test
    void specificScriptThenNotifyWithFourArguments() {
        NotifyScripts s = new NotifyScripts(Optional.of("/etc/m.sh master"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("/etc/n.sh"));
        assertThat(s.commands(new NotifyEvent(false, "VI_1", VrrpRole.MASTER, 150))).containsExactly(
                List.of("/etc/m.sh", "master"), List.of("/etc/n.sh", "INSTANCE", "VI_1", "MASTER", "150"));
        assertThat(s.commands(new NotifyEvent(true, "G1", VrrpRole.FAULT, 0))).containsExactly(
                List.of("/etc/n.sh", "GROUP", "G1", "FAULT", "0"));
    }

    @Test
    void theScriptRunsAndSeesItsArguments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + out + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        NotifyScripts s = new NotifyScripts(Optional.empty(), Optional.of(script + " backup-now"), Optional.empty(), Optional.empty(),
                Optional.of(script.toString()));
        for (List<String> argv : s.commands(new NotifyEvent(false, "VI_1", VrrpRole.BACKUP, 100))) {
            assertThat(ScriptRunner.run(argv, Duration.ofSeconds(5))).hasValue(0);
        }
        assertThat(Files.readAllLines(out)).containsExactly("backup-now", "INSTANCE VI_1 BACKUP 100");
    }

    @Test
    void aScriptRunningPastItsTimeoutIsKilled() {
        long t0 = System.nanoTime();
        assertThat(ScriptRunner.run(List.of("/bin/sleep", "30"), Duration.ofMillis(200))).isEmpty();
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
        assertThat(ScriptRunner.run(List.of("/nonexistent/script"), Duration.ofSeconds(1))).isEmpty();
    }
}
