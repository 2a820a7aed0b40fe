package org.bascule.config.keepalived;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/**
 * One checker block being read. It has the fields of every checker kind; the kind's keyword
 * table decides which of them can be set.
 */
final class CheckerBuilder {

    final CheckerKind kind;
    final SourcePos pos;
    // Connection options (check_api.c install_checker_common_keywords).
    Optional<InetAddress> connectIp = Optional.empty();
    OptionalInt connectPort = OptionalInt.empty();
    Optional<InetAddress> bindTo = Optional.empty();
    OptionalInt bindPort = OptionalInt.empty();
    Optional<String> bindIf = Optional.empty();
    Optional<Duration> connectTimeout = Optional.empty();
    OptionalLong fwmark = OptionalLong.empty();
    // Timing options.
    OptionalInt retry = OptionalInt.empty();
    Optional<Duration> delayBeforeRetry = Optional.empty();
    Optional<Duration> warmup = Optional.empty();
    Optional<Duration> delayLoop = Optional.empty();
    Optional<Boolean> alpha = Optional.empty();
    boolean logAllFailures;
    // HTTP_GET / SSL_GET.
    final List<UrlBuilder> urls = new ArrayList<>();
    String httpProtocol = HttpGetCheck.DEFAULT_HTTP_PROTOCOL;
    boolean enableSni;
    boolean fastRecovery;
    Optional<String> virtualhost = Optional.empty();
    // MISC_CHECK.
    Optional<String> miscPath = Optional.empty();
    Optional<Duration> miscTimeout = Optional.empty();
    boolean miscDynamic;
    Optional<ScriptUser> user = Optional.empty();
    // SMTP_CHECK.
    String heloName = SmtpCheck.DEFAULT_HELO_NAME;
    final List<CheckerBuilder> hosts = new ArrayList<>();
    // DNS_CHECK.
    String dnsType = DnsCheck.DEFAULT_TYPE;
    Optional<String> dnsName = Optional.empty();
    // UDP_CHECK.
    Optional<String> payload = Optional.empty();
    boolean requireReply;
    Optional<String> replyPattern = Optional.empty();
    int minReplyLength;
    int maxReplyLength = 255;
    // FILE_CHECK.
    Optional<Token> trackFile = Optional.empty();
    boolean fileDynamic;
    Optional<Long> fileWeight = Optional.empty();
    boolean fileReverse;
    // BFD_CHECK.
    Optional<Token> bfdName = Optional.empty();

    CheckerBuilder(CheckerKind kind, SourcePos pos) {
        this.kind = kind;
        this.pos = pos;
    }

    /** What a checker inherits from its real server (already resolved against the virtual server). */
    record Inherited(
            InetAddress address,
            int port,
            Duration connectTimeout,
            Duration delayLoop,
            OptionalInt retry,
            Optional<Duration> delayBeforeRetry,
            Optional<Duration> warmup,
            boolean alpha,
            Optional<String> virtualhost,
            Duration virtualServerDelayLoop) {
    }

    /**
     * The checker(s) with every default resolved; empty (reported) when the block is unusable.
     * An SMTP_CHECK with {@code host} blocks gives one checker per host, as in keepalived.
     */
    List<Checker> build(ParseContext ctx, Inherited from) {
        CheckSchedule schedule = schedule(from);
        return switch (kind) {
            case TCP_CHECK -> connection(ctx, from).<Checker>map(c -> new TcpCheck(pos, c, schedule)).stream().toList();
            case PING_CHECK -> connection(ctx, from).<Checker>map(c -> new PingCheck(pos, c, schedule)).stream().toList();
            case HTTP_GET, SSL_GET -> http(ctx, from, schedule);
            case MISC_CHECK -> misc(ctx, from, schedule);
            case DNS_CHECK -> connection(ctx, from).<Checker>map(c -> new DnsCheck(pos, c, schedule, dnsType, dnsName.orElse(DnsCheck.DEFAULT_NAME)))
                    .stream().toList();
            case SMTP_CHECK -> smtp(ctx, from, schedule);
            case UDP_CHECK -> connection(ctx, from).<Checker>map(c -> new UdpCheck(pos, c, schedule, payload, requireReply, replyPattern,
                    minReplyLength, maxReplyLength)).stream().toList();
            case FILE_CHECK -> trackFile.isEmpty() ? missing(ctx, "track_file NAME")
                    : List.of(new FileCheck(pos, trackFile.get().text(), fileDynamic, fileWeight, fileReverse));
            case BFD_CHECK -> bfdName.isEmpty() ? missing(ctx, "name BFD_INSTANCE") : List.of(new BfdCheck(pos, bfdName.get().text()));
        };
    }

    private List<Checker> missing(ParseContext ctx, String line) {
        ctx.diagnostics().error(pos, kind.keyword() + " without", line.split(" ")[0], "a '" + line + "' line in the block");
        return List.of();
    }

