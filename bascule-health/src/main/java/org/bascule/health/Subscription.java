package org.bascule.health;

/** A listener's registration; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
