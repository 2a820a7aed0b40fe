package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bascule.config.SourcePos;

/** The {@code vrrp_sync_group NAME { … }} block (keepalived.conf(5), "VRRP synchronization group(s)"). */
final class VrrpSyncGroupSection {

    private VrrpSyncGroupSection() {
    }

    static final class Builder {
        final SourcePos pos;
        final String name;
        final List<Token> members = new ArrayList<>();
        boolean groupSeen;
        final TrackingBuilder tracking = new TrackingBuilder();
        final NotifyBuilder notify = new NotifyBuilder();
        Optional<Boolean> smtpAlert = Optional.empty();
        boolean trackingWeight;
        boolean notifyPriorityChanges;

        Builder(SourcePos pos, String name) {
            this.pos = pos;
            this.name = name;
        }

        /** Empty (reported) without members, as keepalived removes it. */
        Optional<VrrpSyncGroup> build(ParseContext ctx, GlobalDefs global) {
            if (members.isEmpty()) {
                ctx.diagnostics().error(pos, "no member in vrrp_sync_group", name, "a 'group { INSTANCE … }' block naming vrrp_instances");
                return Optional.empty();
            }
            // Same resolution as a vrrp_instance's smtp_alert (vrrp_data.c).
            boolean alert = smtpAlert.or(global::smtpAlertVrrp).or(global::smtpAlert).orElse(false);
            return Optional.of(new VrrpSyncGroup(pos, name, members.stream().map(Token::text).toList(), tracking.build(), notify.build(),
                    alert, trackingWeight, notifyPriorityChanges));
        }
    }

    static final KeywordTable<Builder> TABLE = new KeywordTable<>("vrrp_sync_group", Stream.of(
            List.of(
                    Keyword.<Builder>block("group", 0, 0, "group { VRRP_INSTANCE … }", "the member instances", VrrpSyncGroupSection::group),
                    Keyword.<Builder>bool("smtp_alert", "send SMTP alerts on transitions",
                            (ctx, b, s) -> b.smtpAlert = Values.flag(ctx, s).or(() -> b.smtpAlert)),
                    Keyword.<Builder>flag("global_tracking", "deprecated: same as sync_group_tracking_weight", (ctx, b, s) -> {
                        ctx.warning(s.keyword(), "deprecated keyword", "track_interface/track_script/track_file on the sync group"
                                + " (keepalived.conf(5)); taken as sync_group_tracking_weight");
                        b.trackingWeight = true;
                    }),
                    Keyword.<Builder>flag("sync_group_tracking_weight", "allow members to use differing tracking weights",
                            (ctx, b, s) -> b.trackingWeight = true),
                    Keyword.<Builder>bool("notify_priority_changes", "send priority changes to notify FIFOs",
                            (ctx, b, s) -> Values.flag(ctx, s).ifPresent(v -> b.notifyPriorityChanges = v))),
            TrackingBuilder.<Builder>keywords(b -> b.tracking),
            NotifyBuilder.<Builder>keywords(b -> b.notify, false)).flatMap(List::stream).toList());

    private static void group(ParseContext ctx, Builder b, Stanza s) {
        if (b.groupSeen) {
            ctx.error(s.keyword(), "duplicate", "one group block per vrrp_sync_group");
            return;
        }
        b.groupSeen = true;
        for (Stanza line : s.children()) {
            if (line.hasBlock()) {
                ctx.error(line.keyword(), "unexpected block in group after", "one vrrp_instance name per line");
                continue;
            }
            b.members.add(line.keyword());
            b.members.addAll(line.args());
        }
        if (b.members.isEmpty()) {
            ctx.warning(s.keyword(), "empty", "group { VRRP_INSTANCE … } naming at least one vrrp_instance");
        }
    }
}
