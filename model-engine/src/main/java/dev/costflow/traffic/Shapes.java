package dev.costflow.traffic;

import dev.costflow.model.Traffic.Shape;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Hour-of-day and day-of-week weights of the traffic shapes. Each shape is a family with one
 * parameter chosen so that, over a whole day (diurnal) or week (weekly, business hours), the
 * busiest hour carries {@code peakToMean} times the mean hour:
 *
 * <ul>
 *   <li>{@code diurnal}: w(t) = (1 + cos(2π (t − peak) / 24))^k at each hour's middle, k solved;
 *       a smooth daily wave, 1 ≤ peak_to_mean &lt; 24.
 *   <li>{@code weekly}: the diurnal wave on weekdays, half of it on Saturday and Sunday;
 *       7/6 ≤ peak_to_mean &lt; 28 (below 7/6 the weekend dip shrinks instead).
 *   <li>{@code business_hours}: one level 09:00–17:00 Monday–Friday, a lower level otherwise;
 *       1 ≤ peak_to_mean ≤ 4.2 (at 4.2 all traffic is in business hours).
 * </ul>
 *
 * Hours are local to the traffic's time zone. The period's total is never changed by a shape: the
 * weights are normalized over the hours of the period.
 */
public final class Shapes {
  public static final double WEEKEND_FACTOR = 0.5;
  public static final int BUSINESS_HOURS_PER_WEEK = 40;

  private Shapes() {}

  /** The largest peak_to_mean a shape can express. */
  public static double maxPeakToMean(Shape shape) {
    return switch (shape) {
      case FLAT -> 1;
      case DIURNAL -> 24;
      case WEEKLY -> 24 * 7 / (5 + 2 * WEEKEND_FACTOR);
      case BUSINESS_HOURS -> 168.0 / BUSINESS_HOURS_PER_WEEK;
    };
  }

  /** Raw (un-normalized) weight of each hour of a period. */
  public static double[] weights(Shape shape, double peakToMean, int peakHour, LocalDateTime startUtc, int hours, ZoneId zone) {
    double[] w = new double[hours];
    if (shape == Shape.FLAT || peakToMean <= 1) {
      java.util.Arrays.fill(w, 1);
      return w;
    }
    ZonedDateTime start = startUtc.atZone(ZoneOffset.UTC);
    switch (shape) {
      case DIURNAL -> {
        double k = solveDiurnalK(peakToMean);
        for (int h = 0; h < hours; h++) {
          w[h] = wave(localHour(start, h, zone), peakHour, k);
        }
      }
      case WEEKLY -> {
        double weekendFactor = WEEKEND_FACTOR;
        double k;
        double baseRatio = 7.0 / (5 + 2 * WEEKEND_FACTOR);
        if (peakToMean <= baseRatio) {
          k = 0;
          weekendFactor = (7.0 / peakToMean - 5) / 2;
        } else {
          k = solveDiurnalK(peakToMean / baseRatio);
        }
        for (int h = 0; h < hours; h++) {
          ZonedDateTime local = start.plusHours(h).withZoneSameInstant(zone);
          double day = isWeekend(local.getDayOfWeek()) ? weekendFactor : 1;
          w[h] = day * wave(local.getHour() + local.getMinute() / 60.0, peakHour, k);
        }
      }
      case BUSINESS_HOURS -> {
        double high = peakToMean;
        double low = Math.max(0, (168 - BUSINESS_HOURS_PER_WEEK * high) / (168 - BUSINESS_HOURS_PER_WEEK));
        for (int h = 0; h < hours; h++) {
          ZonedDateTime local = start.plusHours(h).withZoneSameInstant(zone);
          boolean business = !isWeekend(local.getDayOfWeek()) && local.getHour() >= 9 && local.getHour() < 17;
          w[h] = business ? high : low;
        }
      }
      default -> throw new IllegalStateException();
    }
    return w;
  }

  private static boolean isWeekend(DayOfWeek d) {
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }

  private static double localHour(ZonedDateTime startUtc, int h, ZoneId zone) {
    ZonedDateTime local = startUtc.plusHours(h).withZoneSameInstant(zone);
    return local.getHour() + local.getMinute() / 60.0;
  }

  /** The wave at the middle of the hour starting at local clock time {@code hourStart}. */
  private static double wave(double hourStart, int peakHour, double k) {
    if (k == 0) {
      return 1;
    }
    double t = hourStart + 0.5 - (peakHour + 0.5);
    return Math.pow(1 + Math.cos(2 * Math.PI * t / 24), k);
  }

  /** The exponent k whose 24 hourly values have max / mean = ratio. */
  static double solveDiurnalK(double ratio) {
    if (ratio <= 1) {
      return 0;
    }
    double lo = 0;
    double hi = 1;
    while (dailyRatio(hi) < ratio) {
      hi *= 2;
      if (hi > 1e6) {
        throw new IllegalArgumentException("peak_to_mean " + ratio + " is too high for a daily shape (the limit is 24)");
      }
    }
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (dailyRatio(mid) < ratio) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  static double dailyRatio(double k) {
    double max = 0;
    double sum = 0;
    // relative to the peak, computed in log space so that large k does not overflow
    for (int h = 0; h < 24; h++) {
      double c = 1 + Math.cos(2 * Math.PI * h / 24);
      double v = c <= 0 ? 0 : Math.exp(k * Math.log(c / 2));
      sum += v;
      max = Math.max(max, v);
    }
    return max / (sum / 24);
  }
}
