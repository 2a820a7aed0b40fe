package org.bascule.config.keepalived;

import org.bascule.config.SourcePos;

/**
 * A health checker block inside a real_server (keepalived.conf(5)). Every default is resolved:
 * timing inherited checker ← real_server ← virtual_server, then the checker kind's own default
 * (check_api.c queue_checker, ipwrapper.c).
 */
public sealed interface Checker
        permits TcpCheck, HttpGetCheck, MiscCheck, PingCheck, DnsCheck, SmtpCheck, UdpCheck, FileCheck, BfdCheck {

    /** Where the checker keyword is. */
    SourcePos pos();

    /** Which checker this is. */
    CheckerKind kind();
}
