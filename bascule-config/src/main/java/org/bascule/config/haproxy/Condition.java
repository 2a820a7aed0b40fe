package org.bascule.config.haproxy;

import java.util.List;
import java.util.Objects;
import org.bascule.config.SourcePos;

/**
 * An {@code if|unless} condition (configuration.txt section 7.2): terms side by side are ANDed,
 * {@code ||} (or {@code or}) separates alternatives, {@code !} negates one term, and a term is a
 * named ACL or an anonymous one in braces: {@code if dead || disabled},
 * {@code if { sc_http_req_rate(0) gt 10 } !authenticated}.
 *
 * @param unless       true for {@code unless}: the rule applies when the condition is false
 * @param alternatives OR of ANDs, never empty, no empty alternative
 * @param pos          where {@code if}/{@code unless} is written
 */
public record Condition(boolean unless, List<List<Term>> alternatives, SourcePos pos) {

    public Condition {
        alternatives = alternatives.stream().map(List::copyOf).toList();
        Objects.requireNonNull(pos, "pos");
    }

    /** One term: an ACL, possibly negated. */
    public record Term(boolean negated, AclRef acl) {
        public Term {
            Objects.requireNonNull(acl, "acl");
        }
    }

    /** A named ACL (declared with {@code acl} or predefined such as {@code TRUE}) or an anonymous one. */
    public sealed interface AclRef {
        /** A name; predefined ACLs (configuration.txt section 7.4) are named too. */
        record Named(String name, SourcePos pos) implements AclRef {
        }

        /** {@code { expression }}. */
        record Anonymous(AclExpression expression) implements AclRef {
        }
    }

    /** Every ACL name this condition uses. */
    public List<AclRef.Named> names() {
        return alternatives.stream().flatMap(List::stream).map(Term::acl)
                .filter(a -> a instanceof AclRef.Named).map(a -> (AclRef.Named) a).toList();
    }

    /** Every anonymous ACL this condition holds. */
    public List<AclExpression> anonymous() {
        return alternatives.stream().flatMap(List::stream).map(Term::acl)
                .filter(a -> a instanceof AclRef.Anonymous).map(a -> ((AclRef.Anonymous) a).expression()).toList();
    }
}
