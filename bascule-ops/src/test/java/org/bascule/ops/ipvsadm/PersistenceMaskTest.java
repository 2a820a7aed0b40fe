package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.bascule.l4.table.Persistence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What follows "mask" on a persistent service line, from keepalived's persistence_granularity. */
class PersistenceMaskTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {
            "NONE,            false, NONE",
            "'',              false, NONE",
            "255.255.255.255, false, NONE",
            "32,              false, NONE",
            "255.255.255.0,   false, 255.255.255.0",
            "24,              false, 255.255.255.0",
            "/16,             false, 255.255.0.0",
            "0,               false, 0.0.0.0",
            "255.255.240.0,   false, 255.255.240.0",
            "128,             true,  NONE",
            "64,              true,  64",
            "/48,             true,  48",
            "garbage,         false, garbage",
            "ffff::,          true,  ffff::"})
    void maskAsIpvsadmPrintsIt(String granularity, boolean ipv6, String printed) {
        assertThat(IpvsadmListing.mask(new Persistence(300, granularity), ipv6)).isEqualTo(Optional.ofNullable(printed));
    }
}
