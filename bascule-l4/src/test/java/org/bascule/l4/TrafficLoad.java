package org.bascule.l4;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that keep opening connections to a VIP (greeting, one echo, close) until stopped,
 * counting what each real server served and every failure with its reason: the "traffic
 * flowing" of the live-edit tests.
 */
final class TrafficLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger done = new AtomicInteger();

    TrafficLoad(InetSocketAddress vip, int clients) {
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().name("load-" + i).start(() -> {
                while (running.get()) {
                    try {
                        String server = TcpClient.exchange(vip);
                        served.computeIfAbsent(server, k -> new LongAdder()).increment();
                        done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
    }

    long served(String server) {
        LongAdder a = served.get(server);
        return a == null ? 0 : a.sum();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
