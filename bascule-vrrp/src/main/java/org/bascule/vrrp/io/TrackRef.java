package org.bascule.vrrp.io;

/** One tracked object of an instance or group, with the weight in force for it. */
public sealed interface TrackRef {

    String name();

    int weight();

    boolean reverse();

    /** {@code track_script}: a {@code vrrp_script} by name. */
    record Script(String name, int weight, boolean reverse) implements TrackRef {
    }

    /** {@code track_interface}: a link by name. */
    record Interface(String name, int weight, boolean reverse) implements TrackRef {
    }

    /** {@code track_file}: a {@code track_file} block by name. */
    record File(String name, int weight, boolean reverse) implements TrackRef {
    }
}
