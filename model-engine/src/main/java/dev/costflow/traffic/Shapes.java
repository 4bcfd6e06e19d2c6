package dev.costflow.traffic;

import dev.costflow.model.Traffic.Shape;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
    LocalClock clock = new LocalClock(startUtc, hours, zone);
    switch (shape) {
      case DIURNAL -> {
        double[] day = dailyWave(solveDiurnalK(peakToMean), peakHour);
        for (int h = 0; h < hours; h++) {
          w[h] = waveAt(day, clock.minuteOfDay(h));
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
        double[] day = dailyWave(k, peakHour);
        for (int h = 0; h < hours; h++) {
          double f = isWeekend(clock.dayOfWeek(h)) ? weekendFactor : 1;
          w[h] = f * waveAt(day, clock.minuteOfDay(h));
        }
      }
      case BUSINESS_HOURS -> {
        double high = peakToMean;
        double low = Math.max(0, (168 - BUSINESS_HOURS_PER_WEEK * high) / (168 - BUSINESS_HOURS_PER_WEEK));
        for (int h = 0; h < hours; h++) {
          int minute = clock.minuteOfDay(h);
          boolean business = !isWeekend(clock.dayOfWeek(h)) && minute >= 9 * 60 && minute < 17 * 60;
          w[h] = business ? high : low;
        }
      }
      default -> throw new IllegalStateException();
    }
    return w;
  }

  /**
   * Local clock of each hour of a period without a date-time object per hour: the zone offset
   * is looked up once and again only at its transitions (daylight saving).
   */
  static final class LocalClock {
    private final long startEpochSecond;
    private final java.time.zone.ZoneRules rules;
    private long validUntil = Long.MIN_VALUE;
    private int offsetSeconds;

    LocalClock(LocalDateTime startUtc, int hours, ZoneId zone) {
      this.startEpochSecond = startUtc.toEpochSecond(ZoneOffset.UTC);
      this.rules = zone.getRules();
    }

    private long localSecond(int h) {
      long t = startEpochSecond + 3600L * h;
      if (t >= validUntil || t < validUntil - 400L * 24 * 3600) {
        java.time.Instant at = java.time.Instant.ofEpochSecond(t);
        offsetSeconds = rules.getOffset(at).getTotalSeconds();
        java.time.zone.ZoneOffsetTransition next = rules.nextTransition(at);
        validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
      }
      return t + offsetSeconds;
    }

    int minuteOfDay(int h) {
      return (int) Math.floorMod(localSecond(h) / 60, 1440L);
    }

    DayOfWeek dayOfWeek(int h) {
      long day = Math.floorDiv(localSecond(h), 86400L);
      // 1970-01-01 was a Thursday
      return DayOfWeek.of((int) Math.floorMod(day + 3, 7L) + 1);
    }
  }

  /** The wave's value at the middle of each local hour, for the 24 whole hours. */
  private static double[] dailyWave(double k, int peakHour) {
    double[] day = new double[24];
    for (int hour = 0; hour < 24; hour++) {
      day[hour] = wave(hour, peakHour, k);
    }
    return day;
  }

  /** The wave at a local time; hours that start off the hour (zones with half-hour offsets) are computed directly. */
  private static double waveAt(double[] day, int minuteOfDay) {
    return day[minuteOfDay / 60];
  }

  private static boolean isWeekend(DayOfWeek d) {
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }

  /** The wave at the middle of the hour starting at local clock time {@code hourStart}. */
  private static double wave(double hourStart, int peakHour, double k) {
    if (k == 0) {
      return 1;
    }
    double t = hourStart + 0.5 - (peakHour + 0.5);
    return Math.pow(1 + Math.cos(2 * Math.PI * t / 24), k);
  }

  private static final double[] HALF_COS = new double[24];

  static {
    for (int h = 0; h < 24; h++) {
      HALF_COS[h] = Math.log((1 + Math.cos(2 * Math.PI * h / 24)) / 2);
    }
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
    for (int i = 0; i < 64 && hi - lo > 1e-15 * hi; i++) {
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
    // relative to the peak (h = 0 has value 1), in log space so that large k does not overflow
    double sum = 0;
    for (int h = 0; h < 24; h++) {
      sum += h == 12 ? 0 : Math.exp(k * HALF_COS[h]);
    }
    return 24 / sum;
  }
}
