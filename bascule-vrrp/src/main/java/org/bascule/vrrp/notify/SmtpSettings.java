package org.bascule.vrrp.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code smtp_alert} mails go ({@code global_defs}: {@code smtp_server HOST [PORT]},
 * {@code smtp_connect_timeout}, {@code notification_email_from}, {@code notification_email},
 * {@code router_id} in the subject, {@code smtp_helo_name}).
 */
public record SmtpSettings(String host, int port, Duration connectTimeout, String from, List<String> to, String routerId, String heloName) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(heloName, "heloName");
    }
}
