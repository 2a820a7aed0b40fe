package org.bascule.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keepalived 2.2.7 adverts of {@code keepalived-2.2.7/adverts.txt}, by name. */
final class Captures {

    private Captures() {
    }

    static Map<String, byte[]> load() {
        try (InputStream in = Captures.class.getResourceAsStream("keepalived-2.2.7/adverts.txt")) {
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                out.put(f[0], HexFormat.of().parseHex(f[2]));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] get(String name) {
        return load().get(name).clone();
    }
}
