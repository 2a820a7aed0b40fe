package org.bascule.config.haproxy;

import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * An {@code acl NAME <expression>} line. Several lines with the same name make one ACL that is
 * true when any of them is (configuration.txt section 7.1: "multiple ACL declarations with the
 * same name are ORed").
 */
public record Acl(String name, AclExpression expression, SourcePos pos) {

    public Acl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(pos, "pos");
    }
}
