package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISC_CHECK with real scripts run by /bin/sh. */
class MiscCheckerTest {

    private static final CheckTiming TIMING = new CheckTiming(Duration.ofSeconds(10), 0, Duration.ofSeconds(1), false);

    @TempDir
    Path dir;

    @Test
    void exitZeroIsAliveOneIsDead() throws IOException {
        assertThat(run(script("exit 0"), false)).extracting(CheckResult::status, CheckResult::detail)
                .containsExactly(CheckStatus.PROCOK, "exit 0");
        assertThat(run(script("exit 1"), false)).extracting(CheckResult::status, CheckResult::detail)
                .containsExactly(CheckStatus.PROCERR, "exit 1");
    }

    @Test
    void withoutMiscDynamicAnyOtherStatusIsDead() throws IOException {
        CheckResult r = run(script("exit 12"), false);
        assertThat(r.status()).isEqualTo(CheckStatus.PROCERR);
        assertThat(r.feedback()).isEqualTo(Feedback.NONE);
    }

    @Test
    void miscDynamicTurnsTheStatusIntoAWeight() throws IOException {
        CheckResult r = run(script("exit 12"), true);
        assertThat(r.status()).isEqualTo(CheckStatus.PROCOK);
        assertThat(r.feedback().weight()).contains(new WeightChange.Absolute(10));
        assertThat(run(script("exit 2"), true).feedback().weight()).contains(new WeightChange.Absolute(0));
        assertThat(run(script("exit 255"), true).feedback().weight()).contains(new WeightChange.Absolute(253));
        // exit 0 puts the configured weight back; exit 1 is still dead
        assertThat(run(script("exit 0"), true).feedback().weight()).contains(new WeightChange.Percent(100));
        assertThat(run(script("exit 1"), true).status()).isEqualTo(CheckStatus.PROCERR);
    }

    @Test
    void theLineIsReadByAShellWithItsArguments() throws IOException {
        Path flag = dir.resolve("flag");
        Path s = script("test \"$1\" = 'two words' && test -n \"$2\" && echo ran > " + flag);
        CheckResult r = check(new MiscCheckSpec(s + " 'two words' second", Duration.ofSeconds(5), false, Optional.empty(), TIMING));
        assertThat(r.status()).isEqualTo(CheckStatus.PROCOK);
        assertThat(flag).content().isEqualTo("ran\n");
    }

    @Test
    void aScriptStillRunningAfterMiscTimeoutIsKilledWithWhatItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script("sleep 30 & echo $$ $! > " + pids + "; wait");
        CheckResult r = check(new MiscCheckSpec(s.toString(), Duration.ofMillis(500), false, Optional.empty(), TIMING));
        assertThat(r.status()).isEqualTo(CheckStatus.PROCTOUT);
        assertThat(r.detail()).isEqualTo("killed after misc_timeout 500ms");
        assertThat(r.took()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
        for (String pid : Files.readString(pids).strip().split(" ")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    void aMissingScriptIsDeadNotACrash() {
        CheckResult r = check(new MiscCheckSpec(dir.resolve("nowhere.sh").toString(), Duration.ofSeconds(5), false,
                Optional.empty(), TIMING));
        assertThat(r.status()).isEqualTo(CheckStatus.PROCERR);
        assertThat(r.detail()).isEqualTo("exit 127"); // the shell's "command not found"
    }

    @Test
    void userAndGroupAreHonouredAsRoot() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to user nobody");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux setpriv");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("who");
        Path s = script("echo $(id -un) $(id -gn) > " + out);
        CheckResult r = check(new MiscCheckSpec(s.toString(), Duration.ofSeconds(5), false,
                Optional.of(new ScriptUser("nobody", Optional.of("nogroup"))), TIMING));
        assertThat(r.status()).as(r.toString()).isEqualTo(CheckStatus.PROCOK);
        assertThat(out).content().isEqualTo("nobody nogroup\n");
        Files.delete(out);
        assertThat(check(new MiscCheckSpec(s.toString(), Duration.ofSeconds(5), false,
                Optional.of(new ScriptUser("nobody", Optional.empty())), TIMING)).status()).isEqualTo(CheckStatus.PROCOK);
        assertThat(out).content().isEqualTo("nobody nogroup\n");
    }

    private CheckResult run(Path script, boolean dynamic) {
        return check(new MiscCheckSpec(script.toString(), Duration.ofSeconds(5), dynamic, Optional.empty(), TIMING));
    }

    private static CheckResult check(MiscCheckSpec spec) {
        return Checker.forSpec(spec).check();
    }

    private Path script(String body) throws IOException {
        Path p = Files.createTempFile(dir, "check", ".sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
