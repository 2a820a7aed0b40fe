package org.bascule.sched;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Test helper: named members with weights, and the sequence a scheduler produces over them. */
final class SchedulingTrace {

    static final Flow FLOW = new Flow(new InetSocketAddress("127.0.0.1", 40000),
            new InetSocketAddress("127.0.0.1", 80));

    private SchedulingTrace() {}

    /** {@code set("A", 4, "B", 3)} */
    static DestinationSet<String> set(Object... nameWeight) {
        List<Destination<String>> members = new ArrayList<>();
        for (int i = 0; i < nameWeight.length; i += 2) {
            members.add(new Destination<>((String) nameWeight[i], (Integer) nameWeight[i + 1]));
        }
        return new DestinationSet<>(members);
    }

    /** The next {@code count} picks as one string, "-" where nothing was available. */
    static String picks(Scheduler<String> scheduler, DestinationSet<String> set, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(scheduler.schedule(set, FLOW).orElse("-"));
        }
        return sb.toString();
    }
}
