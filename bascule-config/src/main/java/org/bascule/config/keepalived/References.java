package org.bascule.config.keepalived;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bascule.config.SourcePos;
import org.bascule.config.Suggestions;

/**
 * Cross-references that can only be checked once the whole configuration is read: names used by
 * track_* blocks, sync groups and checkers must be defined (keepalived drops such references
 * with a log line, "track script %s not found, ignoring"; a silently dropped health input is
 * exactly what STYLE.md rule 7 forbids, so Bascule refuses them), a vrrp_instance belongs to at
 * most one sync group, and a VRID is used once per interface and family.
 */
final class References {

    private References() {
    }

    static void check(ParseContext ctx, KeepalivedBuilder k, List<VrrpInstance> instances, List<VirtualServer> servers) {
        Set<String> processes = k.rawNames.getOrDefault("vrrp_track_process", Map.of()).keySet();
        Set<String> bfds = k.rawNames.getOrDefault("bfd_instance", Map.of()).keySet();
        for (VrrpInstanceSection.Builder instance : k.vrrpInstances) {
            tracking(ctx, instance.tracking.build(), k, processes, bfds);
        }
        Map<String, String> memberOf = new HashMap<>();
        for (VrrpSyncGroupSection.Builder group : k.syncGroups) {
            tracking(ctx, group.tracking.build(), k, processes, bfds);
            if (group.members.size() == 1) {
                // vrrp_sync.c: "Sync group %s has only 1 virtual router(s) - this probably isn't what you want".
                ctx.diagnostics().warning(group.pos, "vrrp_sync_group with a single member", group.name,
                        "at least two vrrp_instances; a group of one synchronises nothing");
            }
            for (Token member : group.members) {
                if (!k.instanceNames.containsKey(member.text())) {
                    undefined(ctx, member.pos(), "vrrp_instance", member.text(), k.instanceNames.keySet(), " in vrrp_sync_group " + group.name);
                } else if (memberOf.containsKey(member.text())) {
                    // vrrp_sync.c: an instance may only be in one sync group.
                    ctx.error(member, "vrrp_instance already in vrrp_sync_group " + memberOf.get(member.text()) + ", listed again",
                            "each vrrp_instance in at most one vrrp_sync_group");
                } else {
                    memberOf.put(member.text(), group.name);
                }
            }
        }
        for (VirtualServer vs : servers) {
            for (RealServer rs : vs.realServers()) {
                for (Checker checker : rs.checkers()) {
                    switch (checker) {
                        case FileCheck f when !k.trackFileNames.containsKey(f.trackFile()) ->
                                undefined(ctx, f.pos(), "track_file", f.trackFile(), k.trackFileNames.keySet(), " in FILE_CHECK");
                        case BfdCheck b when !bfds.contains(b.name()) ->
                                undefined(ctx, b.pos(), "bfd_instance", b.name(), bfds, " in BFD_CHECK");
                        default -> {
                        }
                    }
                }
            }
        }
        duplicateVrids(ctx, instances);
    }

    private static void tracking(ParseContext ctx, Tracking tracking, KeepalivedBuilder k, Set<String> processes, Set<String> bfds) {
        tracking.scripts().forEach(t -> {
            if (!k.scriptNames.containsKey(t.name())) {
                undefined(ctx, t.pos(), "vrrp_script", t.name(), k.scriptNames.keySet(), " in track_script");
            }
        });
        tracking.files().forEach(t -> {
            if (!k.trackFileNames.containsKey(t.name())) {
                undefined(ctx, t.pos(), "track_file", t.name(), k.trackFileNames.keySet(), " in track_file");
            }
        });
        tracking.processes().forEach(t -> {
            if (!processes.contains(t.name())) {
                undefined(ctx, t.pos(), "vrrp_track_process", t.name(), processes, " in track_process");
            }
        });
        tracking.bfds().forEach(t -> {
            if (!bfds.contains(t.name())) {
                undefined(ctx, t.pos(), "bfd_instance", t.name(), bfds, " in track_bfd");
            }
        });
    }

    /** {@code undefined vrrp_script 'chk' (expected: one of a, b; did you mean 'a'?)}. */
    static void undefined(ParseContext ctx, SourcePos pos, String kind, String name, Set<String> defined, String where) {
        String expected;
        if (defined.isEmpty()) {
            expected = "a " + kind + " block of that name" + where;
        } else {
            expected = "one of " + String.join(", ", defined.stream().limit(8).toList()) + (defined.size() > 8 ? ", …" : "")
                    + Suggestions.closest(name, defined).map(x -> "; did you mean '" + x + "'?").orElse("");
        }
        ctx.diagnostics().error(pos, "undefined " + kind, name, expected);
    }

    /** keepalived refuses two instances with the same VRID on one interface and family (multicast). */
    private static void duplicateVrids(ParseContext ctx, List<VrrpInstance> instances) {
        Map<String, VrrpInstance> seen = new HashMap<>();
        for (VrrpInstance instance : instances) {
            if (instance.interfaceName().isEmpty() || !instance.unicastPeers().isEmpty()) {
                continue;
            }
            boolean v4 = instance.virtualIpAddresses().isEmpty() || instance.virtualIpAddresses().getFirst().address() instanceof Inet4Address;
            String key = instance.interfaceName().get() + "/" + instance.virtualRouterId() + "/" + (v4 ? 4 : 6);
            VrrpInstance other = seen.putIfAbsent(key, instance);
            if (other != null) {
                ctx.diagnostics().error(instance.pos(), "virtual_router_id " + instance.virtualRouterId() + " already used on "
                        + instance.interfaceName().get() + " by vrrp_instance " + other.name() + ", in", instance.name(),
                        "a virtual_router_id unique per interface and address family");
            }
        }
    }
}
