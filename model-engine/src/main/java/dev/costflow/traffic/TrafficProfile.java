package dev.costflow.traffic;

import dev.costflow.model.Period;
import dev.costflow.model.Traffic;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

/** Lays a service's traffic over the hours of the period. */
public final class TrafficProfile {
  private TrafficProfile() {}

  /** Calls entering the graph in each hour of the period. */
  public static double[] hourly(Traffic t, Period period) {
    int hours = period.hours();
    if (t.rate() instanceof Traffic.ScheduleRate s) {
      return s.schedule().firesPerHour(period.start(), hours, t.zone());
    }
    if (t.rate() instanceof Traffic.Series s) {
      return series(s, period);
    }
    return shaped(total(t.rate(), period), t, period);
  }

  /** The period's total for the rate forms that are shaped (monthly, daily, hourly, rps). */
  public static double total(Traffic.Rate rate, Period period) {
    int hours = period.hours();
    if (rate instanceof Traffic.Monthly m) {
      return period.isCalendarMonth() ? m.calls() : m.calls() * hours / Period.CALCULATOR_MONTH_HOURS;
    }
    if (rate instanceof Traffic.Daily d) {
      return d.calls() * hours / 24.0;
    }
    if (rate instanceof Traffic.Hourly h) {
      return h.calls() * hours;
    }
    if (rate instanceof Traffic.Rps r) {
      return r.callsPerSecond() * 3600.0 * hours;
    }
    throw new IllegalArgumentException("not a shaped rate: " + rate);
  }

  private static double[] shaped(double total, Traffic t, Period period) {
    int hours = period.hours();
    double[] w = Shapes.weights(t.shape(), t.peakToMean(), t.peakHour(), period.start(), hours, t.zone());
    if (t.growthPct() != 0) {
      double perHour = Math.log1p(t.growthPct() / 100.0) / Period.CALCULATOR_MONTH_HOURS;
      for (int h = 0; h < hours; h++) {
        w[h] *= Math.exp(perHour * h);
      }
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double[] out = new double[hours];
    if (sum <= 0) {
      return out;
    }
    double scale = total / sum;
    for (int h = 0; h < hours; h++) {
      out[h] = w[h] * scale;
    }
    // Put the floating-point residue on the busiest hour so the hours add up to the total exactly.
    int busiest = 0;
    for (int h = 1; h < hours; h++) {
      if (out[h] > out[busiest]) {
        busiest = h;
      }
    }
    for (int i = 0; i < 4; i++) {
      double r = total - dev.costflow.services.Arrays2.sum(out);
      if (r == 0) {
        break;
      }
      out[busiest] += r;
    }
    return out;
  }

  /**
   * Series rows are summed into the hour they fall in. For a calendar-month period rows are
   * matched by timestamp (rows outside the month are ignored); for an hours-period the first row's
   * hour is hour 0.
   */
  private static double[] series(Traffic.Series s, Period period) {
    double[] out = new double[period.hours()];
    if (s.countsByHour().isEmpty()) {
      return out;
    }
    LocalDateTime origin = period.isCalendarMonth() ? period.start() : s.countsByHour().firstKey();
    for (Map.Entry<LocalDateTime, Double> e : s.countsByHour().entrySet()) {
      long h = Duration.between(origin, e.getKey()).toHours();
      if (!e.getKey().isBefore(origin) && h < out.length) {
        out[(int) h] += e.getValue();
      }
    }
    return out;
  }

  /** How many series rows fall inside the period (for a warning when few do). */
  public static int seriesRowsInPeriod(Traffic.Series s, Period period) {
    if (!period.isCalendarMonth()) {
      return (int) s.countsByHour().keySet().stream().filter(k -> Duration.between(s.countsByHour().firstKey(), k).toHours() < period.hours()).count();
    }
    LocalDateTime end = period.start().plusHours(period.hours());
    return s.countsByHour().subMap(period.start(), end).size();
  }
}
