package org.bascule.config.keepalived;

import java.util.List;
import java.util.Map;

/** A block builder that keeps recognised-but-unused keywords verbatim, name to values. */
interface SettingsHolder {

    /** The kept keywords; the last occurrence of a keyword wins, as in keepalived. */
    Map<String, List<String>> settings();
}
