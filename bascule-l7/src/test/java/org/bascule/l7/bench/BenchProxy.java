package org.bascule.l7.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.bascule.health.HealthMonitor;
import org.bascule.l7.L7Proxy;
import org.bascule.l7.spec.BackendSpec;
import org.bascule.l7.spec.BindSpec;
import org.bascule.l7.spec.ForwardFor;
import org.bascule.l7.spec.FrontendSpec;
import org.bascule.l7.spec.GlobalSpec;
import org.bascule.l7.spec.ProxySpec;
import org.bascule.l7.spec.ServerSpec;
import org.bascule.l7.spec.Timeouts;

/**
 * The Bascule side of bench/l7.sh: the same proxy as the script's haproxy.cfg
 * ({@code listen bench; bind 127.0.0.1:PORT; balance roundrobin; option forwardfor;
 * http-reuse safe; timeout connect 5s; client/server 30s; maxconn 4000; nbthread THREADS}),
 * built as a spec because the haproxy.cfg reader lives in another module. Runs until killed.
 *
 * <p>Usage: {@code BenchProxy <port> <threads> <server-port>...}
 */
public final class BenchProxy {

    private BenchProxy() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        List<ServerSpec> servers = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            servers.add(ServerSpec.of("s" + (i - 1), new InetSocketAddress("127.0.0.1", Integer.parseInt(args[i]))));
        }
        Timeouts t = Timeouts.NONE.withConnect(Duration.ofSeconds(5)).withClient(Duration.ofSeconds(30)).withServer(Duration.ofSeconds(30));
        BackendSpec backend = BackendSpec.of("bench", servers).withForwardFor(ForwardFor.standard()).withTimeouts(t);
        FrontendSpec frontend = new FrontendSpec("bench", List.of(BindSpec.plain(new InetSocketAddress("127.0.0.1", port))),
                org.bascule.l7.spec.ProxyMode.HTTP, List.of(), List.of(), List.of(), List.of(), java.util.Optional.of("bench"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), t, 4000, false);
        GlobalSpec global = new GlobalSpec(4000, List.of(), 16384, 101, threads);
        HealthMonitor health = new HealthMonitor();
        L7Proxy proxy = L7Proxy.start(new ProxySpec(global, List.of(frontend), List.of(backend)), health);
        System.out.println("ready " + proxy.boundAddresses("bench"));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            health.close();
            stop.countDown();
        }));
        stop.await();
    }
}
