package org.bascule.ops.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Framing of a request, apart from its meaning (as Netty's {@code HAProxyMessageDecoder} frames a
 * PROXY header before parsing it): reads bytes up to the first LF within a size limit and decodes
 * them as UTF-8. It never reads past the limit, so a client cannot make the server buffer more.
 */
final class CommandLineReader {

    /** What a client sent. */
    sealed interface Request {
        /** A command line, without its LF; {@code complete} when an LF ended it rather than end-of-stream. */
        record Line(String text, boolean complete) implements Request {}

        /** {@code limit} bytes arrived without an LF. */
        record TooLong(int limit) implements Request {}

        /** The line is not valid UTF-8. */
        record NotUtf8() implements Request {}

        /** The client closed (or the read was cut short) before sending a byte. */
        record Closed() implements Request {}
    }

    private CommandLineReader() {}

    /** Reads one request; a line ended by the client's half-close rather than LF is taken as it is. */
    static Request read(ReadableByteChannel channel, int limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit);
        int scanned = 0;
        while (true) {
            int n = channel.read(buffer);
            if (n < 0) {
                return buffer.position() == 0 ? new Request.Closed() : decode(buffer, buffer.position(), false);
            }
            for (; scanned < buffer.position(); scanned++) {
                if (buffer.get(scanned) == '\n') {
                    return decode(buffer, scanned, true);
                }
            }
            if (!buffer.hasRemaining()) {
                return new Request.TooLong(limit);
            }
        }
    }

    private static Request decode(ByteBuffer buffer, int length, boolean complete) {
        try {
            return new Request.Line(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer.duplicate().position(0).limit(length))
                    .toString(), complete);
        } catch (CharacterCodingException e) {
            return new Request.NotUtf8();
        }
    }
}
