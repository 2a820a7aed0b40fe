/**
 * Health checking as keepalived's checkers do it, and the health stream every tier reads.
 *
 * <ul>
 *   <li>What to check: {@link org.bascule.health.CheckSpec} (sealed; {@code TCP_CHECK} today,
 *       {@code HTTP_GET}, {@code MISC_CHECK}, ping and agent checks to come), each run by a
 *       {@link org.bascule.health.Checker} that returns a {@link org.bascule.health.CheckResult}
 *       with a HAProxy-style {@link org.bascule.health.CheckStatus}.</li>
 *   <li>When and what it means: {@link org.bascule.health.CheckMachine}, a pure function of
 *       (state, event, now) for {@code delay_loop}, {@code retry}, {@code delay_before_retry}
 *       and {@code alpha}.</li>
 *   <li>Running it: {@link org.bascule.health.HealthMonitor}, timers on one platform thread,
 *       checks on virtual threads.</li>
 *   <li>Telling the others: {@link org.bascule.health.HealthState}, an ordered stream of
 *       {@link org.bascule.health.HealthChange}s.</li>
 * </ul>
 */
package org.bascule.health;
