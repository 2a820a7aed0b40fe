package org.bascule.l7.spec;

/** RFC 9110 §5.1: a field name is a token. */
final class HeaderNames {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    private HeaderNames() {}

    static String check(String name, String field) {
        Require.that(name != null && !name.isEmpty()
                        && name.chars().allMatch(c -> c > 32 && c < 127 && SEPARATORS.indexOf(c) < 0),
                field, name, "a header name (RFC 9110 token)");
        return name;
    }
}
