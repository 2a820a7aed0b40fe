package org.bascule.l7;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bascule.health.CheckResult;
import org.bascule.health.CheckWatch;
import org.bascule.l7.spec.ServerSpec;

/**
 * A server of a running backend: its spec plus what changes at run time (weight, operator
 * state, health, counters) and its pool of idle keep-alive connections, one pool per event loop
 * so that a connection is only ever touched by the loop that owns it.
 */
public final class LiveServer {

    private final ServerSpec spec;
    private final String backend;
    private final int id;
    private volatile int weight;
    private volatile AdminState admin;
    /** The regular check's verdict ({@code check}); HAProxy starts a server UP. */
    private volatile boolean checkUp = true;
    /** The agent's verdict ({@code agent-check}): down, stopped or fail take the server out too. */
    private volatile boolean agentUp = true;
    private volatile CheckResult lastCheck = CheckResult.initial();
    private volatile CheckResult lastAgent = CheckResult.initial();
    /** The running checks, whose last result is newer than the last change of health. */
    private volatile CheckWatch checkWatch;
    private volatile CheckWatch agentWatch;
    private volatile long lastChangeMillis = System.currentTimeMillis();
    /** Requests being served now (HAProxy's {@code scur}). */
    final AtomicInteger active = new AtomicInteger();
    /** Requests sent to it ({@code stot}), with their rate ({@code rate}) and the last one ({@code lastsess}). */
    final RatedCounter total = new RatedCounter();
    private final TimingAverages timings = new TimingAverages();
    /** Total time DOWN before the current spell ({@code downtime}), and when the current one began (0: UP). */
    private volatile long downMillis;
    private volatile long downSince;
    final LongAdder connectErrors = new LongAdder();
    final LongAdder responseErrors = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder redispatches = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder checkDowns = new LongAdder();
    /** {@code connect}: connections opened to this server (attempts); {@code reuse}: requests sent on an idle one. */
    final LongAdder connects = new LongAdder();
    final LongAdder reuses = new LongAdder();
    /** {@code cli_abrt}, {@code srv_abrt}: exchanges the client left before their end, responses the server cut short. */
    final LongAdder clientAborts = new LongAdder();
    final LongAdder serverAborts = new LongAdder();
    final LongAdder[] statusClasses = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    volatile int maxActive;
    private final IdlePool idle;

    LiveServer(ServerSpec spec, String backend, int id) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.backend = backend;
        this.id = id;
        this.weight = spec.weight();
        this.admin = spec.disabled() ? AdminState.MAINT : AdminState.READY;
        this.idle = new IdlePool(active::get, spec.pool());
    }

    public ServerSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public String backend() {
        return backend;
    }

    /** HAProxy's {@code sid}: the position in the backend, from 1. */
    public int id() {
        return id;
    }

    public int weight() {
        return weight;
    }

    public AdminState admin() {
        return admin;
    }

    /** UP as HAProxy combines its checks: neither the regular check nor the agent says DOWN. */
    public boolean healthy() {
        return checkUp && agentUp;
    }

    public int activeRequests() {
        return active.get();
    }

    public long totalRequests() {
        return total.sum();
    }

    /** The last health check's outcome ({@code INI} before the first, or without {@code check}). */
    public CheckResult lastCheck() {
        CheckWatch w = checkWatch;
        return w == null ? lastCheck : w.lastResult();
    }

    /** The agent's last outcome ({@code INI} before the first, or without {@code agent-check}). */
    public CheckResult lastAgent() {
        CheckWatch w = agentWatch;
        return w == null ? lastAgent : w.lastResult();
    }

    void watched(CheckWatch check, CheckWatch agent) {
        if (check != null) {
            checkWatch = check;
        }
        if (agent != null) {
            agentWatch = agent;
        }
    }

    /** {@code qtime}/{@code ctime}/{@code rtime}/{@code ttime} of the requests it served. */
    TimingAverages timings() {
        return timings;
    }

    /** {@code downtime}: milliseconds spent DOWN since start, the current spell included. */
    long downtimeMillis(long now) {
        long since = downSince;
        return downMillis + (since == 0 ? 0 : now - since);
    }

    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    /** May get a new request: READY, healthy, weight above 0. */
    public boolean usable() {
        return admin == AdminState.READY && healthy() && weight > 0;
    }

    /** Below its {@code maxconn} (always, without one). */
    boolean hasSlot() {
        int max = spec.maxconn();
        return max == 0 || active.get() < max;
    }

    void setWeight(int w) {
        weight = w;
    }

    void setAdmin(AdminState s) {
        if (admin != s) {
            admin = s;
            lastChangeMillis = System.currentTimeMillis();
        }
    }

    void setHealth(boolean up, CheckResult result) {
        lastCheck = result;
        boolean was = healthy();
        checkUp = up;
        changedHealth(was);
    }

    void setAgentHealth(boolean up, CheckResult result) {
        lastAgent = result;
        boolean was = healthy();
        agentUp = up;
        changedHealth(was);
    }

    private void changedHealth(boolean was) {
        if (was != healthy()) {
            long now = System.currentTimeMillis();
            lastChangeMillis = now;
            if (was) {
                checkDowns.increment();
                downSince = now;
            } else if (downSince != 0) {
                downMillis += now - downSince;
                downSince = 0;
            }
        }
    }

    void countStatus(int status) {
        int c = status / 100;
        statusClasses[c >= 1 && c <= 5 ? c : 0].increment();
    }

    /** An idle pooled connection owned by {@code loop}, if one is still open. */
    Channel pollIdle(EventLoop loop) {
        return idle.poll(loop);
    }

    /** Returns a connection to its loop's pool, or closes it (MAINT, or more idle than needed); only called on {@code ch.eventLoop()}. */
    void offerIdle(Channel ch) {
        if (admin == AdminState.MAINT) {
            ServerConnector.reset(ch);
            return;
        }
        idle.offer(ch);
    }

    /** An idle connection closed: it leaves its loop's pool if it was there; only called on {@code ch.eventLoop()}. */
    void forgetIdle(Channel ch) {
        idle.forget(ch);
    }

    /** A request took a connection to this server: {@code now} are in use (HAProxy's {@code scur}, {@code smax}). */
    void noteActive(int now) {
        if (now > maxActive) {
            maxActive = now;
        }
        idle.noteUsed(now);
    }

    /** Closes every idle pooled connection (MAINT, shutdown). */
    void closeIdle() {
        idle.closeAll();
    }

    int idleCount() {
        return idle.size();
    }

    @Override
    public String toString() {
        return backend + "/" + spec.name();
    }
}
