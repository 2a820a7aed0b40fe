package org.bascule.config.keepalived;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.bascule.config.Suggestions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesAndValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.168.10.9", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::", "::1", "2001:db8::198.51.100.1", "fe80::1"})
    void literalAddressesAreAccepted(String text) {
        assertThat(Addresses.parse(text)).contains(InetAddress.ofLiteral(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"300.1.1.1", "127.1", "1.2.3", "01.2.3.4", "[::1]", "fe80::1%eth0", "example.com", "", "1.2.3.4.5", "2001:db8::g"})
    void anythingElseIsRefusedWithoutDns(String text) {
        assertThat(Addresses.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"2001:db8:0:0:0:0:0:1, 2001:db8::1", "0:0:0:0:0:0:0:0, ::", "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "10.1.2.3, 10.1.2.3"})
    void addressesAreFormattedAsRfc5952(String address, String expected) {
        assertThat(Addresses.format(InetAddress.ofLiteral(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"3, 3000000", "0.1, 100000", ".5, 500000", "2.71828, 2718280", "0.000001, 1", "10, 10000000"})
    void timersAreSecondsWithMicrosecondResolution(String text, long micros) {
        assertThat(Values.parseSeconds(text)).contains(Duration.ofNanos(micros * 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.0000001", "-1", "1s", "1e3", "0x10", "1.2.3"})
    void badTimersAreRefused(String text) {
        assertThat(Values.parseSeconds(text)).isEmpty();
    }

    @Test
    void secondsAreWrittenBack() {
        assertThat(Values.seconds(Duration.ofMillis(2500))).isEqualTo("2.5");
        assertThat(Values.seconds(Duration.ofSeconds(60))).isEqualTo("60");
        assertThat(Values.seconds(Duration.ZERO)).isEqualTo("0");
    }

    @Test
    void suggestionsFindPlausibleTypos() {
        assertThat(Suggestions.closest("lb_algoo", java.util.List.of("lb_algo", "lb_kind"))).contains("lb_algo");
        assertThat(Suggestions.closest("priorty", java.util.List.of("priority", "protocol"))).contains("priority");
        assertThat(Suggestions.closest("zzz", java.util.List.of("priority"))).isEmpty();
        assertThat(Suggestions.closest("http_get", java.util.List.of("HTTP_GET"))).isEqualTo(Optional.of("HTTP_GET"));
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
