package org.bascule.l7;

import org.bascule.health.CheckStatus;

/**
 * HAProxy's runtime API (the management guide's "Unix Socket commands"), the subset Bascule
 * serves: {@code show stat}, {@code show servers state}, {@code set server B/S state
 * ready|drain|maint}, {@code set server B/S weight N}, {@code disable server B/S},
 * {@code enable server B/S}, {@code help}. Several commands on one line are separated by
 * {@code ;}. Answers and error texts are HAProxy 2.6's, so scripts written for it work.
 */
final class RuntimeApi {

    private final L7Proxy proxy;

    RuntimeApi(L7Proxy proxy) {
        this.proxy = proxy;
    }

    /** Executes one line; the answer ends with an empty line as HAProxy's does. */
    String execute(String line) {
        StringBuilder out = new StringBuilder();
        for (String cmd : line.split(";")) {
            String c = cmd.trim();
            if (!c.isEmpty()) {
                out.append(one(c));
            }
        }
        return out.toString();
    }

    private String one(String cmd) {
        String[] w = cmd.split("\\s+");
        try {
            if (w.length == 2 && w[0].equals("show") && w[1].equals("stat")) {
                return StatsCsv.render(proxy) + "\n";
            }
            if (w.length >= 3 && w[0].equals("show") && w[1].equals("servers") && w[2].equals("state")) {
                return serversState(w.length > 3 ? w[3] : null) + "\n";
            }
            if (w.length == 5 && w[0].equals("set") && w[1].equals("server") && w[3].equals("state")) {
                String[] bs = serverName(w[2]);
                AdminState st = switch (w[4]) {
                    case "ready" -> AdminState.READY;
                    case "drain" -> AdminState.DRAIN;
                    case "maint" -> AdminState.MAINT;
                    default -> null;
                };
                if (st == null) {
                    return "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n";
                }
                proxy.setServerState(bs[0], bs[1], st);
                return "\n";
            }
            if (w.length == 5 && w[0].equals("set") && w[1].equals("server") && w[3].equals("weight")) {
                String[] bs = serverName(w[2]);
                int weight;
                try {
                    String v = w[4].endsWith("%") ? w[4].substring(0, w[4].length() - 1) : w[4];
                    weight = Integer.parseInt(v);
                    if (w[4].endsWith("%")) {
                        weight = proxy.server(bs[0], bs[1]).spec().weight() * weight / 100;
                    }
                } catch (NumberFormatException e) {
                    return "Require <weight> or <weight%>.\n\n";
                }
                if (weight < 0 || weight > 256) {
                    return "Absolute weight can only be between 0 and 256 inclusive.\n\n";
                }
                proxy.setServerWeight(bs[0], bs[1], weight);
                return "\n";
            }
            if (w.length == 3 && (w[0].equals("disable") || w[0].equals("enable")) && w[1].equals("server")) {
                String[] bs = serverName(w[2]);
                proxy.setServerState(bs[0], bs[1], w[0].equals("disable") ? AdminState.MAINT : AdminState.READY);
                return "\n";
            }
            if (w[0].equals("help")) {
                return help() + "\n";
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage().startsWith("No such backend") ? "No such backend.\n\n" : "No such server.\n\n";
        }
        return "Unknown command: '" + cmd + "'\n" + help() + "\n";
    }

    private static String[] serverName(String arg) {
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
            throw new IllegalArgumentException("No such server: " + arg);
        }
        return new String[] {arg.substring(0, slash), arg.substring(slash + 1)};
    }

    private static String help() {
        return """
                The following commands are valid at this level:
                  show stat                               : report counters for each proxy and server
                  show servers state [<backend>]          : dump volatile server information (all or for a single backend)
                  set server <bk>/<srv> state <st>        : set the server's admin state (ready|drain|maint)
                  set server <bk>/<srv> weight <w>[%]     : change a server's weight
                  disable server <bk>/<srv>               : disable a server for maintenance (use 'set server' instead)
                  enable server <bk>/<srv>                : enable a disabled server (use 'set server' instead)
                """;
    }

    /** {@code show servers state}: version 1 of HAProxy's state file format. */
    private String serversState(String only) {
        StringBuilder sb = new StringBuilder("1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight "
                + "srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state "
                + "srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port "
                + "srv_check_addr srv_agent_addr srv_agent_port\n");
        int beId = proxy.frontendRuntimes().size();
        long now = System.currentTimeMillis();
        for (LiveBackend b : proxy.backends()) {
            beId++;
            if (only != null && !only.equals(b.name())) {
                continue;
            }
            for (LiveServer s : b.servers()) {
                // srv_op_state: 0 stopped, 2 running; srv_admin_state: 0x01 forced maint, 0x08 forced drain.
                int op = s.healthy() ? 2 : 0;
                int admin = switch (s.admin()) {
                    case READY -> 0;
                    case DRAIN -> 0x08;
                    case MAINT -> 0x01;
                };
                boolean checked = s.spec().check();
                CheckStatus cs = s.lastCheck().status();
                int result = !checked || cs == CheckStatus.INI ? 0 : cs.passed() ? 3 : 2;
                int health = checked ? (s.healthy() ? s.spec().rise() + s.spec().fall() - 1 : 0) : s.spec().rise();
                sb.append(beId).append(' ').append(b.name()).append(' ').append(s.id()).append(' ').append(s.name()).append(' ')
                        .append(AddressText.of(s.spec().address().getAddress())).append(' ').append(op).append(' ').append(admin)
                        .append(' ').append(s.weight()).append(' ').append(s.spec().weight()).append(' ')
                        .append((now - s.lastChangeMillis()) / 1000).append(' ')
                        .append(checked ? StatsCsv.checkStatusNumber(cs) : 1).append(' ').append(result).append(' ').append(health)
                        .append(' ').append(checked ? 6 : 0).append(" 0 0 0 - ").append(s.spec().address().getPort())
                        .append(" - ").append(s.spec().tls().isPresent() ? 1 : 0).append(' ')
                        .append(s.spec().checkPort().orElse(0)).append(" - - 0\n");
            }
        }
        return sb.toString();
    }
}
