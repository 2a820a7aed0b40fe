package org.bascule.l7.spec;

import java.util.List;

/**
 * {@code monitor-uri <uri>} plus {@code monitor fail if|unless <cond>} lines: a request for the
 * URI is answered by the balancer itself, 200 when no fail condition holds, else 503 (R-L7-3,
 * e.g. {@code monitor fail if { nbsrv(web) lt 1 }}).
 */
public record MonitorSpec(String uri, List<Condition> failWhen) {
    public MonitorSpec {
        Require.that(uri != null && uri.startsWith("/"), "monitor-uri", uri, "a path starting with '/'");
        failWhen = List.copyOf(failWhen);
    }
}
