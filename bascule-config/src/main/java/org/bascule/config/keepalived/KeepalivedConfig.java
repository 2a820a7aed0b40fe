package org.bascule.config.keepalived;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.config.SourcePos;

/**
 * A whole keepalived.conf (with its includes), the root of the model. Only what was valid is
 * here: a block with errors is left out, a keyword with a bad value keeps its default.
 *
 * @param pos                 the first character of the main file
 * @param globalDefs          {@code global_defs} (defaults when the block is absent)
 * @param vrrpScripts         {@code vrrp_script} blocks
 * @param trackFiles          {@code track_file} (alias {@code vrrp_track_file}) blocks
 * @param vrrpSyncGroups      {@code vrrp_sync_group} blocks
 * @param vrrpInstances       {@code vrrp_instance} blocks
 * @param virtualServerGroups {@code virtual_server_group} blocks
 * @param virtualServers      {@code virtual_server} blocks
 * @param ssl                 the {@code SSL} block used by SSL_GET checkers
 * @param otherBlocks         recognised blocks Bascule keeps verbatim ({@code static_ipaddress},
 *                            {@code bfd_instance}, {@code vrrp_track_process}, {@code garp_group} …)
 * @param files               every file read, the main one first, then includes in reading order
 */
public record KeepalivedConfig(
        SourcePos pos,
        GlobalDefs globalDefs,
        List<VrrpScript> vrrpScripts,
        List<TrackFile> trackFiles,
        List<VrrpSyncGroup> vrrpSyncGroups,
        List<VrrpInstance> vrrpInstances,
        List<VirtualServerGroup> virtualServerGroups,
        List<VirtualServer> virtualServers,
        Optional<SslContext> ssl,
        List<RawBlock> otherBlocks,
        List<Path> files) {

    public KeepalivedConfig {
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(globalDefs, "globalDefs");
        vrrpScripts = List.copyOf(vrrpScripts);
        trackFiles = List.copyOf(trackFiles);
        vrrpSyncGroups = List.copyOf(vrrpSyncGroups);
        vrrpInstances = List.copyOf(vrrpInstances);
        virtualServerGroups = List.copyOf(virtualServerGroups);
        virtualServers = List.copyOf(virtualServers);
        Objects.requireNonNull(ssl, "ssl");
        otherBlocks = List.copyOf(otherBlocks);
        files = List.copyOf(files);
    }

    /** The {@code vrrp_instance} called {@code name}. */
    public Optional<VrrpInstance> vrrpInstance(String name) {
        return vrrpInstances.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The {@code vrrp_script} called {@code name}. */
    public Optional<VrrpScript> vrrpScript(String name) {
        return vrrpScripts.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The {@code virtual_server_group} called {@code name}. */
    public Optional<VirtualServerGroup> virtualServerGroup(String name) {
        return virtualServerGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
