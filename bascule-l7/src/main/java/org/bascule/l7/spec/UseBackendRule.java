package org.bascule.l7.spec;

/**
 * {@code use_backend <backend> [if|unless <cond>]}: the first rule whose condition holds picks
 * the backend; none holding means {@code default_backend}.
 */
public record UseBackendRule(String backend, Condition when) {
    public UseBackendRule {
        Require.name(backend, "use_backend");
        Require.nonNull(when, "use_backend condition");
    }
}
