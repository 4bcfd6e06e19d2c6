package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.CostCurve;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
}
