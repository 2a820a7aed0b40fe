package org.bascule.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where daemon and CLI look for the socket. */
class RuntimeSocketPathTest {

    @Test
    void rootUsesRun() {
        assertThat(RuntimeSocketPath.choose(Optional.empty(), 0, Map.of("XDG_RUNTIME_DIR", "/run/user/0")))
                .isEqualTo(Path.of("/run/bascule/bascule.sock"));
    }

    @Test
    void aUserUsesXdgRuntimeDir() {
        assertThat(RuntimeSocketPath.choose(Optional.empty(), 1000, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .isEqualTo(Path.of("/run/user/1000/bascule/bascule.sock"));
    }

    @Test
    void withoutAnAbsoluteXdgRuntimeDirAUserUsesTmp() {
        assertThat(RuntimeSocketPath.choose(Optional.empty(), 1000, Map.of())).isEqualTo(Path.of("/tmp/bascule-1000/bascule.sock"));
        assertThat(RuntimeSocketPath.choose(Optional.empty(), 1000, Map.of("XDG_RUNTIME_DIR", "")))
                .isEqualTo(Path.of("/tmp/bascule-1000/bascule.sock"));
        assertThat(RuntimeSocketPath.choose(Optional.empty(), 1000, Map.of("XDG_RUNTIME_DIR", "relative/dir")))
                .isEqualTo(Path.of("/tmp/bascule-1000/bascule.sock"));
    }

    @Test
    void anExplicitPathWins() {
        assertThat(RuntimeSocketPath.choose(Optional.of(Path.of("/srv/b.sock")), 0, Map.of())).isEqualTo(Path.of("/srv/b.sock"));
    }

    @Test
    void thisProcess() {
        assertThat(RuntimeSocketPath.defaultPath()).hasFileName("bascule.sock").isAbsolute();
    }
}
