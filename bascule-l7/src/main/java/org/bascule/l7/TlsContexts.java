package org.bascule.l7;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bascule.l7.spec.TlsBind;

/**
 * The server-side TLS of a {@code bind … ssl crt …}: each PEM file holds a certificate chain
 * and its private key (HAProxy's format); a {@code crt} directory contributes every file in it.
 * The first certificate is the default; the others are chosen by SNI against their
 * subjectAltName DNS names and, without any, their subject CN ({@code *.example.org} wildcards
 * included), as HAProxy does.
 */
final class TlsContexts {

    private TlsContexts() {}

    static Mapping<String, SslContext> forBind(TlsBind tls) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : tls.certificates()) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("crt: " + tls.certificates() + " (expected: at least one PEM file)");
        }
        SslContext first = null;
        DomainWildcardMappingBuilder<SslContext> builder = null;
        for (Path f : files) {
            byte[] pem = Files.readAllBytes(f);
            SslContext ctx;
            try {
                SslContextBuilder b = SslContextBuilder.forServer(new ByteArrayInputStream(pem), new ByteArrayInputStream(pem))
                        .protocols(protocols(tls));
                if (!tls.alpn().isEmpty()) {
                    b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, tls.alpn()));
                }
                ctx = b.build();
            } catch (IllegalArgumentException | IOException e) {
                throw new IOException("crt " + f + ": " + e.getMessage() + " (expected: a PEM certificate chain and its private key)", e);
            }
            if (first == null) {
                first = ctx;
                builder = new DomainWildcardMappingBuilder<>(first);
            }
            for (String name : names(pem, f)) {
                builder.add(name, ctx);
            }
        }
        return builder.build();
    }

    private static String[] protocols(TlsBind tls) {
        List<String> all = List.of("TLSv1.2", "TLSv1.3");
        return all.subList(all.indexOf(tls.minVersion()), all.indexOf(tls.maxVersion()) + 1).toArray(String[]::new);
    }

    /** The DNS names a certificate answers for. */
    static Set<String> names(byte[] pem, Path file) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = new ByteArrayInputStream(pem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (((Integer) san.get(0)) == 2) {
                        names.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (names.isEmpty()) {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateException | InvalidNameException e) {
            throw new IOException("crt " + file + ": " + e.getMessage() + " (expected: a PEM certificate first)", e);
        }
        return names;
    }
}
