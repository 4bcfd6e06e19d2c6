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
    // Hours of the first (possibly partial) day, then 24 an hour per day (UTC has no DST).
    int firstDayHours = 24 - p.start().getHour();
    LocalDate day = p.start().toLocalDate();
    double sum = 0;
    int inDay = 0;
    int dayLength = firstDayHours;
    for (int h = 0; h < hourly.length; h++) {
      sum += hourly[h];
      inDay++;
      if (inDay == dayLength || h == hourly.length - 1) {
        days.add(day);
        sums.add(sum);
        day = day.plusDays(1);
        sum = 0;
        inDay = 0;
        dayLength = 24;
      }
    }
    return new CostCurve(p, hourly, days, sums.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Hourly points read best up to about a month; beyond that, daily. */
  public boolean prefersHourly() {
    return hourlyUsd.length <= 31 * 24;
  }
}