    /**
     * ipwrapper.c validate_check_config: each value from the checker, else the real server (which
     * already holds the virtual server's), else the kind's default: retry 1 (MISC_CHECK 0,
     * DNS_CHECK 3); delay_before_retry 1 s (HTTP_GET/SSL_GET 3 s, DNS_CHECK the delay_loop);
     * warmup the delay_loop.
     */
    CheckSchedule schedule(Inherited from) {
        Duration loop = delayLoop.orElse(from.delayLoop());
        int defaultRetry = switch (kind) {
            case MISC_CHECK -> 0;
            case DNS_CHECK -> 3;
            default -> 1;
        };
        Duration defaultDelayBeforeRetry = switch (kind) {
            case HTTP_GET, SSL_GET -> Duration.ofSeconds(3);
            case DNS_CHECK -> loop;
            default -> Duration.ofSeconds(1);
        };
        int resolvedRetry = retry.isPresent() ? retry.getAsInt() : from.retry().orElse(defaultRetry);
        Duration resolvedWarmup = warmup.or(from::warmup).orElse(loop);
        Duration resolvedDelay = delayBeforeRetry.or(from::delayBeforeRetry).orElse(defaultDelayBeforeRetry);
        return new CheckSchedule(loop, resolvedWarmup, resolvedRetry, resolvedDelay, alpha.orElse(from.alpha()), logAllFailures);
    }

    /** connect_ip/connect_port default to the real server (check_api.c queue_checker). */
    Optional<CheckConnection> connection(ParseContext ctx, Inherited from) {
        InetAddress target = connectIp.orElse(from.address());
        if (bindTo.isPresent() && !Addresses.sameFamily(bindTo.get(), target)) {
            // check_api.c: "bindto address %s does not match address family of connect_ip".
            ctx.diagnostics().error(pos, "bindto and connect address of different families in", kind.keyword(),
                    "bindto of the family of " + Addresses.format(target));
            return Optional.empty();
        }
        if (target.isLinkLocalAddress() && target instanceof java.net.Inet6Address && bindIf.isEmpty()) {
            // check_api.c check_conn_opts: "Checker link local address %s requires a bind_if".
            ctx.diagnostics().error(pos, "link-local connect address without bind_if in", kind.keyword(),
                    "bind_if IFNAME for " + Addresses.format(target));
            return Optional.empty();
        }
        return Optional.of(new CheckConnection(target, connectPort.orElse(from.port()), bindTo, bindPort, bindIf,
                connectTimeout.orElse(from.connectTimeout()), fwmark));
    }

    private List<Checker> http(ParseContext ctx, Inherited from, CheckSchedule schedule) {
        Optional<CheckConnection> connection = connection(ctx, from);
        if (urls.isEmpty()) {
            // check_http.c: "HTTP/SSL_GET checker has no urls specified - ignoring".
            ctx.diagnostics().error(pos, "no url in checker", kind.keyword(),
                    "at least one url { path /PATH; status_code 200 } block");
            return List.of();
        }
        Optional<String> host = virtualhost.or(from::virtualhost);
        List<UrlCheck> built = new ArrayList<>();
        for (UrlBuilder url : urls) {
            url.build(ctx, host).ifPresent(built::add);
        }
        if (connection.isEmpty() || built.isEmpty()) {
            return List.of();
        }
        return List.of(new HttpGetCheck(pos, kind == CheckerKind.SSL_GET, connection.get(), schedule, built, httpProtocol, enableSni,
                fastRecovery, host));
    }

    private List<Checker> misc(ParseContext ctx, Inherited from, CheckSchedule schedule) {
        if (miscPath.isEmpty()) {
            // check_misc.c: "No script path has been specified for MISC_CHECKER - skipping".
            return missing(ctx, "misc_path SCRIPT");
        }
        // check_misc.c misc_check_thread: no misc_timeout means the virtual server's delay_loop.
        Duration timeout = miscTimeout.filter(t -> !t.isZero()).orElse(from.virtualServerDelayLoop());
        return List.of(new MiscCheck(pos, schedule, miscPath.get(), timeout, miscDynamic, user));
    }

    private List<Checker> smtp(ParseContext ctx, Inherited from, CheckSchedule schedule) {
        List<Checker> result = new ArrayList<>();
        Optional<CheckConnection> base = connection(ctx, from);
        if (base.isEmpty()) {
            return result;
        }
        // check_smtp.c smtp_check_end_handler: the checker's own connection is checked too when
        // it has no host block, or when any connection option was given outside them.
        boolean own = connectIp.isPresent() || connectPort.isPresent() || bindTo.isPresent() || bindPort.isPresent()
                || bindIf.isPresent() || connectTimeout.isPresent() || fwmark.isPresent();
        if (hosts.isEmpty() || own) {
            result.add(new SmtpCheck(pos, base.get(), schedule, heloName));
        }
        for (CheckerBuilder host : hosts) {
            // Each host inherits the checker's own connection settings first (check_smtp.c).
            Inherited hostFrom = new Inherited(base.get().connectIp(), base.get().connectPort(), base.get().connectTimeout(),
                    from.delayLoop(), from.retry(), from.delayBeforeRetry(), from.warmup(), from.alpha(), from.virtualhost(),
                    from.virtualServerDelayLoop());
            host.bindTo = host.bindTo.or(() -> bindTo);
            host.bindPort = host.bindPort.isPresent() ? host.bindPort : bindPort;
            host.bindIf = host.bindIf.or(() -> bindIf);
            host.fwmark = host.fwmark.isPresent() ? host.fwmark : fwmark;
            host.connection(ctx, hostFrom).ifPresent(c -> result.add(new SmtpCheck(host.pos, c, schedule, heloName)));
        }
        return result;
    }
}
