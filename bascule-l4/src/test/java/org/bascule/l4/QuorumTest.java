package org.bascule.l4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quorum as pure steps of live weight: the sequences of the first source document
 * (quorum 30, hysteresis 2: "si un quorum_down a été détecté à 29, le quorum_up ne sera pas
 * appelé lors du passage à 30 mais seulement lors du passage à 31"), and keepalived 2.2's own
 * reading for comparison. Each string is what happened at each weight: "-" nothing,
 * "down"/"up" the script that ran.
 */
class QuorumTest {

    private static List<String> walk(Quorum q, long start, long... weights) {
        Quorum.State s = q.start(start);
        List<String> calls = new ArrayList<>();
        for (long w : weights) {
            Quorum.Step step = q.on(s, w);
            s = step.state();
            calls.add(w + ":" + step.transition().map(t -> t instanceof Quorum.Transition.Gained ? "up" : "down").orElse("-"));
        }
        return calls;
    }

    @Test
    void sourceDocumentDownAt29NotUpAt30UpAt31() {
        var q = new Quorum(30, 2, Quorum.Rule.SOURCE_DOCUMENT);
        assertThat(walk(q, 32, 31, 30, 29, 30, 31, 30))
                .containsExactly("31:-", "30:-", "29:down", "30:-", "31:up", "30:-");
    }

    @Test
    void sourceDocumentAfterAnUpTheNextDownNeedsTheMarginToo() {
        var q = new Quorum(30, 2, Quorum.Rule.SOURCE_DOCUMENT);
        // up called at 31: 30 is still quorum, 29 is both below quorum and 2 below the call
        assertThat(walk(q, 35, 29, 31, 30, 29, 28, 30, 31))
                .containsExactly("29:down", "31:up", "30:-", "29:down", "28:-", "30:-", "31:up");
        // a big drop then a big rise: each side of the quorum fires at once
        assertThat(walk(q, 40, 10, 40)).containsExactly("10:down", "40:up");
    }

    @Test
    void sourceDocumentWithoutHysteresisIsThePlainQuorum() {
        var q = new Quorum(3, 0, Quorum.Rule.SOURCE_DOCUMENT);
        assertThat(walk(q, 3, 2, 3, 2)).containsExactly("2:down", "3:up", "2:down");
    }

    @Test
    void keepalivedReadsTheHysteresisOnBothSidesOfTheQuorum() {
        var q = new Quorum(30, 2, Quorum.Rule.KEEPALIVED);
        assertThat(walk(q, 32, 29, 28, 27, 30, 31, 32))
                .containsExactly("29:-", "28:-", "27:down", "30:-", "31:-", "32:up");
        // keepalived starts up only at quorum + hysteresis, and a weight of 0 always loses it
        assertThat(q.start(31).up()).isFalse();
        var noMargin = new Quorum(1, 0, Quorum.Rule.KEEPALIVED);
        assertThat(walk(noMargin, 1, 0, 1)).containsExactly("0:down", "1:up");
    }

    @Test
    void startingBelowQuorumStartsDownWithoutCallingAnything() {
        var q = new Quorum(30, 2, Quorum.Rule.SOURCE_DOCUMENT);
        Quorum.State s = q.start(0); // alpha: every server down until its first check
        assertThat(s.up()).isFalse();
        assertThat(walk(q, 0, 10, 20, 30)).containsExactly("10:-", "20:-", "30:up");
    }

    @Test
    void hysteresisMustStayBelowTheQuorum() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new QuorumSpec(2, 2, java.util.Optional.empty(), java.util.Optional.empty(), Quorum.Rule.KEEPALIVED))
                .withMessage("hysteresis: 2 (expected: 0 to quorum - 1 = 1)");
    }
}
