package org.bascule.vrrp.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code smtp_alert}: one mail per state change, with keepalived's subject and body
 * (vrrp_notify / smtp.c: "[router_id] VRRP Instance NAME - Entering STATE state"). Sending
 * blocks on the network: call it from a virtual thread.
 */
public final class SmtpAlerter {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpAlerter.class);

    private final SmtpSettings settings;
    private final Session session;

    public SmtpAlerter(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.localhost", settings.heloName());
        this.session = Session.getInstance(p);
    }

    /** The subject keepalived writes. */
    public static String subject(String routerId, NotifyEvent e) {
        return "[" + routerId + "] VRRP " + (e.group() ? "Group" : "Instance") + " " + e.name() + " - Entering " + e.role().name() + " state";
    }

    /** The body keepalived writes. */
    public static String body(NotifyEvent e) {
        return switch (e.role()) {
            case MASTER -> "=> VRRP " + (e.group() ? "Group" : "Instance") + " is now owning VRRP VIPs <=";
            case BACKUP -> "=> VRRP " + (e.group() ? "Group" : "Instance") + " is nolonger owning VRRP VIPs <=";
            case FAULT -> "=> VRRP " + (e.group() ? "Group" : "Instance") + " is in FAULT state <=";
            case STOP, INIT -> "=> VRRP " + (e.group() ? "Group" : "Instance") + " is stopped <=";
        };
    }

    /** Sends the mail for {@code e}; a failure is logged with the server, never thrown. */
    public boolean send(NotifyEvent e) {
        if (settings.to().isEmpty()) {
            return false;
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            m.setSubject(subject(settings.routerId(), e));
            m.setSentDate(new Date());
            m.setText(body(e) + "\r\n");
            Transport.send(m);
            return true;
        } catch (MessagingException ex) {
            LOG.warn("smtp_alert for {} {}: cannot send through {}:{}: {}", e.name(), e.role(), settings.host(), settings.port(), ex.getMessage());
            return false;
        }
    }
}
