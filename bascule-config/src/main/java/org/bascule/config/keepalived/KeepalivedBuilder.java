package org.bascule.config.keepalived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bascule.config.SourcePos;

/** Everything read from the top level, until the whole file is known and the model can be built. */
final class KeepalivedBuilder {

    final SourcePos pos;
    final GlobalDefsSection.Builder global;
    boolean globalSeen;
    final List<VrrpScriptSection.Builder> vrrpScripts = new ArrayList<>();
    final List<TrackFileSection.Builder> trackFiles = new ArrayList<>();
    final List<VrrpSyncGroupSection.Builder> syncGroups = new ArrayList<>();
    final List<VrrpInstanceSection.Builder> vrrpInstances = new ArrayList<>();
    final List<VirtualServerGroupSection.Builder> groups = new ArrayList<>();
    final List<VirtualServerSection.Builder> virtualServers = new ArrayList<>();
    Optional<SslContext> ssl = Optional.empty();
    final List<RawBlock> others = new ArrayList<>();
    // Names declared so far, for duplicates and references: name -> where.
    final Map<String, SourcePos> scriptNames = new LinkedHashMap<>();
    final Map<String, SourcePos> trackFileNames = new LinkedHashMap<>();
    final Map<String, SourcePos> syncGroupNames = new LinkedHashMap<>();
    final Map<String, SourcePos> instanceNames = new LinkedHashMap<>();
    final Map<String, SourcePos> groupNames = new LinkedHashMap<>();
    final Map<String, Map<String, SourcePos>> rawNames = new HashMap<>();

    KeepalivedBuilder(SourcePos pos) {
        this.pos = pos;
        this.global = new GlobalDefsSection.Builder(pos);
    }

    /**
     * Records the name of a named block; a second block of the same kind and name is an error,
     * as in keepalived ("vrrp instance %s already defined").
     */
    boolean declare(ParseContext ctx, Stanza s, Map<String, SourcePos> names) {
        String name = s.arg(0).text();
        SourcePos first = names.get(name);
        if (first != null) {
            ctx.error(s.arg(0), "duplicate " + s.name(), "a name not already used at " + first);
            return false;
        }
        names.put(name, s.pos());
        return true;
    }

    /** The model, with keepalived's end-of-configuration defaults and cross-reference checks. */
    KeepalivedConfig build(ParseContext ctx, List<Path> files) {
        GlobalDefs globalDefs = global.build();
        List<VrrpScript> scripts = vrrpScripts.stream().flatMap(b -> b.build(ctx).stream()).toList();
        List<TrackFile> files0 = trackFiles.stream().flatMap(b -> b.build(ctx).stream()).toList();
        List<VrrpInstance> instances = vrrpInstances.stream().flatMap(b -> b.build(ctx, globalDefs).stream()).toList();
        List<VrrpSyncGroup> sync = syncGroups.stream().flatMap(b -> b.build(ctx, globalDefs).stream()).toList();
        List<VirtualServerGroup> vsgs = groups.stream().flatMap(b -> b.build(ctx).stream()).toList();
        Map<String, VirtualServerGroup> byName = new LinkedHashMap<>();
        vsgs.forEach(g -> byName.put(g.name(), g));
        List<VirtualServer> servers = virtualServers.stream()
                .flatMap(b -> VirtualServerResolver.resolve(ctx, b, globalDefs, byName).stream()).toList();
        References.check(ctx, this, instances, servers);
        return new KeepalivedConfig(pos, globalDefs, scripts, files0, sync, instances, vsgs, servers, ssl, others, files);
    }
}
