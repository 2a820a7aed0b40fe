package org.bascule.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEventsTest {

    private static final CheckResult OK = new CheckResult(CheckStatus.L4OK, "", Duration.ZERO);
    private final HealthEvents events = new HealthEvents();

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void deliversEveryChangeInSequenceOrder() {
        List<HealthChange> seen = new CopyOnWriteArrayList<>();
        events.subscribe(seen::add);
        var a = target(1);
        // publishers on many threads: the stream still numbers and delivers one order
        IntStream.range(0, 200).parallel().forEach(i -> events.publish(a, i % 2 == 0 ? Health.UP : Health.DOWN, OK));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 200);
        assertThat(seen).extracting(HealthChange::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    }

    @Test
    void aLateSubscriberFirstGetsTheCurrentStateOfEachTarget() {
        var a = target(1);
        var b = target(2);
        events.publish(a, Health.UP, CheckResult.initial());
        events.publish(b, Health.UP, CheckResult.initial());
        events.publish(a, Health.DOWN, OK);
        List<HealthChange> seen = new CopyOnWriteArrayList<>();
        events.subscribe(seen::add);
        events.publish(b, Health.DOWN, OK);

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertThat(seen).extracting(c -> c.target().server().getPort() + " " + c.health() + " #" + c.sequence())
                .containsExactly("2 UP #2", "1 DOWN #3", "2 DOWN #4");
        assertThat(events.current(a)).map(HealthChange::health).contains(Health.DOWN);
    }

    @Test
    void forgottenTargetsAreNotReplayedAndUnsubscribedListenersHearNothing() {
        var a = target(1);
        List<HealthChange> early = new CopyOnWriteArrayList<>();
        Subscription sub = events.subscribe(early::add);
        events.publish(a, Health.UP, CheckResult.initial());
        await().atMost(Duration.ofSeconds(5)).until(() -> early.size() == 1);
        sub.close();
        events.forget(a);
        events.publish(target(2), Health.UP, CheckResult.initial());

        List<HealthChange> late = new CopyOnWriteArrayList<>();
        events.subscribe(late::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.size() == 1);
        assertThat(late.getFirst().target()).isEqualTo(target(2));
        assertThat(early).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<HealthChange> seen = new CopyOnWriteArrayList<>();
        events.subscribe(c -> {
            throw new IllegalStateException("boom");
        });
        events.subscribe(seen::add);
        events.publish(target(1), Health.UP, CheckResult.initial());
        events.publish(target(1), Health.DOWN, OK);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
    }

    private static HealthTarget target(int port) {
        return new HealthTarget("TCP 127.0.0.1:80", new InetSocketAddress("127.0.0.1", port), "TCP_CHECK");
    }
}
