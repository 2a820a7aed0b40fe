package org.bascule.app.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bascule.config.Diagnostic;
import org.bascule.config.keepalived.AuthType;
import org.bascule.config.keepalived.GarpSettings;
import org.bascule.config.keepalived.GlobalDefs;
import org.bascule.config.keepalived.KeepalivedConfig;
import org.bascule.config.keepalived.NotifyScript;
import org.bascule.config.keepalived.Notifiers;
import org.bascule.config.keepalived.RouteSpec;
import org.bascule.config.keepalived.TrackFile;
import org.bascule.config.keepalived.TrackedRef;
import org.bascule.config.keepalived.Tracking;
import org.bascule.config.keepalived.VirtualIpAddress;
import org.bascule.config.keepalived.VrrpInstance;
import org.bascule.config.keepalived.VrrpScript;
import org.bascule.config.keepalived.VrrpSyncGroup;
import org.bascule.vrrp.codec.AdvertAuth;
import org.bascule.vrrp.codec.VrrpVersion;
import org.bascule.vrrp.fsm.GarpPlan;
import org.bascule.vrrp.fsm.InstanceSpec;
import org.bascule.vrrp.io.FileCheck;
import org.bascule.vrrp.io.GroupConfig;
import org.bascule.vrrp.io.InstanceConfig;
import org.bascule.vrrp.io.ScriptCheck;
import org.bascule.vrrp.io.TrackRef;
import org.bascule.vrrp.io.VirtualAddress;
import org.bascule.vrrp.io.VirtualRoute;
import org.bascule.vrrp.io.VrrpSetup;
import org.bascule.vrrp.notify.NotifyScripts;
import org.bascule.vrrp.notify.SmtpSettings;

/**
 * The keepalived model ({@code vrrp_instance}, {@code vrrp_sync_group}, {@code vrrp_script},
 * {@code track_file}, {@code global_defs}) to the VRRP engine's setup. An instance that cannot
 * run as written is left out with an error note; what runs differently gets a warning.
 */
public final class VrrpMapping {

    private VrrpMapping() {
    }

    public static VrrpPlan plan(KeepalivedConfig config) {
        List<Diagnostic> notes = new ArrayList<>();
        GlobalDefs g = config.globalDefs();
        List<InstanceConfig> instances = new ArrayList<>();
        for (VrrpInstance v : config.vrrpInstances()) {
            instance(config, v, notes).ifPresent(instances::add);
        }
        List<String> running = instances.stream().map(InstanceConfig::name).toList();
        List<GroupConfig> groups = new ArrayList<>();
        for (VrrpSyncGroup sg : config.vrrpSyncGroups()) {
            List<String> members = sg.group().stream().filter(running::contains).toList();
            groups.add(new GroupConfig(sg.name(), members, tracking(config, sg.tracking(), notes), scripts(sg.notifiers()), sg.smtpAlert()));
            if (sg.notifyPriorityChanges()) {
                notes.add(Diagnostic.warning(sg.pos(), "notify_priority_changes is not reported by Bascule", sg.name(),
                        "notify scripts run on state changes only"));
            }
        }
        garpSpacing(config, notes);
        List<ScriptCheck> scripts = config.vrrpScripts().stream().map(VrrpMapping::script).toList();
        List<FileCheck> files = config.trackFiles().stream().map(f -> new FileCheck(f.name(), java.nio.file.Path.of(f.file()))).toList();
        Optional<SmtpSettings> smtp = g.smtpServer().map(s -> new SmtpSettings(s.host(), s.port(), g.smtpConnectTimeout(),
                g.notificationEmailFrom().orElse("keepalived@" + hostName()), g.notificationEmail(), g.routerId().orElse(hostName()),
                g.smtpHeloName().orElse(hostName())));
        return new VrrpPlan(new VrrpSetup(instances, groups, scripts, files, smtp), notes);
    }

