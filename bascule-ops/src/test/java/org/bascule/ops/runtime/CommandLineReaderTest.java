package org.bascule.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.bascule.ops.runtime.CommandLineReader.Request;
import org.junit.jupiter.api.Test;

/** Framing of one request line. */
class CommandLineReaderTest {

    private static Request read(byte[] bytes, int limit) throws IOException {
        return CommandLineReader.read(Channels.newChannel(new ByteArrayInputStream(bytes)), limit);
    }

    private static Request read(String text, int limit) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), limit);
    }

    @Test
    void lineUpToTheFirstLf() throws IOException {
        assertThat(read("ipvsadm -Ln\nignored\n", 64)).isEqualTo(new Request.Line("ipvsadm -Ln", true));
        assertThat(read("h\u00e9\n", 64)).isEqualTo(new Request.Line("h\u00e9", true));
    }

    @Test
    void limitCountsTheLf() throws IOException {
        assertThat(read("x".repeat(15) + "\n", 16)).isEqualTo(new Request.Line("x".repeat(15), true));
        assertThat(read("x".repeat(16) + "\n", 16)).isEqualTo(new Request.TooLong(16));
    }

    @Test
    void endOfStreamEndsALineOrMeansNothingWasSent() throws IOException {
        assertThat(read("help", 64)).isEqualTo(new Request.Line("help", false));
        assertThat(read("", 64)).isEqualTo(new Request.Closed());
    }

    @Test
    void invalidUtf8() throws IOException {
        assertThat(read(new byte[] {'a', (byte) 0xff, (byte) 0xfe, '\n'}, 64)).isEqualTo(new Request.NotUtf8());
    }
}
