package dev.costflow.reports;

import java.util.List;

/** Plain-text tables for terminals. */
public final class Tables {
  private Tables() {}

  /**
   * Renders rows with a header; {@code rightAlign[i]} aligns column i to the right; a rule is drawn
   * under the header and above row {@code ruleBefore} (-1 for none).
   */
  public static String text(List<String[]> rows, boolean[] rightAlign, int ruleBefore) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      if (i == ruleBefore) {
        rule(b, width);
      }
      String[] r = rows.get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String cell = r[c];
        int pad = width[c] - cell.length();
        if (rightAlign[c]) {
          line.append(" ".repeat(pad)).append(cell);
        } else {
          line.append(cell).append(" ".repeat(pad));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
      if (i == 0) {
        rule(b, width);
      }
    }
    return b.toString();
  }

  private static void rule(StringBuilder b, int[] width) {
    int total = 0;
    for (int w : width) {
      total += w;
    }
    total += 2 * (width.length - 1);
    b.append("-".repeat(total)).append('\n');
  }
}
