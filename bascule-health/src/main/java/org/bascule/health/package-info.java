/**
 * Health checking as keepalived's checkers do it, and the health stream every tier reads.
 *
 * <ul>
 *   <li>What to check: {@link org.bascule.health.CheckSpec} (sealed: {@code TCP_CHECK},
 *       {@code HTTP_GET}/{@code SSL_GET}, {@code MISC_CHECK}, HAProxy's agent check), each run
 *       by a {@link org.bascule.health.Checker} that returns a
 *       {@link org.bascule.health.CheckResult} with a HAProxy-style
 *       {@link org.bascule.health.CheckStatus} and any {@link org.bascule.health.Feedback}
 *       (weight, drain/maint/ready). Codecs apart and pure: {@code http} (response heads),
 *       {@code agent} (agent reply lines).</li>
 *   <li>When and what it means: {@link org.bascule.health.CheckMachine}, a pure function of
 *       (state, event, now) for {@code delay_loop}, {@code retry}, {@code delay_before_retry},
 *       {@code alpha}, {@code warmup} and HAProxy's rise/fall.</li>
 *   <li>Running it: {@link org.bascule.health.HealthMonitor}, timers on one platform thread,
 *       checks on virtual threads.</li>
 *   <li>Telling the others: {@link org.bascule.health.HealthState}, an ordered stream of
 *       {@link org.bascule.health.HealthChange}s.</li>
 * </ul>
 */
package org.bascule.health;
