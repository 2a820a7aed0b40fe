package org.bascule.l7.proxyproto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * {@code accept-proxy}: reads the PROXY header a trusted upstream puts before the client's
 * bytes, passes the decoded {@link ProxyHeader} down the pipeline as a message, then removes
 * itself so the rest of the stream flows untouched. A connection whose first bytes are neither
 * a v1 nor a v2 header, or whose header is malformed or too long, raises a
 * {@link ProxyHeaderException} (the frontend counts it and closes the connection).
 */
public final class ProxyHeaderFramer extends ByteToMessageDecoder {

    private static final byte[] V1_PREFIX = {'P', 'R', 'O', 'X', 'Y', ' '};

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            byte[] frame = frame(in);
            if (frame == null) {
                return;
            }
            out.add(frame[0] == 'P' ? ProxyHeaderCodec.decodeV1(frame) : ProxyHeaderCodec.decodeV2(frame));
            ctx.pipeline().remove(this);
        } catch (ProxyHeaderException e) {
            // Reported once; what follows on this connection is not trusted and is dropped with it.
            failed = true;
            in.skipBytes(in.readableBytes());
            ctx.fireExceptionCaught(e);
            ctx.close();
        }
    }

    /**
     * The next whole header frame taken from {@code in}, or null when more bytes are needed.
     * Pure framing: it only looks at the signature, the v1 CRLF or the v2 length.
     */
    static byte[] frame(ByteBuf in) {
        int r = in.readerIndex();
        int n = in.readableBytes();
        if (n == 0) {
            return null;
        }
        if (in.getByte(r) == 'P') {
            for (int i = 0; i < Math.min(n, V1_PREFIX.length); i++) {
                if (in.getByte(r + i) != V1_PREFIX[i]) {
                    throw new ProxyHeaderException("PROXY header: first bytes (expected: 'PROXY ' or the v2 signature)");
                }
            }
            int limit = Math.min(n, ProxyHeaderCodec.V1_MAX_LENGTH);
            for (int i = 1; i < limit; i++) {
                if (in.getByte(r + i) == '\n') {
                    byte[] f = new byte[i + 1];
                    in.readBytes(f);
                    return f;
                }
            }
            if (n >= ProxyHeaderCodec.V1_MAX_LENGTH) {
                throw new ProxyHeaderException("v1 header length: no LF in " + ProxyHeaderCodec.V1_MAX_LENGTH
                        + " bytes (expected: <= " + ProxyHeaderCodec.V1_MAX_LENGTH + ")");
            }
            return null;
        }
        for (int i = 0; i < Math.min(n, 12); i++) {
            if (in.getByte(r + i) != ProxyHeaderCodec.V2_SIGNATURE[i]) {
                throw new ProxyHeaderException("PROXY header: first bytes (expected: 'PROXY ' or the v2 signature)");
            }
        }
        if (n < 16) {
            return null;
        }
        int total = 16 + in.getUnsignedShort(r + 14);
        if (n < total) {
            return null;
        }
        byte[] f = new byte[total];
        in.readBytes(f);
        return f;
    }
}
