package org.bascule.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keywords and values, shared by every grammar: the closest candidate
 * by edit distance.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word}, if it is close enough to be a plausible typo: at
     * most a third of the word's length in edits (at least 1, at most 3).
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        String lower = word.toLowerCase();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(word) || Math.abs(candidate.length() - word.length()) > limit) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase());
            if (d <= limit && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The candidates sorted by edit distance to {@code word}, for listing a few alternatives. */
    public static List<String> nearest(String word, Collection<String> candidates, int count) {
        String lower = word.toLowerCase();
        Map<String, Integer> distances = new HashMap<>();
        for (String c : candidates) {
            distances.put(c, distance(lower, c.toLowerCase()));
        }
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> distances.get(c)).thenComparing(c -> c))
                .limit(count)
                .toList();
    }

    /** Levenshtein distance (insert, delete, substitute), with transposition counted as one. */
    public static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Math.max(a.length(), b.length());
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
