package org.bascule.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivePassiveSchedulerTest {

    static Destination<String> backup(String name, int weight) {
        return new Destination<>(name, weight, true, ConnectionCounts.NONE);
    }

    static String picks(Scheduler<String> s, DestinationSet<String> set, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(s.schedule(set, SchedulingTrace.FLOW).orElse("-"));
        }
        return sb.toString();
    }

    @Test
    void backupsOnlyWhenNoRegularMemberIsAvailable() {
        var s = new ActivePassiveScheduler<>(new RoundRobinScheduler<String>(), new RoundRobinScheduler<>(), false);
        var normal = new DestinationSet<>(List.of(new Destination<>("A", 1), backup("X", 1), new Destination<>("B", 1), backup("Y", 1)));
        assertThat(picks(s, normal, 4)).isEqualTo("ABAB");
        var down = new DestinationSet<>(List.of(new Destination<>("A", 0), backup("X", 1), new Destination<>("B", 0), backup("Y", 1)));
        assertThat(picks(s, down, 3)).isEqualTo("XXX"); // the first backup only
        var xDown = new DestinationSet<>(List.of(new Destination<>("A", 0), backup("X", 0), backup("Y", 1)));
        assertThat(picks(s, xDown, 2)).isEqualTo("YY");
        var none = new DestinationSet<>(List.of(new Destination<>("A", 0), backup("X", 0)));
        assertThat(picks(s, none, 1)).isEqualTo("-");
    }

    @Test
    void allBackupsBalancesThem() {
        var s = new ActivePassiveScheduler<>(new RoundRobinScheduler<String>(), new RoundRobinScheduler<>(), true);
        var down = new DestinationSet<>(List.of(new Destination<>("A", 0), backup("X", 1), backup("Y", 1)));
        assertThat(picks(s, down, 4)).isEqualTo("XYXY");
    }

    @Test
    void needsTwoInstances() {
        var rr = new RoundRobinScheduler<String>();
        assertThatIllegalArgumentException().isThrownBy(() -> new ActivePassiveScheduler<>(rr, rr, true));
    }
}
