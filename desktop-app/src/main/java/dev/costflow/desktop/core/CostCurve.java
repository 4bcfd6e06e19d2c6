package dev.costflow.desktop.core;

import dev.costflow.engine.Estimate;
import dev.costflow.model.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Cost over the period, per hour and per day (UTC), for the chart. Display values only. */
public record CostCurve(Period period, double[] hourlyUsd, List<LocalDate> days, double[] dailyUsd) {
  public CostCurve {
    days = List.copyOf(days);
  }

  public static CostCurve of(Estimate e) {
    Period p = e.period();
    double[] hourly = e.hourlyCostUsd();
    List<LocalDate> days = new ArrayList<>();
    List<Double> sums = new ArrayList<>();
    for (int h = 0; h < hourly.length; h++) {
      LocalDate d = p.hourStart(h).toLocalDate();
      if (days.isEmpty() || !days.get(days.size() - 1).equals(d)) {
        days.add(d);
        sums.add(0.0);
      }
      sums.set(sums.size() - 1, sums.get(sums.size() - 1) + hourly[h]);
    }
    return new CostCurve(p, hourly, days, sums.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Hourly points read best up to about a month; beyond that, daily. */
  public boolean prefersHourly() {
    return hourlyUsd.length <= 31 * 24;
  }
}
