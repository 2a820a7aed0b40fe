package org.bascule.ops.ipvsadm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of {@code ipvsadm -h}, laid out as ipvsadm's {@code usage_exit} ("Usage:", "Commands:",
 * "virtual-service:", "Options:" with long and short names in columns) but generated from the
 * grammar, so it lists exactly what Bascule accepts.
 */
final class IpvsadmUsage {
    private IpvsadmUsage() {}

    static String text(IpvsadmGrammar grammar) {
        StringBuilder out = new StringBuilder("Usage:\n");
        for (IpvsadmCommandSpec c : grammar.commands()) {
            out.append("  ipvsadm ").append(c.synopsis()).append('\n');
        }
        out.append("\nCommands:\nEither long or short options are allowed.\n");
        section(out, grammar.options().stream().filter(o -> o.role() == IpvsadmOption.Role.COMMAND).toList());
        out.append("\nvirtual-service:\n");
        section(out, grammar.options().stream().filter(o -> o.slot().equals(IpvsadmGrammar.SERVICE)).toList());
        out.append("\nOptions:\n");
        section(out, grammar.options().stream()
                .filter(o -> o.role() == IpvsadmOption.Role.OPTION && !o.slot().equals(IpvsadmGrammar.SERVICE)).toList());
        return out.toString();
    }

    private static void section(StringBuilder out, List<IpvsadmOption> options) {
        for (IpvsadmOption o : options) {
            String shorts = o.shortNames().chars().mapToObj(c -> "-" + (char) c).collect(Collectors.joining("|"));
            String names = "--" + o.longName() + (shorts.isEmpty() ? "" : " " + shorts)
                    + (o.takesValue() ? " " + o.valueName() : "");
            out.append("  ").append(Text.padRight(names, 34)).append(' ').append(o.summary()).append('\n');
        }
    }
}
