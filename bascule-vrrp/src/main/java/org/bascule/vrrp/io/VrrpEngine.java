package org.bascule.vrrp.io;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bascule.vrrp.codec.AdvertFilter;
import org.bascule.vrrp.codec.DecodeResult;
import org.bascule.vrrp.codec.DropReason;
import org.bascule.vrrp.codec.Received;
import org.bascule.vrrp.codec.Rejected;
import org.bascule.vrrp.codec.VrrpAdvert;
import org.bascule.vrrp.codec.VrrpCodec;
import org.bascule.vrrp.fsm.Contribution;
import org.bascule.vrrp.fsm.InstanceSpec;
import org.bascule.vrrp.fsm.RouterState;
import org.bascule.vrrp.fsm.Step;
import org.bascule.vrrp.fsm.SyncGroupPolicy;
import org.bascule.vrrp.fsm.TransitionReason;
import org.bascule.vrrp.fsm.VrrpAction;
import org.bascule.vrrp.fsm.VrrpEvent;
import org.bascule.vrrp.fsm.VrrpMachine;
import org.bascule.vrrp.fsm.VrrpRole;
import org.bascule.vrrp.notify.NotifyEvent;
import org.bascule.vrrp.notify.NotifyScripts;
import org.bascule.vrrp.notify.ScriptRunner;
import org.bascule.vrrp.notify.SmtpAlerter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the VRRP instances of a {@link VrrpSetup}. One platform thread owns every state machine
 * (one writer, no locks) and waits on an inbox until the next timer; one platform thread per
 * advert socket receives and decodes (a blocking FFM call pins its carrier, DESIGN.md), one more
 * reads rtnetlink link events for {@code track_interface}; scripts, {@code track_file} polling,
 * notify and mail run on virtual threads.
 */
