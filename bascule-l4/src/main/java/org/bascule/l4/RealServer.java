package org.bascule.l4;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bascule.sched.ConnectionCounts;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.bascule.health.AdminState;
import org.bascule.health.CheckSpec;
import org.bascule.health.CheckWatch;
import org.bascule.health.Feedback;
import org.bascule.health.Health;
import org.bascule.health.Script;
import org.bascule.health.WeightChange;

/**
 * A real server of one virtual service at run time ({@code struct ip_vs_dest}): its configured
 * weight, the verdict of each of its checkers, what they reported beyond up/down (a dynamic
 * weight from MISC_CHECK's {@code misc_dynamic} or an agent's {@code N%}, an agent's
 * {@code drain}/{@code maint}/{@code ready}), and its traffic. The same object survives
 * weight and health changes, so connections in flight keep counting on it even after it left
 * the destination list.
 *
 * <p>Weight and health are written by the control plane under the owning service's lock and
 * read from there; the data path only touches the counters, which the least-connection
 * schedulers read live ({@link ConnectionCounts}).
 */
final class RealServer implements ConnectionCounts {

    private final InetSocketAddress address;
    private final boolean inhibitOnFailure;
    private final List<CheckSpec> checks;
    private final Health[] checkHealth;
    private final Feedback[] checkFeedback;
    private final Optional<Script> notifyUp;
    private final Optional<Script> notifyDown;
    /** The latest weight a checker asked for, whichever checker it was (keepalived's effective_weight). */
    private Optional<WeightChange> dynamicWeight = Optional.empty();
    /** The latest administrative state an agent asked for. */
    private AdminState admin = AdminState.READY;
    private final List<CheckWatch> watches = new ArrayList<>();
    private int weight;

    private final TrafficMeter meter = new TrafficMeter();
    private final AtomicLong active = new AtomicLong();
    /** Scheduled or being connected, not yet established: IPVS counts a SYN as inactive. */
    private final AtomicLong connecting = new AtomicLong();
    private final RecentCloses inactive;
    private final LongAdder connectFailures = new LongAdder();

    RealServer(RealServerSpec spec, long tcpFinSeconds, LongSupplier nowMillis) {
        this.address = spec.address();
        this.inhibitOnFailure = spec.inhibitOnFailure();
        this.checks = spec.checks();
        this.weight = spec.weight();
        this.checkHealth = new Health[checks.size()];
        this.checkFeedback = new Feedback[checks.size()];
        for (int i = 0; i < checkHealth.length; i++) {
            checkHealth[i] = checks.get(i).timing().initialHealth();
            checkFeedback[i] = Feedback.NONE;
        }
        this.notifyUp = spec.notifyUp();
        this.notifyDown = spec.notifyDown();
        this.inactive = new RecentCloses(tcpFinSeconds, nowMillis);
    }

    InetSocketAddress address() {
        return address;
    }

    int weight() {
        return weight;
    }

    void weight(int weight) {
        this.weight = weight;
    }

    List<CheckSpec> checks() {
        return checks;
    }

    List<CheckWatch> watches() {
        return watches;
    }

    void checkHealth(int index, Health health) {
        checkHealth[index] = health;
    }

    /**
     * Takes in what checker {@code index} reports beyond health; a part that changed becomes the
     * server's (the last report wins across checkers). Returns whether the weight or the
     * administrative state the server runs with changed.
     */
    boolean checkFeedback(int index, Feedback feedback) {
        Feedback before = checkFeedback[index];
        checkFeedback[index] = feedback;
        int weightBefore = liveWeight();
        boolean listedBefore = listed();
        if (feedback.weight().isPresent() && !feedback.weight().equals(before.weight())) {
            dynamicWeight = feedback.weight();
        }
        if (feedback.admin().isPresent() && !feedback.admin().equals(before.admin())) {
            admin = feedback.admin().get();
        }
        return weightBefore != liveWeight() || listedBefore != listed();
    }

    AdminState admin() {
        return admin;
    }

    Optional<Script> notifyUp() {
        return notifyUp;
    }

    Optional<Script> notifyDown() {
        return notifyDown;
    }

    /** The configured (or run-time set) weight, as a checker's dynamic weight changes it. */
    int effectiveWeight() {
        return dynamicWeight.map(w -> w.apply(weight, RealServerSpec.MAX_WEIGHT)).orElse(weight);
    }

    /** Up while every checker says so (keepalived's {@code num_failed_checkers == 0}). */
    boolean up() {
        for (Health h : checkHealth) {
            if (h == Health.DOWN) {
                return false;
            }
        }
        return true;
    }

    /** Listed in the table: up, or failed with {@code inhibit_on_failure}; never in maintenance. */
    boolean listed() {
        return (up() || inhibitOnFailure) && admin != AdminState.MAINT;
    }

    /** The weight the scheduler sees: 0 while failed (inhibited), drained or in maintenance. */
    int liveWeight() {
        return up() && admin == AdminState.READY ? effectiveWeight() : 0;
    }

    TrafficMeter meter() {
        return meter;
    }

    void opened() {
        active.incrementAndGet();
        meter.connection();
    }

    void closed() {
        active.decrementAndGet();
        inactive.record();
    }

    void connectFailed() {
        connectFailures.increment();
    }

    /** A connection was given to this server (it counts as inactive until established). */
    void connecting() {
        connecting.incrementAndGet();
    }

    /** The connect attempt counted by {@link #connecting()} ended, established or not. */
    void connectDone() {
        connecting.decrementAndGet();
    }

    @Override
    public long activeConnections() {
        return active.get();
    }

    /** Recently closed connections plus those still connecting, as IPVS's InActConn. */
    @Override
    public long inactiveConnections() {
        return inactive.count() + connecting.get();
    }

    /** {@code ipvsadm --set}: closed connections count as inactive for this long from now on. */
    void tcpFinSeconds(long seconds) {
        inactive.window(seconds);
    }

    long connectFailures() {
        return connectFailures.sum();
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
