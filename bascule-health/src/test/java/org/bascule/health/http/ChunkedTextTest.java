package org.bascule.health.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ChunkedText}: chunk framing removed from a body prefix, whole or cut anywhere. */
class ChunkedTextTest {

    @Test
    void decodesChunksExtensionsAndStopsAtTheLastChunk() {
        assertThat(ChunkedText.decode("5\r\ndb=ok\r\n7;ext=1\r\n queue=\r\n2\r\n12\r\n0\r\n\r\n")).isEqualTo("db=ok queue=12");
    }

    @Test
    void aPrefixCutInsideAChunkKeepsWhatArrived() {
        assertThat(ChunkedText.decode("a\r\n0123456")).isEqualTo("0123456");
        assertThat(ChunkedText.decode("a\r\n0123456789\r\n1")).isEqualTo("0123456789");
    }

    @Test
    void garbageStopsTheDecoding() {
        assertThat(ChunkedText.decode("zz\r\nhello\r\n")).isEmpty();
        assertThat(ChunkedText.decode("")).isEmpty();
    }
}
