package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.CostBands;
import dev.costflow.desktop.core.CostCurve;
import dev.costflow.sim.CurveBands;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The points of the cost curve: USD per hour over the hours, or USD per day over the days. */
public final class CurveViewModel {
  private CurveViewModel() {}

  /** x values (hours or days from the start), y in USD, and the axis titles. */
  public record Series(String title, String xTitle, String yTitle, double[] x, double[] y, double xMax, List<String> dayLabels) {}

  public static Series series(CostCurve c, boolean hourly) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM d", Locale.US);
    List<String> labels = new ArrayList<>();
    c.days().forEach(d -> labels.add(f.format(d)));
    if (hourly) {
      double[] x = new double[c.hourlyUsd().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i / 24.0;
      }
      return new Series("Cost per hour", "day of the period (" + c.period().label() + ")", "USD per hour", x, c.hourlyUsd().clone(), x.length / 24.0, labels);
    }
    double[] x = new double[c.dailyUsd().length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return new Series("Cost per day", "day of the period (" + c.period().label() + ")", "USD per day", x, c.dailyUsd().clone(), Math.max(1, x.length - 1), labels);
  }

  /**
   * The simulation band to draw under the curve: per point of {@link #series} the 5th and 95th
   * percentile and the mean of the simulated cost, a legend ("p5–p95 of 50 simulated runs") and a
   * summary of its width. Empty when the bands do not fit the curve (simulated for a model with
   * another period, while new ones are on the way).
   */
  public record Band(double[] x, double[] p5, double[] p95, double[] mean, String legend, String detail) {}

  public static Optional<Band> band(CostBands b, CostCurve c, boolean hourly) {
    CurveBands cb = hourly ? b.hourly() : b.daily();
    int n = hourly ? c.hourlyUsd().length : c.dailyUsd().length;
    if (cb.steps() != n || n == 0) {
      return Optional.empty();
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = hourly ? i / 24.0 : i;
    }
    String legend = "p5–p95 of " + b.runs() + " simulated runs";
    StringBuilder detail = new StringBuilder();
    double half = typicalHalfWidth(cb);
    if (!Double.isNaN(half)) {
      detail.append(hourly ? "each hour" : "each day").append(" typically ±").append(halfWidthPercent(half)).append(" · ");
    }
    detail.append("total ").append(Labels.usd(b.totalUsd().p5())).append(" – ").append(Labels.usd(b.totalUsd().p95()))
        .append(" (estimate ").append(Labels.usd(b.evaluation().estimate().totalUsd())).append(")");
    return Optional.of(new Band(x, cb.p5().clone(), cb.p95().clone(), cb.mean().clone(), legend, detail.toString()));
  }

  /** The median over the steps with a cost of (p95 − p5) / 2 relative to the mean; NaN when no step has a cost. */
  static double typicalHalfWidth(CurveBands cb) {
    double[] rel = new double[cb.steps()];
    int k = 0;
    for (int i = 0; i < cb.steps(); i++) {
      if (cb.mean()[i] > 0) {
        rel[k++] = (cb.p95()[i] - cb.p5()[i]) / 2 / cb.mean()[i];
      }
    }
    if (k == 0) {
      return Double.NaN;
    }
    double[] r = Arrays.copyOf(rel, k);
    Arrays.sort(r);
    return k % 2 == 1 ? r[k / 2] : (r[k / 2 - 1] + r[k / 2]) / 2;
  }

  /** 0.0083 → "0.8%", 0.00004 → "<0.1%", 0.25 → "25%". */
  static String halfWidthPercent(double share) {
    double pct = share * 100;
    if (pct < 0.05) {
      return "<0.1%";
    }
    return pct < 10 ? String.format(Locale.US, "%.1f%%", pct) : String.format(Locale.US, "%.0f%%", pct);
  }

  /**
   * A label of the cost axis: whole dollars from $100, else as many decimals as the tick unit
   * needs and at least two ($1.25, $0.0225, $0.00004).
   */
  public static String yLabel(double v, double tickUnit) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.US, "$%,.0f", v);
    }
    int decimals = 2;
    if (tickUnit > 0 && Double.isFinite(tickUnit)) {
      decimals = Math.max(2, Math.min(8, new java.math.BigDecimal(tickUnit).round(new java.math.MathContext(4)).stripTrailingZeros().scale()));
    }
    return String.format(Locale.US, "$%." + decimals + "f", v);
  }
}
