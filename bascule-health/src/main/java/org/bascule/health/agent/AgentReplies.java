package org.bascule.health.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.bascule.health.AdminState;
import org.bascule.health.WeightChange;

/**
 * The agent-check text codec: {@link #parse} reads a reply as HAProxy 2.x does, {@link #format}
 * writes one. Pure; never throws on input.
 *
 * <p>HAProxy's rules ({@code tcpcheck_agent_expect_reply}, {@code server_parse_weight_change_request}):
 * the reply is the first line, ended by CR or LF; words are separated by spaces, tabs or commas
 * and compared without case; a word starting with {@code #} begins the description, which runs
 * to the end of the line. A word starting with a digit and containing {@code %} is a weight:
 * exactly {@code N%}, N capped at 25600 (anything else in it is a warning, not a weight).
 * {@code maxconn:N} sets a connection limit. The first unknown word is kept as the error.
 */
public final class AgentReplies {

    /** Longest line read; HAProxy's check buffer is 16 KiB and agents send a few words. */
    public static final int MAX_LINE = 8192;

    private AgentReplies() {
    }

    public static AgentParse parse(byte[] buf, int len) {
        int limit = Math.min(len, buf.length);
        int end = -1;
        for (int i = 0; i < limit; i++) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                end = i;
                break;
            }
            if (b == 0) {
                // HAProxy reads the line as a C string: a NUL hides the rest, the line never ends
                return new AgentParse.Malformed("NUL byte at offset " + i + " of the agent's line");
            }
        }
        if (end < 0) {
            return limit > MAX_LINE
                    ? new AgentParse.Malformed("no end of line within " + MAX_LINE + " bytes")
                    : new AgentParse.Incomplete();
        }
        return new AgentParse.Parsed(parseLine(new String(buf, 0, end, StandardCharsets.ISO_8859_1)));
    }

    /** Parses one line (without its line end). */
    public static AgentReply parseLine(String line) {
        Optional<AgentHealth> health = Optional.empty();
        Optional<AdminState> admin = Optional.empty();
        Optional<String> weightWord = Optional.empty();
        Optional<String> maxconnWord = Optional.empty();
        Optional<String> error = Optional.empty();
        String description = "";
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '#') {
                int d = i + 1;
                while (d < n && (line.charAt(d) == ' ' || line.charAt(d) == '\t')) {
                    d++;
                }
                description = line.substring(d);
                break;
            }
            int j = i + 1;
            while (j < n && line.charAt(j) != ' ' && line.charAt(j) != '\t' && line.charAt(j) != ',') {
                j++;
            }
            String word = line.substring(i, j);
            String lower = word.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "up" -> health = Optional.of(AgentHealth.UP);
                case "down" -> health = Optional.of(AgentHealth.DOWN);
                case "stopped" -> health = Optional.of(AgentHealth.STOPPED);
                case "fail" -> health = Optional.of(AgentHealth.FAIL);
                case "ready" -> admin = Optional.of(AdminState.READY);
                case "drain" -> admin = Optional.of(AdminState.DRAIN);
                case "maint" -> admin = Optional.of(AdminState.MAINT);
                default -> {
                    if (isDigit(word.charAt(0)) && word.indexOf('%') >= 0) {
                        weightWord = Optional.of(word);
                    } else if (lower.startsWith("maxconn:")) {
                        maxconnWord = Optional.of(word.substring("maxconn:".length()));
                    } else if (error.isEmpty()) {
                        error = Optional.of(word);
                    }
                }
            }
            i = j;
        }
        List<String> warnings = new ArrayList<>(2);
        Optional<WeightChange.Percent> weight = weightWord.flatMap(w -> weight(w, warnings));
        OptionalInt maxconn = maxconnWord.isPresent() ? maxconn(maxconnWord.get(), warnings) : OptionalInt.empty();
        return new AgentReply(health, admin, weight, maxconn, description, error, warnings.stream().findFirst());
    }

    /** The line an agent would send for {@code reply} (without the line end). */
    public static String format(AgentReply reply) {
        List<String> words = new ArrayList<>();
        reply.health().ifPresent(h -> words.add(h.word()));
        reply.admin().ifPresent(a -> words.add(a.name().toLowerCase(Locale.ROOT)));
        reply.weight().ifPresent(w -> words.add(w.percent() + "%"));
        reply.maxconn().ifPresent(m -> words.add("maxconn:" + m));
        String line = String.join(" ", words);
        if (!reply.description().isEmpty()) {
            line += (line.isEmpty() ? "" : " ") + "# " + reply.description();
        }
        return line;
    }

    /** {@code server_parse_weight_change_request} for a relative weight. */
    private static Optional<WeightChange.Percent> weight(String word, List<String> warnings) {
        int k = 0;
        long w = 0;
        while (k < word.length() && isDigit(word.charAt(k))) {
            w = Math.min(w * 10 + (word.charAt(k) - '0'), Long.MAX_VALUE / 100);
            k++;
        }
        if (k == word.length() - 1 && word.charAt(k) == '%') {
            return Optional.of(new WeightChange.Percent((int) Math.min(w, WeightChange.Percent.MAX)));
        }
        warnings.add(w > 256 ? "Absolute weight can only be between 0 and 256 inclusive."
                : "Trailing garbage in weight string");
        return Optional.empty();
    }

    /** {@code server_parse_maxconn_change_request}. */
    private static OptionalInt maxconn(String value, List<String> warnings) {
        if (value.isEmpty() || !isDigit(value.charAt(0))) {
            warnings.add("Empty maxconn string or preceded by garbage");
            return OptionalInt.empty();
        }
        int k = 0;
        long v = 0;
        while (k < value.length() && isDigit(value.charAt(k))) {
            v = Math.min(v * 10 + (value.charAt(k) - '0'), Integer.MAX_VALUE);
            k++;
        }
        if (k != value.length()) {
            warnings.add("Trailing garbage in maxconn string");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
