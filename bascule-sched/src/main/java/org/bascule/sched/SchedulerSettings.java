package org.bascule.sched;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a scheduler may need besides the destination list, fixed for the life of a service:
 *
 * @param flags       {@code sh-port}, {@code mh-fallback}, ... ({@link SchedulerFlag})
 * @param address     the address of a member, which {@code mh} hashes into its permutation
 *                    as {@code ip_vs_mh_permutate} hashes {@code dest->addr:dest->port}
 * @param maglevSize  the Maglev table size for {@code mh} (a prime; {@link MaglevTable#DEFAULT_SIZE})
 * @param random      where {@code random} and {@code twos} draw from (one generator per scheduler,
 *                    used from its one thread)
 */
public record SchedulerSettings<T>(
        Set<SchedulerFlag> flags,
        Function<? super T, InetSocketAddress> address,
        int maglevSize,
        Supplier<RandomGenerator> random) {

    public SchedulerSettings {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(random, "random");
        MaglevTable.requirePrime(maglevSize);
    }

    /**
     * No flags, members that are their own address ({@link InetSocketAddress}) or else hashed
     * by their {@code toString()} on port 0, ip_vs_mh's table size, a fresh random generator.
     */
    public static <T> SchedulerSettings<T> defaults() {
        return new SchedulerSettings<>(Set.of(), SchedulerSettings::addressOf, MaglevTable.DEFAULT_SIZE,
                () -> RandomGenerator.of("L64X128MixRandom"));
    }

    public SchedulerSettings<T> withFlags(Set<SchedulerFlag> flags) {
        return new SchedulerSettings<>(flags, address, maglevSize, random);
    }

    public SchedulerSettings<T> withAddress(Function<? super T, InetSocketAddress> address) {
        return new SchedulerSettings<>(flags, address, maglevSize, random);
    }

    public SchedulerSettings<T> withMaglevSize(int size) {
        return new SchedulerSettings<>(flags, address, size, random);
    }

    public SchedulerSettings<T> withRandom(Supplier<RandomGenerator> random) {
        return new SchedulerSettings<>(flags, address, maglevSize, random);
    }

    public boolean has(SchedulerFlag flag) {
        return flags.contains(flag);
    }

    private static InetSocketAddress addressOf(Object member) {
        return member instanceof InetSocketAddress a ? a : InetSocketAddress.createUnresolved(member.toString(), 0);
    }
}
