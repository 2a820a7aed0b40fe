package org.bascule.l7.spec;

import java.time.Duration;

/**
 * {@code stick-table type ip size <n> expire <t> store http_req_rate(<period>)}: per client
 * address counters, used for request-rate limiting of unauthenticated clients (R-L7-5).
 * {@code type ipv6} is the same table in Bascule (v4 keys as mapped addresses).
 *
 * @param size           {@code size}: entries kept; the least recently seen is evicted beyond it
 * @param expire         {@code expire}: an entry unseen for this long is forgotten
 * @param httpReqRatePeriod {@code store http_req_rate(<period>)}: the sliding window of the rate
 */
public record StickTableSpec(long size, Duration expire, Duration httpReqRatePeriod) {
    public StickTableSpec {
        Require.that(size > 0 && size <= 100_000_000L, "stick-table size", size, "1-100m");
        Require.positive(expire, "stick-table expire");
        Require.positive(httpReqRatePeriod, "http_req_rate period");
    }
}