public final class VrrpEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VrrpEngine.class);
    private static final Duration RECEIVE_SLICE = Duration.ofMillis(200);
    private static final Duration POLL_PERIOD = Duration.ofMillis(200);
    private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(30);

    private final VrrpSetup setup;
    private final VrrpNetwork network;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final LinkedBlockingQueue<Input> inbox = new LinkedBlockingQueue<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    // Notifications run one after the other, in the order of the changes (a script that reads
    // the state must not see BACKUP after MASTER when it was the other way round).
    private final ExecutorService notifications = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vrrp-notify").factory());
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, VrrpRole> roles = new ConcurrentHashMap<>();
    private final Map<String, VrrpRole> groupRoles = new HashMap<>();
    private final Map<String, Boolean> scriptOk = new HashMap<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private final Map<String, Long> fileValue = new HashMap<>();
    private final Optional<SmtpAlerter> mail;
    private final List<Thread> threads = new ArrayList<>();
    private VrrpNetwork.LinkWatch linkWatch;
    private volatile boolean running = true;

    private sealed interface Input {
        record Packet(Endpoint endpoint, DecodeResult result) implements Input {
        }

        record ScriptStatus(String name, boolean ok) implements Input {
        }

        record LinkStatus(String name, boolean up) implements Input {
        }

        record FileStatus(String name, long value) implements Input {
        }

        record Stop(CountDownLatch done) implements Input {
        }
    }

    private static final class Instance {
        final InstanceConfig config;
        final InstanceSpec spec;
        final AdvertFilter filter;
        final InstanceStats stats = new InstanceStats();
        final InetAddress source;
        Endpoint endpoint;
        RouterState state;
        VrrpEvent.Tracked tracked = new VrrpEvent.Tracked(0, false);

        Instance(InstanceConfig config, InstanceSpec spec, InetAddress source) {
            this.config = config;
            this.spec = spec;
            this.source = source;
            this.filter = new AdvertFilter(config.spec().version(), config.spec().vrid(), config.auth(), config.spec().advertInterval());
            this.state = RouterState.initial(spec);
        }
    }

    private static final class Endpoint {
        final String ifname;
        final InetAddress source;
        final VrrpNetwork.AdvertSocket socket;
        final Map<Integer, Instance> byVrid = new HashMap<>();
        final InstanceStats stats = new InstanceStats();

        Endpoint(String ifname, InetAddress source, VrrpNetwork.AdvertSocket socket) {
            this.ifname = ifname;
            this.source = source;
            this.socket = socket;
        }
    }

    private VrrpEngine(VrrpSetup setup, VrrpNetwork network) {
        this.setup = setup;
        this.network = network;
        this.mail = setup.smtp().map(SmtpAlerter::new);
    }

    /**
     * Opens the sockets, starts tracking and every instance; throws (having closed what it
     * opened) when an interface or its address is missing.
     */
    public static VrrpEngine start(VrrpSetup setup, VrrpNetwork network) {
        VrrpEngine e = new VrrpEngine(setup, network);
        try {
            e.open();
        } catch (RuntimeException ex) {
            e.closeSockets();
            network.close();
            e.background.shutdownNow();
            e.notifications.shutdownNow();
            throw ex;
        }
        e.launch();
        return e;
    }

    /** The current state of {@code instance}, INIT before it started. */
    public VrrpRole role(String instance) {
        return roles.getOrDefault(instance, VrrpRole.INIT);
    }

    /** The counters of {@code instance}: its own, plus drops its socket counted before the VRID was known. */
    public Map<String, Long> stats(String instance) {
        Instance i = Objects.requireNonNull(instances.get(instance), instance);
        Map<String, Long> own = i.stats.snapshot();
        Map<String, Long> shared = i.endpoint.stats.snapshot();
        Map<String, Long> out = new LinkedHashMap<>();
        own.forEach((k, v) -> out.put(k, v + shared.getOrDefault(k, 0L)));
        return out;
    }

    /** Instance names, in configuration order. */
    public List<String> instanceNames() {
        return List.copyOf(instances.keySet());
    }

    // ------------------------------------------------------------------ start

    private void open() {
        Map<String, Endpoint> byKey = new HashMap<>();
        for (InstanceConfig c : setup.instances()) {
            InetAddress source = c.sourceAddress().or(() -> network.primaryAddress(c.interfaceName(), c.ipv6()))
                    .orElseThrow(() -> new IllegalStateException("vrrp_instance " + c.name() + ": interface " + c.interfaceName()
                            + " has no " + (c.ipv6() ? "IPv6 link-local" : "IPv4") + " address to send adverts from"));
            Instance inst = new Instance(c, c.spec().withPrimaryAddress(source), source);
            String key = c.interfaceName() + "|" + source.getHostAddress();
            Endpoint ep = byKey.get(key);
            if (ep == null) {
                List<InetAddress> groups = new ArrayList<>();
                for (InstanceConfig o : setup.instances()) {
                    if (o.interfaceName().equals(c.interfaceName()) && o.ipv6() == c.ipv6() && o.unicastPeers().isEmpty()
                            && !groups.contains(o.multicastGroup())) {
                        groups.add(o.multicastGroup());
                    }
                }
                ep = new Endpoint(c.interfaceName(), source, network.openAdvertSocket(c.interfaceName(), source, groups));
                byKey.put(key, ep);
                endpoints.add(ep);
            }
            Instance clash = ep.byVrid.putIfAbsent(c.spec().vrid(), inst);
            if (clash != null) {
                throw new IllegalStateException("vrrp_instance " + c.name() + ": virtual_router_id " + c.spec().vrid()
                        + " already used by " + clash.config.name() + " on " + c.interfaceName());
            }
            inst.endpoint = ep;
            instances.put(c.name(), inst);
        }
        for (InstanceConfig c : setup.instances()) {
            network.prepare(c.interfaceName());
            c.addresses().forEach(v -> network.prepare(v.device()));
        }
        for (ScriptCheck s : setup.scripts()) {
            scriptOk.put(s.name(), !s.initFail());
        }
        List<String> links = trackedLinks();
        if (!links.isEmpty()) {
            // Subscribed before the first read, so a change in between is not lost.
            linkWatch = network.watchLinks();
        }
        for (String link : links) {
            linkUp.put(link, network.isLinkUp(link));
        }
        for (FileCheck f : setup.files()) {
            fileValue.put(f.name(), FileReader.read(f.file()));
        }
    }

    private void launch() {
        Map<String, Boolean> initialLinks = new HashMap<>(linkUp);
        Thread engine = Thread.ofPlatform().name("vrrp-engine").daemon().start(this::run);
        threads.add(engine);
        for (Endpoint ep : endpoints) {
            threads.add(Thread.ofPlatform().name("vrrp-rx-" + ep.ifname).daemon().start(() -> receive(ep)));
        }
        for (ScriptCheck s : setup.scripts()) {
            background.submit(() -> runScript(s));
        }
        if (linkWatch != null) {
            threads.add(Thread.ofPlatform().name("vrrp-links").daemon().start(() -> watchLinks(initialLinks)));
        }
        if (!fileValue.isEmpty()) {
            background.submit(this::pollFiles);
        }
    }

    private List<String> trackedLinks() {
        List<String> out = new ArrayList<>();
        for (InstanceConfig c : setup.instances()) {
            if (!c.dontTrackPrimary()) {
                out.add(c.interfaceName());
            }
            c.tracking().stream().filter(t -> t instanceof TrackRef.Interface).forEach(t -> out.add(t.name()));
        }
        for (GroupConfig g : setup.groups()) {
            g.tracking().stream().filter(t -> t instanceof TrackRef.Interface).forEach(t -> out.add(t.name()));
        }
        return out.stream().distinct().toList();
    }

    // ------------------------------------------------------------------ threads

    private void receive(Endpoint ep) {
        while (running) {
            Optional<VrrpNetwork.Inbound> in;
            try {
                in = ep.socket.receive(RECEIVE_SLICE);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("VRRP receive on {} failed: {}", ep.ifname, e.getMessage());
                    ep.stats.kernelErrors.incrementAndGet();
                    sleepQuietly(RECEIVE_SLICE);
                }
                continue;
            }
            in.ifPresent(p -> inbox.add(new Input.Packet(ep, decode(p))));
        }
    }

    private static DecodeResult decode(VrrpNetwork.Inbound in) {
        return VrrpCodec.decode(in.source(), in.destination(), in.ttl(), ByteBuffer.wrap(in.payload()));
    }

    private void runScript(ScriptCheck s) {
        org.bascule.vrrp.fsm.RiseFall rf = org.bascule.vrrp.fsm.RiseFall.start(s.rise(), s.fall(), s.initFail());
        List<String> argv = org.bascule.vrrp.notify.CommandLine.split(s.command());
        while (running) {
            boolean ok = ScriptRunner.run(argv, s.timeout()).orElse(-1) == 0;
            org.bascule.vrrp.fsm.RiseFall next = rf.record(ok);
            if (next.ok() != rf.ok()) {
                LOG.info("VRRP_Script({}) {}", s.name(), next.ok() ? "succeeded" : "failed");
                inbox.add(new Input.ScriptStatus(s.name(), next.ok()));
            }
            rf = next;
            if (awaitStop(s.interval())) {
                return;
            }
        }
    }

    /**
     * keepalived's {@code track_interface} follows netlink link messages; so does this, rather
     * than polling: the engine hears of a link going down as soon as the kernel multicasts it.
     */
    private void watchLinks(Map<String, Boolean> links) {
        while (running) {
            try {
                linkWatch.next(RECEIVE_SLICE).filter(c -> links.containsKey(c.ifname()))
                        .ifPresent(c -> reportLink(links, c.ifname(), c.up()));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Events were lost (ENOBUFS) or the socket failed: the current state is the truth.
                LOG.warn("Netlink link events: {}; reading every tracked link again", e.getMessage());
                for (String name : links.keySet()) {
                    reportLink(links, name, network.isLinkUp(name));
                }
                sleepQuietly(Duration.ofMillis(10));
            }
        }
    }

    private void reportLink(Map<String, Boolean> links, String name, boolean up) {
        if (links.put(name, up) != up) {
            inbox.add(new Input.LinkStatus(name, up));
        }
    }

    /** {@code track_file}: the file's number, read every {@link #POLL_PERIOD}. */
    private void pollFiles() {
        Map<String, Long> files = new HashMap<>(fileValue);
        while (running) {
            for (FileCheck f : setup.files()) {
                long v = FileReader.read(f.file());
                if (!Objects.equals(files.put(f.name(), v), v)) {
                    inbox.add(new Input.FileStatus(f.name(), v));
                }
            }
            if (awaitStop(POLL_PERIOD)) {
                return;
            }
        }
    }

    private boolean awaitStop(Duration d) {
        try {
            return stopping.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ engine thread

    private void run() {
        long now = System.nanoTime();
        for (Instance i : instances.values()) {
            VrrpEvent.Tracked t = tracking(i);
            if (!t.equals(i.tracked)) {
                i.tracked = t;
                apply(i, t, now);
            }
            apply(i, new VrrpEvent.Startup(), now);
        }
        while (true) {
            now = System.nanoTime();
            long next = RouterState.NEVER;
            for (Instance i : instances.values()) {
                next = Math.min(next, i.state.nextDeadline());
            }
            if (next <= now) {
                for (Instance i : instances.values()) {
                    if (i.state.nextDeadline() <= now) {
                        apply(i, new VrrpEvent.Tick(), now);
                    }
                }
                continue;
            }
            Input in;
            try {
                in = inbox.poll(Math.min(next - now, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (in == null) {
                continue;
            }
            now = System.nanoTime();
            switch (in) {
                case Input.Packet p -> packet(p.endpoint(), p.result(), now);
                case Input.ScriptStatus s -> {
                    scriptOk.put(s.name(), s.ok());
                    retrack(now);
                }
                case Input.LinkStatus l -> {
                    LOG.info("Netlink reports {} {}", l.name(), l.up() ? "up" : "down");
                    linkUp.put(l.name(), l.up());
                    retrack(now);
                }
                case Input.FileStatus f -> {
                    fileValue.put(f.name(), f.value());
                    retrack(now);
                }
                case Input.Stop s -> {
                    for (Instance i : instances.values()) {
                        apply(i, new VrrpEvent.Shutdown(), System.nanoTime());
                    }
                    s.done().countDown();
                    return;
                }
            }
        }
    }

    private void packet(Endpoint ep, DecodeResult result, long now) {
        switch (result) {
            case Rejected r -> {
                if (r.peer().equals(ep.source)) {
                    return;
                }
                ep.stats.drop(r.reason().counter());
                LOG.warn("{} on {}", r.message(), ep.ifname);
            }
            case Received r -> {
                if (r.source().equals(ep.source)) {
                    // Our own advert looped back: not an advert from a peer.
                    return;
                }
                Instance i = ep.byVrid.get(r.advert().vrid());
                if (i == null) {
                    ep.stats.drop(new DropReason.WrongVrid(r.advert().vrid(), "").counter());
                    LOG.debug("VRRP advert from {} on {} for VRID {}: no instance", r.source().getHostAddress(), ep.ifname, r.advert().vrid());
                    return;
                }
                Optional<DropReason> bad = i.filter.check(r.advert());
                if (bad.isEmpty() && !i.config.unicastPeers().isEmpty() && !i.config.unicastPeers().contains(r.source())) {
                    bad = Optional.of(new DropReason.UnknownPeer(r.source().getHostAddress()));
                }
                if (bad.isPresent()) {
                    i.stats.drop(bad.get().counter());
                    LOG.warn("({}) {}", i.config.name(), new Rejected(r.source(), bad.get()).message());
                    return;
                }
                i.stats.advertsReceived.incrementAndGet();
                if (r.advert().priority() == 0) {
                    i.stats.priorityZeroReceived.incrementAndGet();
                }
                apply(i, new VrrpEvent.AdvertIn(r), now);
            }
        }
    }

    private void retrack(long now) {
        for (Instance i : instances.values()) {
            VrrpEvent.Tracked t = tracking(i);
            if (!t.equals(i.tracked)) {
                i.tracked = t;
                apply(i, t, now);
            }
        }
    }

    private VrrpEvent.Tracked tracking(Instance i) {
        List<Contribution> all = new ArrayList<>();
        if (!i.config.dontTrackPrimary()) {
            all.add(Contribution.of(0, false, linkUp.getOrDefault(i.config.interfaceName(), true)));
        }
        List<TrackRef> refs = new ArrayList<>(i.config.tracking());
        group(i.config.name()).ifPresent(g -> refs.addAll(g.tracking()));
        for (TrackRef t : refs) {
            all.add(switch (t) {
                case TrackRef.Script s -> Contribution.of(s.weight(), s.reverse(), scriptOk.getOrDefault(s.name(), true));
                case TrackRef.Interface l -> Contribution.of(l.weight(), l.reverse(), linkUp.getOrDefault(l.name(), false));
                case TrackRef.File f -> Contribution.ofFile(f.weight(), f.reverse(), fileValue.getOrDefault(f.name(), 0L));
            });
        }
        return Contribution.sum(all);
    }

    private Optional<GroupConfig> group(String instance) {
        return setup.groups().stream().filter(g -> g.members().contains(instance)).findFirst();
    }

    private void apply(Instance i, VrrpEvent event, long now) {
        Step step = VrrpMachine.step(i.spec, i.state, event, now);
        i.state = step.state();
        for (VrrpAction a : step.actions()) {
            execute(i, a, now);
        }
    }

    private void execute(Instance i, VrrpAction action, long now) {
        InstanceConfig c = i.config;
        switch (action) {
            case VrrpAction.SendAdvert s -> sendAdvert(i, s.priority());
            case VrrpAction.AddVirtualAddresses a -> {
                kernel(i, "add", () -> {
                    for (VirtualAddress v : allAddresses(c)) {
                        network.addAddress(v);
                    }
                    for (VirtualRoute r : c.routes()) {
                        network.addRoute(r);
                    }
                });
            }
            case VrrpAction.RemoveVirtualAddresses r -> {
                kernel(i, "remove", () -> {
                    for (VirtualRoute vr : c.routes()) {
                        network.removeRoute(vr);
                    }
                    for (VirtualAddress v : allAddresses(c)) {
                        network.removeAddress(v);
                    }
                });
            }
            case VrrpAction.Announce a -> kernel(i, "announce", () -> {
                for (int n = 0; n < a.repeat(); n++) {
                    for (VirtualAddress v : allAddresses(c)) {
                        network.announce(v.device(), v.address());
                    }
                }
            });
            case VrrpAction.LowerPriorityAdvert l -> {
                LOG.info("({}) Received advert from {} with lower priority {}, ours {}, forcing new election",
                        c.name(), l.peer(), l.theirs(), l.ours());
                // keepalived's notify_master_rx_lower_pri: the script as written, queued with the
                // other notifications so it never overtakes a state change's script.
                c.notifyScripts().lowerPriorityCommand().ifPresent(argv -> notifications.submit(() -> ScriptRunner.run(argv, NOTIFY_TIMEOUT)));
            }
            case VrrpAction.StateChanged s -> stateChanged(i, s, now);
        }
    }

    private static List<VirtualAddress> allAddresses(InstanceConfig c) {
        List<VirtualAddress> all = new ArrayList<>(c.addresses());
        all.addAll(c.excluded());
        return all;
    }

    private void kernel(Instance i, String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            i.stats.kernelErrors.incrementAndGet();
            LOG.error("({}) cannot {} virtual addresses: {}", i.config.name(), what, e.getMessage());
        }
    }

    private void sendAdvert(Instance i, int priority) {
        InstanceConfig c = i.config;
        List<InetAddress> advertised = c.addresses().stream().map(VirtualAddress::address)
                .filter(a -> (a instanceof Inet4Address) != c.ipv6()).limit(255).toList();
        VrrpAdvert advert = new VrrpAdvert(c.spec().version(), c.spec().vrid(), priority, c.spec().advertInterval(), advertised, c.auth());
        List<InetAddress> destinations = c.unicastPeers().isEmpty() ? List.of(c.multicastGroup()) : c.unicastPeers();
        for (InetAddress dst : destinations) {
            try {
                i.endpoint.socket.send(VrrpCodec.encode(advert, i.source, dst), dst);
                i.stats.advertsSent.incrementAndGet();
                if (priority == 0) {
                    i.stats.priorityZeroSent.incrementAndGet();
                }
            } catch (RuntimeException e) {
                i.stats.kernelErrors.incrementAndGet();
                LOG.warn("({}) cannot send advert to {}: {}", c.name(), dst.getHostAddress(), e.getMessage());
            }
        }
    }

    private void stateChanged(Instance i, VrrpAction.StateChanged s, long now) {
        InstanceConfig c = i.config;
        LOG.info("({}) Entering {} STATE{}", c.name(), s.to(), s.reason() == TransitionReason.STARTUP ? "" : " (" + s.reason().name().toLowerCase() + ")");
        roles.put(c.name(), s.to());
        if (s.to() == VrrpRole.MASTER) {
            i.stats.becameMaster.incrementAndGet();
        } else if (s.from() == VrrpRole.MASTER) {
            i.stats.releasedMaster.incrementAndGet();
        }
        notifyAsync(c.notifyScripts(), c.smtpAlert(), new NotifyEvent(false, c.name(), s.to(), s.priority()));
        Optional<GroupConfig> g = group(c.name());
        if (g.isEmpty()) {
            return;
        }
        Map<String, RouterState> states = new LinkedHashMap<>();
        for (String m : g.get().members()) {
            Instance mi = instances.get(m);
            if (mi != null) {
                states.put(m, mi.state);
            }
        }
        for (SyncGroupPolicy.Order o : SyncGroupPolicy.follow(c.name(), s, states)) {
            apply(instances.get(o.member()), o.event(), now);
        }
        VrrpRole groupRole = s.to();
        if (groupRoles.get(g.get().name()) != groupRole && s.reason() != TransitionReason.SYNC_GROUP) {
            groupRoles.put(g.get().name(), groupRole);
            LOG.info("VRRP_Group({}) Syncing instances to {} state", g.get().name(), groupRole);
            notifyAsync(g.get().notifyScripts(), g.get().smtpAlert(), new NotifyEvent(true, g.get().name(), groupRole, 0));
        }
    }

    private void notifyAsync(NotifyScripts scripts, boolean smtpAlert, NotifyEvent event) {
        List<List<String>> commands = scripts.commands(event);
        boolean mailIt = smtpAlert && mail.isPresent() && event.role() != VrrpRole.INIT;
        if (commands.isEmpty() && !mailIt) {
            return;
        }
        notifications.submit(() -> {
            for (List<String> argv : commands) {
                ScriptRunner.run(argv, NOTIFY_TIMEOUT);
            }
            if (mailIt) {
                mail.get().send(event);
            }
        });
    }

    // ------------------------------------------------------------------ stop

    /**
     * Stops as keepalived does on SIGTERM: every master sends priority 0 and removes its
     * addresses, {@code notify_stop} runs; then the sockets close. Bounded in time.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        inbox.add(new Input.Stop(done));
        try {
            if (!done.await(5, TimeUnit.SECONDS)) {
                LOG.warn("VRRP engine did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        stopping.countDown();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSockets();
        network.close();
        background.shutdown();
        notifications.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
            // notify_stop scripts of the masters that just resigned, bounded like every script.
            notifications.awaitTermination(NOTIFY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSockets() {
        if (linkWatch != null) {
            linkWatch.close();
        }
        for (Endpoint ep : endpoints) {
            try {
                ep.socket.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the socket on {}: {}", ep.ifname, e.getMessage());
            }
        }
    }
}
