package org.bascule.ops.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ipvsadm.c print_largenum at each boundary of its ranges. */
class LargeNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0                    |'        0'",
            "99999999             |' 99999999'",
            "100000000            |'  100000K'",
            "999999999            |'  999999K'",
            "1000000000           |'    1000M'",
            "99999999999          |'   99999M'",
            "100000000000         |'     100G'",
            "99999999999999       |'   99999G'",
            "100000000000000      |'     100T'",
            "9223372036854775807  |' 9223372T'",
            "-1                   |'18446744T'"})
    void scaled(long value, String printed) {
        assertThat(LargeNumber.format(value, false)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0                    |'        0'",
            "99999999             |' 99999999'",
            "100000000            |' 100000000'",
            "123456789012         |' 123456789012'",
            "-1                   |' 18446744073709551615'"})
    void exact(long value, String printed) {
        assertThat(LargeNumber.format(value, true)).isEqualTo(printed);
    }

    @Property
    void scaledAlwaysFillsNineColumns(@ForAll @LongRange(min = 0, max = 99_999_999_999_999_999L) long value) {
        assertThat(LargeNumber.format(value, false)).hasSize(9);
    }

    @Property
    void exactKeepsEveryDigitAfterALeadingSpace(@ForAll long value) {
        String printed = LargeNumber.format(value, true);
        assertThat(printed).startsWith(" ");
        assertThat(printed.strip()).isEqualTo(Long.toUnsignedString(value));
    }
}
