package org.bascule.l7;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bascule.l7.balance.Picker;
import org.bascule.l7.balance.Pickers;
import org.bascule.l7.spec.BackendSpec;

/**
 * A running backend: its servers, its {@code balance} picker, and the queue of requests that
 * wait for a server slot when every usable server is at its {@code maxconn} ({@code timeout queue}).
 *
 * <p>Server choice follows HAProxy: the non-backup servers that are usable; when none is, the
 * first usable backup server (all of them with {@code option allbackups}).
 */
public final class LiveBackend {

    /** The outcome of a pick. */
    sealed interface Choice {
        record Picked(LiveServer server) implements Choice {}
        /** Usable servers exist but all are at their maxconn: queue. */
        record Full() implements Choice {}
        /** No usable server (all down, drained or in maintenance): 503. */
        record NoServer() implements Choice {}
    }

    /** A request waiting for a slot; {@code resume} runs on its own event loop. */
    static final class Waiter {
        final EventLoop loop;
        final Runnable resume;
        final AtomicBoolean done = new AtomicBoolean();

        Waiter(EventLoop loop, Runnable resume) {
            this.loop = loop;
            this.resume = resume;
        }
    }

    private final BackendSpec spec;
    /** {@code timeout server} in ns, 0 for none: read for every request sent, so unpacked once. */
    private final long serverTimeoutNanos;
    private final List<LiveServer> servers;
    private final Picker picker;
    private final ConcurrentLinkedQueue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger maxQueue = new AtomicInteger();
    /** {@code cli_abrt} of clients that left while queued, before any server was chosen. */
    final LongAdder queuedClientAborts = new LongAdder();
    /** Requests routed here ({@code stot}/{@code req_tot}), with their rate and the last one ({@code lastsess}). */
    final RatedCounter total = new RatedCounter();
    private final TimingAverages timings = new TimingAverages();
    final LongAdder noServer = new LongAdder();
    final LongAdder queued = new LongAdder();

    LiveBackend(BackendSpec spec) {
        this.spec = spec;
        this.serverTimeoutNanos = spec.timeouts().server().map(java.time.Duration::toNanos).orElse(0L);
        List<LiveServer> list = new ArrayList<>();
        int id = 1;
        for (var s : spec.servers()) {
            list.add(new LiveServer(s, spec.name(), id++));
        }
        this.servers = List.copyOf(list);
        this.picker = Pickers.of(spec.balance(), spec.hashType());
    }

    long serverTimeoutNanos() {
        return serverTimeoutNanos;
    }

    public BackendSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public List<LiveServer> servers() {
        return servers;
    }

    public Optional<LiveServer> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** HAProxy's {@code nbsrv()}: usable servers (UP, READY, weight above 0), backups included. */
    public int usableServers() {
        int n = 0;
        for (LiveServer s : servers) {
            if (s.usable()) {
                n++;
            }
        }
        return n;
    }

    /** {@code qtime}/{@code ctime}/{@code rtime}/{@code ttime} of every server's requests. */
    TimingAverages timings() {
        return timings;
    }

    /**
     * Counts one finished request's times for {@code server} and for this backend, when it was
     * sent and answered (HAProxy averages only those); call once, at the end of the response.
     */
    void recordTimes(LiveServer server, RequestTimes.Clock clock) {
        if (server != null && clock.complete()) {
            RequestTimes t = clock.stop();
            server.timings().record(t);
            timings.record(t);
        }
    }

    /** {@code be_conn}: the requests its servers are serving now, and those queued for one. */
    int load() {
        int n = queue.size();
        for (LiveServer s : servers) {
            n += s.activeRequests();
        }
        return n;
    }

    /** Requests waiting for a slot now. */
    public int queueLength() {
        return queue.size();
    }

    Choice pick(PickKey key, Set<LiveServer> exclude) {
        List<LiveServer> candidates = new ArrayList<>(servers.size());
        boolean anyUsable = collect(false, key, exclude, candidates);
        if (!anyUsable) {
            anyUsable = collect(true, key, exclude, candidates);
            if (anyUsable && !spec.allBackups() && candidates.size() > 1) {
                candidates.subList(1, candidates.size()).clear();
            }
        }
        if (!candidates.isEmpty()) {
            return picker.pick(candidates, key).<Choice>map(Choice.Picked::new).orElseGet(Choice.NoServer::new);
        }
        if (anyUsable) {
            return new Choice.Full();
        }
        // Every usable server was excluded by earlier attempts: give them another chance rather than fail.
        if (!exclude.isEmpty()) {
            return pick(key, Set.of());
        }
        noServer.increment();
        return new Choice.NoServer();
    }

    private boolean collect(boolean backups, PickKey key, Set<LiveServer> exclude, List<LiveServer> out) {
        boolean anyUsable = false;
        for (LiveServer s : servers) {
            if (s.spec().backup() == backups && s.usable() && !exclude.contains(s)) {
                anyUsable = true;
                if (s.hasSlot()) {
                    out.add(s);
                }
            }
        }
        return anyUsable;
    }

    void enqueue(Waiter w) {
        queued.increment();
        queue.add(w);
        // qmax: the longest the queue has been (HAProxy's nbpend_max)
        Maximum.raise(maxQueue, queue.size());
    }

    /** {@code qmax}. */
    int maxQueueLength() {
        return maxQueue.get();
    }

    /** A slot freed up on some server: wake the oldest waiter still waiting. */
    void slotFreed() {
        Waiter w;
        while ((w = queue.poll()) != null) {
            if (w.done.compareAndSet(false, true)) {
                w.loop.execute(w.resume);
                return;
            }
        }
    }

    void forget(Waiter w) {
        queue.remove(w);
    }
}
