package org.bascule.vrrp.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bascule.vrrp.notify.SmtpSettings;

/** Everything the VRRP engine runs: instances, sync groups, scripts, files, mail. */
public record VrrpSetup(List<InstanceConfig> instances, List<GroupConfig> groups, List<ScriptCheck> scripts, List<FileCheck> files,
        Optional<SmtpSettings> smtp) {

    public VrrpSetup {
        instances = List.copyOf(instances);
        groups = List.copyOf(groups);
        scripts = List.copyOf(scripts);
        files = List.copyOf(files);
        Objects.requireNonNull(smtp, "smtp");
    }
}
