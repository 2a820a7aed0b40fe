package org.bascule.l7.spec;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ssl [verify none|required] [ca-file <f>] [sni <expr>]} on a server line: the connection
 * to the server is TLS.
 *
 * @param verify {@code verify required} checks the server's chain against {@code ca-file};
 *               {@code verify none} accepts any certificate
 */
public record ServerTls(boolean verify, Optional<Path> caFile, Optional<String> sni) {
    public ServerTls {
        Require.nonNull(caFile, "ca-file");
        Require.nonNull(sni, "sni");
        Require.that(!verify || caFile.isPresent(), "verify required", "no ca-file", "a ca-file (or verify none)");
    }

    public static ServerTls verifyNone() {
        return new ServerTls(false, Optional.empty(), Optional.empty());
    }
}
