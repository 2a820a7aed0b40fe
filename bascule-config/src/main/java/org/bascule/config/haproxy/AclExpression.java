package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * What an ACL tests: {@code <fetch> [flags] [operator] <patterns>…} (configuration.txt section
 * 7.1), e.g. {@code nbsrv(servers) lt 1}, {@code path_beg -i /api /static},
 * {@code hdr(host) -m dom example.com}. It matches when the fetched sample matches any pattern;
 * {@link MatchMethod#FOUND} and {@link MatchMethod#BOOL} take no pattern.
 *
 * @param fetch        the sample fetch
 * @param method       how to compare
 * @param ignoreCase   {@code -i}
 * @param patterns     the patterns written on the line
 * @param patternFiles files named by {@code -f}, one pattern a line
 * @param pos          where the fetch is written
 */
public record AclExpression(Fetch fetch, MatchMethod method, boolean ignoreCase, List<AclPattern> patterns, List<String> patternFiles,
                            SourcePos pos) {

    public AclExpression {
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(method, "method");
        patterns = List.copyOf(patterns);
        patternFiles = List.copyOf(patternFiles);
        Objects.requireNonNull(pos, "pos");
    }
}
