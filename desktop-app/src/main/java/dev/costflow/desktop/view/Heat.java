package dev.costflow.desktop.view;

import javafx.scene.paint.Color;

/** The colour of a service by its cost: pale for the cheap ones, amber to red for the big ones. */
final class Heat {
  private static final double[] STOPS = {0, 0.35, 0.7, 1};
  private static final Color[] COLORS = {Color.web("#eef2f7"), Color.web("#fde68a"), Color.web("#f59e0b"), Color.web("#dc2626")};

  private Heat() {}

  static Color fill(double heat) {
    double h = Math.max(0, Math.min(1, heat));
    for (int i = 1; i < STOPS.length; i++) {
      if (h <= STOPS[i]) {
        double t = (h - STOPS[i - 1]) / (STOPS[i] - STOPS[i - 1]);
        return COLORS[i - 1].interpolate(COLORS[i], t);
      }
    }
    return COLORS[COLORS.length - 1];
  }

  /** Dark text on light fills, white on the darkest. */
  static Color text(double heat) {
    return heat > 0.86 ? Color.WHITE : Color.web("#1f2937");
  }

  static String css(Color c) {
    return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
  }
}
