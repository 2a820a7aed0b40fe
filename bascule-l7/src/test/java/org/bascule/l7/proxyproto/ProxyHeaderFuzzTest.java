package org.bascule.l7.proxyproto;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

/**
 * R-Q3: the PROXY framer and codec reject any input with a {@link ProxyHeaderException}, never
 * another exception; whatever they accept re-encodes to a header that decodes the same.
 * Without {@code JAZZER_FUZZ=1} this replays the seeds in {@code ProxyHeaderFuzzTestInputs}.
 */
class ProxyHeaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void framerAndCodec(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        var buf = Unpooled.wrappedBuffer(bytes);
        try {
            byte[] frame = ProxyHeaderFramer.frame(buf);
            if (frame == null) {
                return;
            }
            ProxyHeader h = frame[0] == 'P' ? ProxyHeaderCodec.decodeV1(frame) : ProxyHeaderCodec.decodeV2(frame);
            ProxyHeader again = ProxyHeaderCodec.decodeV2(ProxyHeaderCodec.encodeV2(h));
            if (!again.equals(h)) {
                throw new AssertionError("v2 round trip changed " + h + " into " + again);
            }
            ProxyHeader v1 = ProxyHeaderCodec.decodeV1(ProxyHeaderCodec.encodeV1(h));
            if (!v1.equals(h)) {
                throw new AssertionError("v1 round trip changed " + h + " into " + v1);
            }
        } catch (ProxyHeaderException expected) {
            // rejected with a typed error: what the frontend counts and logs
        }
    }
}
