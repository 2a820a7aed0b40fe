package org.bascule.vrrp.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.bascule.vrrp.fsm.VrrpRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** smtp_alert through a real SMTP server (GreenMail on loopback). */
class SmtpAlerterTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void oneMailPerChangeWithKeepalivedsSubject() throws Exception {
        SmtpSettings s = new SmtpSettings("127.0.0.1", ServerSetupTest.SMTP.getPort(), Duration.ofSeconds(5),
                "keepalived@lb1.example", List.of("ops@example.org", "oncall@example.org"), "LVS_MAIN", "lb1");
        assertThat(new SmtpAlerter(s).send(new NotifyEvent(false, "VI_1", VrrpRole.MASTER, 150))).isTrue();
        MAIL.waitForIncomingEmail(5_000, 2);
        MimeMessage[] got = MAIL.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[0].getSubject()).isEqualTo("[LVS_MAIN] VRRP Instance VI_1 - Entering MASTER state");
        assertThat(got[0].getFrom()[0].toString()).isEqualTo("keepalived@lb1.example");
        assertThat(GreenMailUtil.getBody(got[0])).contains("=> VRRP Instance is now owning VRRP VIPs <=");
    }

    @Test
    void anUnreachableServerIsReportedNotThrown() {
        SmtpSettings s = new SmtpSettings("127.0.0.1", 1, Duration.ofSeconds(2), "a@b.c", List.of("d@e.f"), "r", "h");
        assertThat(new SmtpAlerter(s).send(new NotifyEvent(true, "G", VrrpRole.FAULT, 0))).isFalse();
        assertThat(SmtpAlerter.subject("r", new NotifyEvent(true, "G", VrrpRole.FAULT, 0))).isEqualTo("[r] VRRP Group G - Entering FAULT state");
    }
}
