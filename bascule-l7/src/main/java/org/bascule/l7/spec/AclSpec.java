package org.bascule.l7.spec;

/** One {@code acl <name> <criterion> [flags] [operator] <value>…} line of a frontend. */
public record AclSpec(String name, Condition test) {
    public AclSpec {
        Require.name(name, "acl name");
        Require.nonNull(test, "acl " + name);
    }
}