    private static Optional<InstanceConfig> instance(KeepalivedConfig config, VrrpInstance v, List<Diagnostic> notes) {
        GlobalDefs g = config.globalDefs();
        if (v.interfaceName().isEmpty()) {
            notes.add(Diagnostic.error(v.pos(), "vrrp_instance without an interface", v.name(), "'interface NAME' in the block"));
            return Optional.empty();
        }
        String ifname = v.interfaceName().get();
        List<VirtualIpAddress> vips = v.virtualIpAddresses();
        boolean ipv6 = !vips.isEmpty() && vips.getFirst().address() instanceof Inet6Address;
        if (vips.stream().anyMatch(a -> (a.address() instanceof Inet6Address) != ipv6)) {
            notes.add(Diagnostic.error(v.pos(), "virtual_ipaddress mixes IPv4 and IPv6", v.name(),
                    "one family per vrrp_instance; put the other family in virtual_ipaddress_excluded"));
            return Optional.empty();
        }
        VrrpVersion version = ipv6 || v.version() == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        long advertMillis = v.advertInt().toMillis();
        if (version == VrrpVersion.V2 && advertMillis % 1000 != 0) {
            notes.add(Diagnostic.error(v.pos(), "advert_int with a fraction of a second in VRRPv2",
                    java.math.BigDecimal.valueOf(advertMillis, 3).stripTrailingZeros().toPlainString(),
                    "whole seconds, or 'version 3' for centiseconds (RFC 5798)"));
            return Optional.empty();
        }
        AdvertAuth auth = new AdvertAuth.None();
        if (v.authentication().isPresent()) {
            var a = v.authentication().get();
            if (version == VrrpVersion.V3) {
                notes.add(Diagnostic.warning(a.pos(), "authentication ignored in VRRPv3", v.name(), "no authentication (RFC 5798 §9)"));
            } else if (a.type() == AuthType.AH) {
                notes.add(Diagnostic.error(a.pos(), "auth_type not supported by Bascule", "AH", "PASS, or no authentication"));
                return Optional.empty();
            } else {
                auth = AdvertAuth.SimpleText.of(a.password());
            }
        }
        GarpSettings gs = v.garp();
        GarpPlan garp = new GarpPlan(gs.masterRepeat(), gs.masterDelay(), gs.masterRefresh(), gs.masterRefreshRepeat(),
                gs.lowerPrioDelay(), gs.lowerPrioRepeat());
        // The interface's primary address (the tie-break of RFC 5798 §6.4.3 and the advert's
        // source) is known only when the engine opens the interface: VrrpEngine sets it then
        // with InstanceSpec.withPrimaryAddress; until then the family's unspecified address.
        InetAddress primaryUntilOpened = ipv6 ? any6() : any4();
        InstanceSpec spec = new InstanceSpec(v.name(), version, v.virtualRouterId(), v.priority(), v.advertInt(), v.preempt(),
                v.preemptDelay(), primaryUntilOpened, garp);
        InetAddress group = v.mcastDstIp().orElse(ipv6 ? g.vrrpMcastGroup6() : g.vrrpMcastGroup4());
        List<InetAddress> peers = v.unicastPeers().stream().map(p -> p.address()).toList();
        List<VirtualAddress> addresses = new ArrayList<>();
        List<VirtualAddress> excluded = new ArrayList<>();
        for (VirtualIpAddress a : vips) {
            address(a, ifname, notes).ifPresent(addresses::add);
        }
        for (VirtualIpAddress a : v.virtualIpAddressesExcluded()) {
            address(a, ifname, notes).ifPresent(excluded::add);
        }
        List<VirtualRoute> routes = new ArrayList<>();
        for (RouteSpec r : v.virtualRoutes()) {
            try {
                routes.add(VirtualRoute.parse(r.words(), ifname));
            } catch (IllegalArgumentException e) {
                notes.add(Diagnostic.error(r.pos(), "virtual_routes line not understood", r.text(), e.getMessage()));
                return Optional.empty();
            }
        }
        if (!v.virtualRules().isEmpty()) {
            notes.add(Diagnostic.warning(v.virtualRules().getFirst().pos(), "virtual_rules are not applied by Bascule", v.name(),
                    "virtual_routes and virtual_ipaddress only"));
        }
        if (v.settings().containsKey("use_vmac")) {
            notes.add(Diagnostic.warning(v.pos(), "use_vmac is not supported: adverts leave from the interface's own MAC", v.name(), "no use_vmac"));
        }
        Optional<InetAddress> source = v.unicastSrcIp().or(v::mcastSrcIp);
        return Optional.of(new InstanceConfig(spec, ifname, ipv6, source, group, peers, auth, addresses, excluded, routes,
                tracking(config, v.tracking(), notes), v.dontTrackPrimary(), scripts(v.notifiers()), v.smtpAlert()));
    }

