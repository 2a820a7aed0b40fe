package org.bascule.config.keepalived;

import java.util.List;

/**
 * Every keyword table of keepalived.conf, so that a keyword written in the wrong block can be
 * answered with the block(s) where it belongs ("'lb_algo' is not valid in vrrp_instance (it
 * belongs in virtual_server)").
 */
final class KeywordIndex {

    /** The section name of the file's outermost level. */
    static final String TOP_LEVEL = "top level";

    private KeywordIndex() {
    }

    /** Built on first use, after every section class has its table. */
    private static final class Holder {
        static final List<KeywordTable<?>> TABLES = List.of(
                TopLevelSection.TABLE,
                GlobalDefsSection.TABLE,
                VrrpScriptSection.TABLE,
                TrackFileSection.TABLE,
                VrrpSyncGroupSection.TABLE,
                VrrpInstanceSection.TABLE,
                VrrpInstanceSection.AUTHENTICATION,
                VirtualServerSection.TABLE,
                RealServerSection.TABLE,
                CheckerSections.TCP_CHECK,
                CheckerSections.HTTP_GET,
                CheckerSections.SSL_GET,
                CheckerSections.URL,
                CheckerSections.MISC_CHECK,
                CheckerSections.SMTP_CHECK,
                CheckerSections.SMTP_HOST,
                CheckerSections.DNS_CHECK,
                CheckerSections.PING_CHECK,
                CheckerSections.UDP_CHECK,
                CheckerSections.FILE_CHECK,
                CheckerSections.BFD_CHECK,
                SslSection.TABLE,
                RawSections.VRRP_TRACK_PROCESS,
                RawSections.BFD_INSTANCE,
                RawSections.GARP_GROUP,
                RawSections.TRACK_GROUP);
    }

    /** All tables, for documentation and tests. */
    static List<KeywordTable<?>> tables() {
        return Holder.TABLES;
    }

    /** The sections in which {@code keyword} is valid, in table order. */
    static List<String> sectionsOf(String keyword) {
        return Holder.TABLES.stream().filter(t -> t.contains(keyword)).map(KeywordTable::section).distinct().toList();
    }
}
