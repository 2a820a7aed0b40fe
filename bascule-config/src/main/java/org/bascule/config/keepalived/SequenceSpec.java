package org.bascule.config.keepalived;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values of a {@code ~SEQ(…)}, {@code ~SEQx(…)} or {@code ~LST(…)} block
 * (keepalived.conf(5), "Sequence blocks" and "List blocks"): for each repetition, the
 * variables to set.
 *
 * @param bindings one entry per repetition, each a list of {name, value} pairs
 */
record SequenceSpec(List<List<String[]>> bindings) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * {@code var, [start,] [step,] end}: step defaults to ±1 towards end, start to 1 (or -1
     * when end is negative). Numbers may be written in hex with 0x.
     */
    static Optional<SequenceSpec> sequence(String spec, boolean hex, int maxValues) {
        String[] parts = spec.split(",", -1);
        if (parts.length < 2 || parts.length > 4 || !NAME.matcher(parts[0].strip()).matches()) {
            return Optional.empty();
        }
        String var = parts[0].strip();
        long[] numbers = new long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            Optional<Long> n = number(parts[i].strip());
            if (n.isEmpty()) {
                return Optional.empty();
            }
            numbers[i - 1] = n.get();
        }
        long end = numbers[numbers.length - 1];
        long start = numbers.length >= 2 ? numbers[0] : (end >= 0 ? 1 : -1);
        long step = numbers.length == 3 ? numbers[1] : (end >= start ? 1 : -1);
        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
            return Optional.empty();
        }
        long count = (Math.abs(end - start) / Math.abs(step)) + 1;
        if (count > maxValues || count < 0) {
            return Optional.empty();
        }
        List<List<String[]>> bindings = new ArrayList<>();
        for (long v = start, i = 0; i < count; i++, v += step) {
            String value = hex ? Long.toHexString(v) : Long.toString(v);
            bindings.add(List.<String[]>of(new String[] {var, value}));
        }
        return Optional.of(new SequenceSpec(bindings));
    }

    /** {@code var, v1, v2 …} or {@code {a, b}, {1, 2}, {3, 4}}. */
    static Optional<SequenceSpec> list(String spec) {
        List<String> items = splitTopLevel(spec);
        if (items.size() < 2) {
            return Optional.empty();
        }
        List<String> names = unbrace(items.getFirst());
        if (names.isEmpty() || !names.stream().allMatch(n -> NAME.matcher(n).matches())) {
            return Optional.empty();
        }
        List<List<String[]>> bindings = new ArrayList<>();
        for (String item : items.subList(1, items.size())) {
            List<String> values = unbrace(item);
            if (values.size() != names.size()) {
                return Optional.empty();
            }
            List<String[]> binding = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                binding.add(new String[] {names.get(i), values.get(i)});
            }
            bindings.add(binding);
        }
        return Optional.of(new SequenceSpec(bindings));
    }

    private static Optional<Long> number(String text) {
        try {
            boolean negative = text.startsWith("-");
            String digits = negative ? text.substring(1) : text;
            long value = digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseLong(digits.substring(2), 16)
                    : Long.parseLong(digits);
            if (Math.abs(value) > 1L << 40) {
                return Optional.empty();
            }
            return Optional.of(negative ? -value : value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Splits on commas that are not inside braces. */
    private static List<String> splitTopLevel(String spec) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(spec.substring(start, i).strip());
                start = i + 1;
            }
        }
        items.add(spec.substring(start).strip());
        return items;
    }

    /** {@code {a, b}} to [a, b]; a bare item to itself. */
    private static List<String> unbrace(String item) {
        if (item.startsWith("{") && item.endsWith("}") && item.length() >= 2) {
            List<String> values = new ArrayList<>();
            for (String v : item.substring(1, item.length() - 1).split(",", -1)) {
                values.add(v.strip());
            }
            return values;
        }
        return List.of(item);
    }
}
