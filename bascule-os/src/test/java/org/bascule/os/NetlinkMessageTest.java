package org.bascule.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Netlink framing and attributes: what we build parses back; what is garbled fails cleanly. */
class NetlinkMessageTest {

    @Test
    void aRequestSplitsBackIntoItsHeaderAndAttributes() throws Exception {
        byte[] bytes = new NetlinkRequest(20, 0x605).u8(2).u8(24).u8(0).u8(0).u32(7)
                .attribute(2, InetAddress.getByName("10.77.0.1"))
                .attribute(3, "eth0:vip")
                .attributeU32(8, 0x02)
                .bytes(42);

        List<NetlinkMessage> messages = NetlinkMessage.split(bytes, bytes.length);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(20);
            assertThat(m.flags()).isEqualTo(0x605);
            assertThat(m.sequence()).isEqualTo(42);
            assertThat(m.body().get(1)).isEqualTo((byte) 24);
            NetlinkMessage.Attributes a = m.attributes(8);
            assertThat(a.bytes(2)).hasValueSatisfying(v -> assertThat(v).containsExactly(10, 77, 0, 1));
            assertThat(a.string(3)).contains("eth0:vip");
            assertThat(a.u32(8)).hasValue(2);
            assertThat(a.bytes(99)).isEmpty();
        });
        assertThat(bytes.length % 4).isZero();
    }

    @Test
    void aLengthBeyondTheDatagramIsAnErrorNamingIt() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        b.putInt(0, 64);
        assertThatThrownBy(() -> NetlinkMessage.split(b.array(), 32))
                .isInstanceOf(OsException.class)
                .hasMessageContaining("message length 64 at offset 0 of a 32-byte datagram");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButOsException() {
        Random random = new Random(5798);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(96)];
            random.nextBytes(junk);
            if (junk.length >= 4 && random.nextBoolean()) {
                ByteBuffer.wrap(junk).order(ByteOrder.nativeOrder()).putInt(0, 16 + random.nextInt(Math.max(1, junk.length - 15)));
            }
            try {
                for (NetlinkMessage m : NetlinkMessage.split(junk, junk.length)) {
                    NetlinkMessage.Attributes a = m.attributes(random.nextInt(20));
                    a.string(3);
                    a.u32(4);
                }
            } catch (OsException expected) {
                // garbled framing is reported, never an out-of-bounds read
            }
        }
    }
}
