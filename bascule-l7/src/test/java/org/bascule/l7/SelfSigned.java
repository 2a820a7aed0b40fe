package org.bascule.l7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A self-signed certificate (EC P-256) made by the openssl CLI at test time: the certificate, its
 * key, and both in one PEM file (what a {@code crt} line of haproxy.cfg takes). Tests that need
 * one are skipped, with the reason, where openssl is not installed.
 */
record SelfSigned(Path cert, Path key, Path pem) {

    /** For {@code name} (the subject's CN) with {@code subjectAltName} such as {@code DNS:a.example} or {@code IP:127.0.0.1}. */
    static SelfSigned make(Path dir, String name, String subjectAltName) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl CLI is not installed: cannot make a certificate");
        Path key = dir.resolve(name + ".key");
        Path crt = dir.resolve(name + ".crt");
        Process p = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + subjectAltName).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        Path pem = dir.resolve(name + ".pem");
        Files.writeString(pem, Files.readString(crt) + Files.readString(key));
        return new SelfSigned(crt, key, pem);
    }

    /** A client TLS context that trusts this certificate (and nothing else). */
    SSLContext trustedBy() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("self-signed", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
