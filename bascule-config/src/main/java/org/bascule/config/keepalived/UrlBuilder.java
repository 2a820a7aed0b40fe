package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bascule.config.SourcePos;

/** A {@code url { … }} block of HTTP_GET / SSL_GET being read (check_http.c). */
final class UrlBuilder {

    final SourcePos pos;
    Optional<String> path = Optional.empty();
    Optional<String> digest = Optional.empty();
    final List<StatusCodeRange> statusCodes = new ArrayList<>();
    Optional<String> virtualhost = Optional.empty();
    Optional<String> regex = Optional.empty();
    boolean regexNoMatch;
    final List<String> regexOptions = new ArrayList<>();
    OptionalLong regexMinOffset = OptionalLong.empty();
    OptionalLong regexMaxOffset = OptionalLong.empty();
    OptionalLong regexStackStart = OptionalLong.empty();
    OptionalLong regexStackMax = OptionalLong.empty();

    UrlBuilder(SourcePos pos) {
        this.pos = pos;
    }

    /**
     * The url, or empty (reported) without a path. No status_code means 200-299
     * (HTTP_DEFAULT_STATUS_CODE_MIN/MAX); the virtualhost falls back to the checker's.
     */
    Optional<UrlCheck> build(ParseContext ctx, Optional<String> checkerHost) {
        if (path.isEmpty()) {
            // check_http.c url_check: "HTTP/SSL_GET checker url has no path - ignoring".
            ctx.diagnostics().error(pos, "no path in", "url", "a 'path /PATH' line in the url block");
            return Optional.empty();
        }
        Optional<UrlRegex> pattern = Optional.empty();
        if (regex.isPresent()) {
            pattern = Optional.of(new UrlRegex(regex.get(), regexNoMatch, regexOptions, regexMinOffset, regexMaxOffset, regexStackStart,
                    regexStackMax));
        } else if (regexNoMatch || !regexOptions.isEmpty() || regexMinOffset.isPresent() || regexMaxOffset.isPresent()
                || regexStackStart.isPresent()) {
            // check_http.c: "regex parameters specified without regex" (they are cleared).
            ctx.diagnostics().warning(pos, "regex options without regex in", "url", "a 'regex PATTERN' line, or no regex_* options");
        }
        List<StatusCodeRange> codes = statusCodes.isEmpty() ? List.of(StatusCodeRange.DEFAULT) : statusCodes;
        return Optional.of(new UrlCheck(pos, path.get(), digest, codes, virtualhost.or(() -> checkerHost), pattern));
    }
}
