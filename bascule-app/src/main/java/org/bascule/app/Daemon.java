package org.bascule.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bascule.app.keepalived.L4Plan;
import org.bascule.health.HealthMonitor;
import org.bascule.l4.L4Options;
import org.bascule.l4.L4Tier;
import org.bascule.ops.ipvsadm.Ipvsadm;
import org.bascule.ops.ipvsadm.NameResolver;
import org.bascule.ops.runtime.IpvsadmRuntimeCommand;
import org.bascule.ops.runtime.RuntimeSocketServer;
import org.bascule.vrrp.io.VrrpEngine;

/**
 * One running node: the health monitor, the L4 tier serving the plan's virtual services, and
 * the local runtime socket that {@code bascule ipvsadm} talks to. Closing stops them in the
 * reverse order: no more runtime commands, listeners closed, checks stopped.
 */
public final class Daemon implements AutoCloseable {
    private final HealthMonitor health;
    private final L4Tier tier;
    private final RuntimeSocketServer runtime;
    private volatile AutoCloseable vrrp = () -> { };

    private Daemon(HealthMonitor health, L4Tier tier, RuntimeSocketServer runtime) {
        this.health = health;
        this.tier = tier;
        this.runtime = runtime;
    }

    /** Adds the running VRRP engine; it stops first on close (masters resign with priority 0). */
    public void attachVrrp(VrrpEngine engine) {
        this.vrrp = engine;
    }

    /**
     * Starts serving {@code plan}. Fails (and leaves nothing running) when a VIP cannot be
     * bound or the runtime socket is held by another daemon.
     */
    public static Daemon start(L4Plan plan, L4Options options, Path runtimeSocket) throws IOException {
        HealthMonitor health = new HealthMonitor();
        L4Tier tier = null;
        try {
            tier = L4Tier.start(plan.services(), options, health);
            RuntimeSocketServer runtime = new RuntimeSocketServer(runtimeSocket,
                    List.of(IpvsadmRuntimeCommand.of(new Ipvsadm(tier, NameResolver.system()))));
            runtime.start();
            return new Daemon(health, tier, runtime);
        } catch (IOException | RuntimeException e) {
            if (tier != null) {
                tier.close();
            }
            health.close();
            throw e;
        }
    }

    /**
     * Applies a new plan to the running tier (SIGHUP): unchanged virtual and real servers keep
     * their connections, counters and health state; see {@link L4Tier#apply}.
     *
     * @return the changes made, one line each
     */
    public List<String> reload(L4Plan plan) {
        return tier.apply(plan.services());
    }

    public L4Tier tier() {
        return tier;
    }

    public HealthMonitor health() {
        return health;
    }

    public Path runtimeSocket() {
        return runtime.path();
    }

    @Override
    public void close() {
        try {
            vrrp.close();
        } catch (Exception e) {
            // The engine logs its own failures; the rest must still stop.
        }
        runtime.close();
        tier.close();
        health.close();
    }
}
