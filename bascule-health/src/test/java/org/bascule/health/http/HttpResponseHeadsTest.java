package org.bascule.health.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Status lines and framing headers, RFC 9112 §4 and §6.3, byte for byte. */
class HttpResponseHeadsTest {

    @Test
    void statusLineWithReason() {
        var head = parsed("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 12\r\n\r\nbody");
        assertThat(head).isEqualTo(new HttpResponseHead("HTTP/1.1", 503, "Service Unavailable", 56, OptionalLong.of(12), false));
    }

    @Test
    void missingReasonAndBareLineFeedsAreTolerated() {
        assertThat(parsed("HTTP/1.0 200\n\n").status()).isEqualTo(200);
        assertThat(parsed("HTTP/1.0 204 \r\n\r\n").reason()).isEmpty();
    }

    @Test
    void incompleteUntilTheEmptyLine() {
        assertThat(parse("HTTP/1.1 200 OK\r\nServer: x\r\n")).isInstanceOf(HeadParse.Incomplete.class);
        assertThat(parse("HTT")).isInstanceOf(HeadParse.Incomplete.class);
    }

    @Test
    void transferEncodingOverridesContentLength() {
        var head = parsed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(head.contentLength()).isEmpty();
        assertThat(head.chunked()).isTrue();
    }

    @Test
    void malformedHeadsSayWhy() {
        assertThat(error("SSH-2.0-OpenSSH\r\n")).isEqualTo(HttpResponseError.NOT_HTTP);
        assertThat(error("HTTP/x.1 200 OK\r\n\r\n")).isEqualTo(HttpResponseError.BAD_VERSION);
        assertThat(error("HTTP/1.1 2000 OK\r\n\r\n")).isEqualTo(HttpResponseError.BAD_STATUS);
        assertThat(error("HTTP/1.1 20 OK\r\n\r\n")).isEqualTo(HttpResponseError.BAD_STATUS);
        assertThat(error("HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n")).isEqualTo(HttpResponseError.BAD_CONTENT_LENGTH);
        assertThat(error("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")).isEqualTo(HttpResponseError.BAD_CONTENT_LENGTH);
        assertThat(error("HTTP/1.1 200 OK\r\nBad Header : x\r\n\r\n")).isEqualTo(HttpResponseError.BAD_HEADER);
        byte[] huge = ("HTTP/1.1 200 OK\r\nX: " + "a".repeat(HttpResponseHeads.MAX_HEAD) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HttpResponseHeads.parse(huge, huge.length)).isInstanceOf(HeadParse.Malformed.class)
                .extracting(m -> ((HeadParse.Malformed) m).error()).isEqualTo(HttpResponseError.HEAD_TOO_LARGE);
    }

    @Test
    void repeatedEqualContentLengthsAreOne() {
        assertThat(parsed("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\ncontent-length: 3\r\n\r\n").contentLength())
                .hasValue(3);
    }

    private static HeadParse parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return HttpResponseHeads.parse(b, b.length);
    }

    private static HttpResponseHead parsed(String s) {
        return ((HeadParse.Parsed) parse(s)).head();
    }

    private static HttpResponseError error(String s) {
        return ((HeadParse.Malformed) parse(s)).error();
    }
}