    /**
     * keepalived spaces the gratuitous ARPs / NAs of one interface by {@code vrrp_garp_interval} /
     * {@code vrrp_gna_interval} (global_defs) or a {@code garp_group}'s {@code garp_interval} /
     * {@code gna_interval}. Bascule sends each announcement's repeats back to back: said, never silent.
     */
    private static void garpSpacing(KeepalivedConfig config, List<Diagnostic> notes) {
        GlobalDefs g = config.globalDefs();
        String hint = "no spacing: an announcement's garp_master_repeat messages leave back to back";
        if (!g.vrrpGarpInterval().isZero()) {
            notes.add(Diagnostic.warning(g.pos(), "vrrp_garp_interval (global_defs) is not applied by Bascule", seconds(g.vrrpGarpInterval()), hint));
        }
        if (!g.vrrpGnaInterval().isZero()) {
            notes.add(Diagnostic.warning(g.pos(), "vrrp_gna_interval (global_defs) is not applied by Bascule", seconds(g.vrrpGnaInterval()), hint));
        }
        for (var block : config.otherBlocks()) {
            if (!block.keyword().equals("garp_group")) {
                continue;
            }
            for (var line : block.children()) {
                if (line.keyword().equals("garp_interval") || line.keyword().equals("gna_interval")) {
                    notes.add(Diagnostic.warning(line.pos(), "garp_group " + line.keyword() + " is not applied by Bascule",
                            String.join(" ", line.values()), hint));
                }
            }
        }
    }

    private static String seconds(java.time.Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static Optional<VirtualAddress> address(VirtualIpAddress a, String ifname, List<Diagnostic> notes) {
        if (a.broadcast().isPresent()) {
            notes.add(Diagnostic.warning(a.pos(), "brd is not applied by Bascule", a.cidr(), "the kernel's default broadcast"));
        }
        int scope = 0;
        if (a.scope().isPresent()) {
            try {
                scope = VirtualAddress.scopeOf(a.scope().get());
            } catch (IllegalArgumentException e) {
                notes.add(Diagnostic.error(a.pos(), "unknown scope", a.scope().get(), "global, site, link, host or nowhere"));
                return Optional.empty();
            }
        }
        return Optional.of(new VirtualAddress(a.address(), a.prefixLength(), a.device().orElse(ifname), scope, a.label()));
    }

    private static List<TrackRef> tracking(KeepalivedConfig config, Tracking t, List<Diagnostic> notes) {
        List<TrackRef> out = new ArrayList<>();
        for (TrackedRef r : t.interfaces()) {
            out.add(new TrackRef.Interface(r.name(), r.weight().orElse(0), r.reverse()));
        }
        for (TrackedRef r : t.scripts()) {
            Optional<VrrpScript> s = config.vrrpScript(r.name());
            if (s.isEmpty()) {
                notes.add(Diagnostic.error(r.pos(), "track_script names no vrrp_script", r.name(), "the name of a vrrp_script block"));
                continue;
            }
            out.add(new TrackRef.Script(r.name(), r.weight().orElse(s.get().weight()), r.reverse() || s.get().weightReverse()));
        }
        for (TrackedRef r : t.files()) {
            Optional<TrackFile> f = config.trackFiles().stream().filter(x -> x.name().equals(r.name())).findFirst();
            if (f.isEmpty()) {
                notes.add(Diagnostic.error(r.pos(), "track_file names no track_file block", r.name(), "the name of a track_file block"));
                continue;
            }
            out.add(new TrackRef.File(r.name(), r.weight().orElse(f.get().weight()), r.reverse() || f.get().weightReverse()));
        }
        for (TrackedRef r : t.processes()) {
            notes.add(Diagnostic.warning(r.pos(), "track_process is not supported by Bascule; ignored", r.name(), "track_script"));
        }
        for (TrackedRef r : t.bfds()) {
            notes.add(Diagnostic.warning(r.pos(), "track_bfd is not supported by Bascule; ignored", r.name(), "track_script"));
        }
        return out;
    }

    private static NotifyScripts scripts(Notifiers n) {
        return new NotifyScripts(n.master().map(NotifyScript::command), n.backup().map(NotifyScript::command),
                n.fault().map(NotifyScript::command), n.stop().map(NotifyScript::command), n.any().map(NotifyScript::command),
                n.masterRxLowerPri().map(NotifyScript::command));
    }

    private static ScriptCheck script(VrrpScript s) {
        return new ScriptCheck(s.name(), s.script(), s.interval(), s.timeout(), s.rise(), s.fall(), s.initFail());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static InetAddress any4() {
        try {
            return Inet4Address.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress any6() {
        try {
            return InetAddress.getByAddress(new byte[16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
