package org.bascule.l7;

/**
 * The HTML page of {@code stats uri}: one table per frontend and backend with HAProxy's main
 * columns (sessions, bytes, errors, status, weight, check), from the same counters as
 * {@code show stat}. Refresh the page to update it.
 */
final class StatsPage {

    private StatsPage() {}

    static String render(L7Proxy proxy) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Statistics Report for Bascule</title>\n")
                .append("<style>body{font-family:sans-serif;font-size:13px}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #999;padding:2px 6px;text-align:right}th{background:#ddd}")
                .append(".UP,.no{background:#c0ffc0}.DOWN{background:#ff9090}.MAINT{background:#c0c0ff}.DRAIN{background:#ffd080}")
                .append("td.n{text-align:left}</style></head><body>\n<h1>Bascule statistics</h1>\n");
        long uptime = (System.currentTimeMillis() - proxy.startedMillis()) / 1000;
        h.append("<p>uptime ").append(uptime).append(" s</p>\n");
        for (FrontendRuntime f : proxy.frontendRuntimes()) {
            h.append("<h2>frontend ").append(esc(f.spec.name())).append("</h2>\n<table><tr><th>cur conns</th><th>max</th>")
                    .append("<th>limit</th><th>total conns</th><th>requests</th><th>denied</th><th>errors</th><th>bytes in</th>")
                    .append("<th>bytes out</th></tr>\n<tr><td>").append(f.connections.get()).append("</td><td>")
                    .append(f.maxConnections).append("</td><td>").append(f.spec.maxconn()).append("</td><td>")
                    .append(f.totalConnections.sum()).append("</td><td>").append(f.requests.sum()).append("</td><td>")
                    .append(f.denied.sum()).append("</td><td>").append(f.badRequests.sum() + f.badProxyHeaders.sum())
                    .append("</td><td>").append(f.bytesIn.sum()).append("</td><td>").append(f.bytesOut.sum())
                    .append("</td></tr></table>\n");
        }
        for (LiveBackend b : proxy.backends()) {
            h.append("<h2>backend ").append(esc(b.name())).append(" (").append(esc(b.spec().balance().label()))
                    .append(")</h2>\n<table><tr><th>server</th><th>address</th><th>status</th><th>weight</th><th>act/bck</th>")
                    .append("<th>cur</th><th>max</th><th>total</th><th>conn err</th><th>resp err</th><th>retries</th>")
                    .append("<th>redisp</th><th>last check</th></tr>\n");
            for (LiveServer s : b.servers()) {
                String st = StatsCsv.serverStatus(s);
                h.append("<tr class=\"").append(st.split(" ")[0]).append("\"><td class=n>").append(esc(s.name())).append("</td><td>")
                        .append(esc(s.spec().address().toString())).append("</td><td>").append(st).append("</td><td>")
                        .append(s.weight()).append("</td><td>").append(s.spec().backup() ? "Y" : "-").append("</td><td>")
                        .append(s.activeRequests()).append("</td><td>").append(s.maxActive).append("</td><td>")
                        .append(s.totalRequests()).append("</td><td>").append(s.connectErrors.sum()).append("</td><td>")
                        .append(s.responseErrors.sum()).append("</td><td>").append(s.retries.sum()).append("</td><td>")
                        .append(s.redispatches.sum()).append("</td><td class=n>")
                        .append(s.spec().check() ? esc(s.lastCheck().toString()) : "no check").append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
