package org.bascule.l7;

import java.util.HashMap;
import java.util.Map;
import org.bascule.health.CheckStatus;
import org.bascule.l7.spec.ProxyMode;

/**
 * {@code show stat}: HAProxy 2.6's CSV, header line and column order as {@code haproxy 2.6.12}
 * prints them (read from a real instance), one line per frontend, server and backend. Columns
 * Bascule has no counter for (compression, cache, h2/h1 mux details, timings) are left empty,
 * which HAProxy also does for columns that do not apply.
 */
final class StatsCsv {

    static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,"
            + "status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,"
            + "rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,"
            + "req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,"
            + "ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,"
            + "agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,"
            + "connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,"
            + "safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,"
            + "ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,"
            + "h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,"
            + "h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,"
            + "h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,"
            + "h1_spliced_bytes_out,";

    private static final String[] COLUMNS = HEADER.substring(2, HEADER.length() - 1).split(",", -1);

    private StatsCsv() {}

    static String render(L7Proxy proxy) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        long now = System.currentTimeMillis();
        int iid = 1;
        for (FrontendRuntime f : proxy.frontendRuntimes()) {
            Map<String, String> r = new HashMap<>();
            r.put("pxname", f.spec.name());
            r.put("svname", "FRONTEND");
            r.put("scur", Integer.toString(f.connections.get()));
            r.put("smax", Integer.toString(f.maxConnections));
            r.put("slim", Integer.toString(f.spec.maxconn()));
            r.put("stot", Long.toString(f.totalConnections.sum()));
            r.put("bin", Long.toString(f.bytesIn.sum()));
            r.put("bout", Long.toString(f.bytesOut.sum()));
            r.put("dreq", Long.toString(f.denied.sum()));
            r.put("dresp", "0");
            r.put("ereq", Long.toString(f.badRequests.sum() + f.badProxyHeaders.sum()));
            r.put("status", "OPEN");
            r.put("pid", "1");
            r.put("iid", Integer.toString(iid++));
            r.put("sid", "0");
            r.put("type", "0");
            r.put("mode", mode(f.spec.mode()));
            r.put("req_tot", Long.toString(f.requests.sum()));
            r.put("conn_tot", Long.toString(f.totalConnections.sum()));
            // sessions are connections here (no tcp-request rules): rate == conn_rate; no 'rate-limit sessions': 0
            r.put("rate", Integer.toString(f.totalConnections.rate()));
            r.put("rate_lim", "0");
            r.put("rate_max", Integer.toString(f.totalConnections.maxRate()));
            r.put("conn_rate", Integer.toString(f.totalConnections.rate()));
            r.put("conn_rate_max", Integer.toString(f.totalConnections.maxRate()));
            if (f.spec.mode() == ProxyMode.HTTP) {
                r.put("req_rate", Integer.toString(f.requests.rate()));
                r.put("req_rate_max", Integer.toString(f.requests.maxRate()));
            }
            statusColumns(r, f.statusClasses);
            out.append(row(r));
        }
        for (LiveBackend b : proxy.backends()) {
            int bid = iid++;
            int act = 0;
            int bck = 0;
            long scur = 0;
            long stot = 0;
            long bin = 0;
            long bout = 0;
            long econ = 0;
            long eresp = 0;
            long wretr = 0;
            long wredis = 0;
            long cliAbrt = b.queuedClientAborts.sum();
            long srvAbrt = 0;
            long connects = 0;
            long reuses = 0;
            int weight = 0;
            LongSum[] classes = {new LongSum(), new LongSum(), new LongSum(), new LongSum(), new LongSum(), new LongSum()};
            for (LiveServer s : b.servers()) {
                Map<String, String> r = new HashMap<>();
                r.put("pxname", b.name());
                r.put("svname", s.name());
                r.put("qcur", "0");
                r.put("qmax", "0"); // requests queue per backend here, not per server
                r.put("scur", Integer.toString(s.activeRequests()));
                r.put("smax", Integer.toString(s.maxActive));
                if (s.spec().maxconn() > 0) {
                    r.put("slim", Integer.toString(s.spec().maxconn()));
                }
                r.put("stot", Long.toString(s.totalRequests()));
                r.put("bin", Long.toString(s.bytesIn.sum()));
                r.put("bout", Long.toString(s.bytesOut.sum()));
                r.put("dresp", "0");
                r.put("econ", Long.toString(s.connectErrors.sum()));
                r.put("eresp", Long.toString(s.responseErrors.sum()));
                r.put("wretr", Long.toString(s.retries.sum()));
                r.put("wredis", Long.toString(s.redispatches.sum()));
                r.put("cli_abrt", Long.toString(s.clientAborts.sum()));
                r.put("srv_abrt", Long.toString(s.serverAborts.sum()));
                r.put("connect", Long.toString(s.connects.sum()));
                r.put("reuse", Long.toString(s.reuses.sum()));
                r.put("status", serverStatus(s));
                r.put("weight", Integer.toString(s.weight()));
                r.put("act", s.spec().backup() ? "0" : "1");
                r.put("bck", s.spec().backup() ? "1" : "0");
                if (s.spec().check()) {
                    r.put("chkfail", Long.toString(s.checkDowns.sum()));
                    r.put("chkdown", Long.toString(s.checkDowns.sum()));
                    r.put("check_status", s.lastCheck().status().code());
                    r.put("check_duration", Long.toString(s.lastCheck().took().toMillis()));
                    s.lastCheck().code().ifPresent(c -> r.put("check_code", Integer.toString(c)));
                    r.put("check_desc", s.lastCheck().status().text());
                    // "last health check contents or textual error": HAProxy leaves it empty on a plain pass
                    r.put("last_chk", s.lastCheck().passed() ? "" : csvSafe(s.lastCheck().detail()));
                    r.put("downtime", Long.toString(s.downtimeMillis(now) / 1000));
                    r.put("check_rise", Integer.toString(s.spec().rise()));
                    r.put("check_fall", Integer.toString(s.spec().fall()));
                    r.put("check_health", Integer.toString(s.healthy() ? s.spec().rise() + s.spec().fall() - 1 : 0));
                }
                if (s.spec().agent().isPresent()) {
                    // the agent's last reply, as HAProxy shows it: L7OK/L7STS with "via agent : ..." as description
                    r.put("agent_status", s.lastAgent().status().code());
                    r.put("agent_duration", Long.toString(s.lastAgent().took().toMillis()));
                    r.put("agent_desc", s.lastAgent().detail().isEmpty() ? s.lastAgent().status().text() : s.lastAgent().detail());
                    r.put("last_agt", csvSafe(s.lastAgent().detail()));
                    r.put("agent_rise", Integer.toString(s.spec().rise()));
                    r.put("agent_fall", Integer.toString(s.spec().fall()));
                }
                r.put("lastchg", Long.toString((now - s.lastChangeMillis()) / 1000));
                r.put("pid", "1");
                r.put("iid", Integer.toString(bid));
                r.put("sid", Integer.toString(s.id()));
                r.put("lbtot", Long.toString(s.totalRequests()));
                r.put("type", "2");
                r.put("addr", AddressText.of(s.spec().address().getAddress()) + ":" + s.spec().address().getPort());
                r.put("mode", mode(b.spec().mode()));
                r.put("idle_conn_cur", Integer.toString(s.idleCount()));
                rateColumns(r, s.total);
                timeColumns(r, s.timings().snapshot());
                r.put("uweight", Integer.toString(s.spec().weight()));
                statusColumns(r, s.statusClasses);
                out.append(row(r));
                if (s.usable()) {
                    if (s.spec().backup()) {
                        bck++;
                    } else {
                        act++;
                    }
                    weight += s.weight();
                }
                scur += s.activeRequests();
                stot += s.totalRequests();
                bin += s.bytesIn.sum();
                bout += s.bytesOut.sum();
                econ += s.connectErrors.sum();
                eresp += s.responseErrors.sum();
                wretr += s.retries.sum();
                wredis += s.redispatches.sum();
                cliAbrt += s.clientAborts.sum();
                srvAbrt += s.serverAborts.sum();
                connects += s.connects.sum();
                reuses += s.reuses.sum();
                for (int i = 0; i < 6; i++) {
                    classes[i].v += s.statusClasses[i].sum();
                }
            }
            Map<String, String> r = new HashMap<>();
            r.put("pxname", b.name());
            r.put("svname", "BACKEND");
            r.put("qcur", Integer.toString(b.queueLength()));
            r.put("qmax", Integer.toString(b.maxQueueLength()));
            r.put("scur", Long.toString(scur));
            r.put("stot", Long.toString(b.total.sum()));
            r.put("bin", Long.toString(bin));
            r.put("bout", Long.toString(bout));
            r.put("dreq", "0");
            r.put("dresp", "0");
            r.put("econ", Long.toString(econ));
            r.put("eresp", Long.toString(eresp));
            r.put("wretr", Long.toString(wretr));
            r.put("wredis", Long.toString(wredis));
            r.put("cli_abrt", Long.toString(cliAbrt));
            r.put("srv_abrt", Long.toString(srvAbrt));
            r.put("connect", Long.toString(connects));
            r.put("reuse", Long.toString(reuses));
            r.put("status", act + bck > 0 ? "UP" : "DOWN");
            r.put("weight", Integer.toString(weight));
            r.put("act", Integer.toString(act));
            r.put("bck", Integer.toString(bck));
            r.put("pid", "1");
            r.put("iid", Integer.toString(bid));
            r.put("sid", "0");
            r.put("lbtot", Long.toString(stot));
            r.put("type", "1");
            r.put("req_tot", Long.toString(b.total.sum()));
            r.put("mode", mode(b.spec().mode()));
            r.put("algo", b.spec().balance().label().replaceAll("\\(.*", ""));
            rateColumns(r, b.total);
            timeColumns(r, b.timings().snapshot());
            for (int i = 0; i < 6; i++) {
                r.put(i == 0 ? "hrsp_other" : "hrsp_" + i + "xx", Long.toString(classes[i].v));
            }
            out.append(row(r));
        }
        return out.toString();
    }

    /** {@code rate}, {@code rate_max} and {@code lastsess} of a server or backend. */
    private static void rateColumns(Map<String, String> r, RatedCounter c) {
        r.put("rate", Integer.toString(c.rate()));
        r.put("rate_max", Integer.toString(c.maxRate()));
        r.put("lastsess", Long.toString(c.secondsSinceLast()));
    }

    private static void timeColumns(Map<String, String> r, TimingAverages.Snapshot t) {
        r.put("qtime", Long.toString(t.qtime()));
        r.put("ctime", Long.toString(t.ctime()));
        r.put("rtime", Long.toString(t.rtime()));
        r.put("ttime", Long.toString(t.ttime()));
        r.put("qtime_max", Long.toString(t.qtimeMax()));
        r.put("ctime_max", Long.toString(t.ctimeMax()));
        r.put("rtime_max", Long.toString(t.rtimeMax()));
        r.put("ttime_max", Long.toString(t.ttimeMax()));
    }

    /** A free text in one CSV field: HAProxy's CSV has no quoting, so separators become spaces. */
    static String csvSafe(String text) {
        return text.replace(',', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private static final class LongSum {
        long v;
    }

    private static void statusColumns(Map<String, String> r, java.util.concurrent.atomic.LongAdder[] classes) {
        for (int i = 0; i < 6; i++) {
            r.put(i == 0 ? "hrsp_other" : "hrsp_" + i + "xx", Long.toString(classes[i].sum()));
        }
    }

    /** HAProxy's server status words: UP, DOWN, MAINT, DRAIN, "no check". */
    static String serverStatus(LiveServer s) {
        if (s.admin() == AdminState.MAINT) {
            return "MAINT";
        }
        if (!s.healthy()) {
            return "DOWN";
        }
        if (s.admin() == AdminState.DRAIN || s.weight() == 0) {
            return "DRAIN";
        }
        return s.spec().check() ? "UP" : "no check";
    }

    private static String mode(ProxyMode m) {
        return m == ProxyMode.HTTP ? "http" : "tcp";
    }

    private static String row(Map<String, String> r) {
        StringBuilder sb = new StringBuilder();
        for (String c : COLUMNS) {
            sb.append(r.getOrDefault(c, "")).append(',');
        }
        return sb.append('\n').toString();
    }

    /** HAProxy's {@code HCHK_STATUS_*} number of a check status, for {@code show servers state}. */
    static int checkStatusNumber(CheckStatus s) {
        return switch (s) {
            case UNK -> 0;
            case INI -> 1;
            case SOCKERR -> 5;
            case L4OK -> 6;
            case L4TOUT -> 7;
            case L4CON -> 8;
            // Statuses other branches add (L7OK, L7STS...) map when they land; unknown meanwhile.
            default -> 0;
        };
    }
}
