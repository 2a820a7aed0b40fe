package org.bascule.config.keepalived;

import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * {@code UDP_CHECK}: send a datagram, fail on an ICMP error (keepalived.conf(5)).
 *
 * @param payload        {@code payload HEX}: random data when absent
 * @param requireReply   {@code require_reply} given
 * @param replyPattern   the HEX of {@code require_reply HEX} (X/x: any nibble)
 * @param minReplyLength {@code min_reply_length}, default 0
 * @param maxReplyLength {@code max_reply_length}, default 255
 */
public record UdpCheck(
        SourcePos pos,
        CheckConnection connection,
        CheckSchedule schedule,
        Optional<String> payload,
        boolean requireReply,
        Optional<String> replyPattern,
        int minReplyLength,
        int maxReplyLength) implements Checker {

    public UdpCheck {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(replyPattern, "replyPattern");
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.UDP_CHECK;
    }
}
