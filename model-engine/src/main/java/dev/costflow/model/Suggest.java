package dev.costflow.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints: the closest known word within a small edit distance. */
public final class Suggest {
  private Suggest() {}

  public static Optional<String> closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(1, Math.min(3, word.length() / 3));
    boolean sameStem = w.replace("_", "").replace("-", "").equals(best.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    return bestDistance <= allowed || sameStem ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" or "". */
  public static String hint(String word, Collection<String> known) {
    return closest(word, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  /** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
  static int distance(String a, String b) {
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
