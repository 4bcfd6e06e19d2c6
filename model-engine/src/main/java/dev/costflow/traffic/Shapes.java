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
 *   <li>{@code diurnal}: a smooth daily wave with a night floor:
 *       w(h) = t + (p − t) · ((1 + cos(2π (h − peak) / 24)) / 2)^k over the 24 hours, where p is
 *       peak_to_mean, the floor t = min(1/p, 0.9 · (24 − p) / 23) (the quietest hour carries about
 *       1/p of the mean, as the busiest carries p times it), and k is solved so that the day's
 *       mean is 1; 1 ≤ peak_to_mean &lt; 24.
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
        double[] day = dailyWave(peakToMean, peakHour);
        for (int h = 0; h < hours; h++) {
          w[h] = waveAt(day, clock.minuteOfDay(h));
        }
      }
      case WEEKLY -> {
        double weekendFactor = WEEKEND_FACTOR;
        double dayRatio;
        double baseRatio = 7.0 / (5 + 2 * WEEKEND_FACTOR);
        if (peakToMean <= baseRatio) {
          dayRatio = 1;
          weekendFactor = (7.0 / peakToMean - 5) / 2;
        } else {
          dayRatio = peakToMean / baseRatio;
        }
        double[] day = dailyWave(dayRatio, peakHour);
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

  /** The night floor of a diurnal day with the given peak-to-mean ratio. */
  static double floorOf(double ratio) {
    return Math.min(1 / ratio, 0.9 * (24 - ratio) / 23);
  }

  /** The 24 hourly weights of a day with mean 1 and busiest hour {@code ratio}, peaking at {@code peakHour}. */
  static double[] dailyWave(double ratio, int peakHour) {
    double[] day = new double[24];
    if (ratio <= 1) {
      java.util.Arrays.fill(day, 1);
      return day;
    }
    double t = floorOf(ratio);
    double k = solveDiurnalK((1 - t) / (ratio - t));
    for (int hour = 0; hour < 24; hour++) {
      int fromPeak = Math.floorMod(hour - peakHour, 24);
      day[hour] = t + (ratio - t) * (k == 0 ? 1 : Math.exp(k * HALF_COS[fromPeak]));
    }
    return day;
  }

  /** The weight of the local hour containing a minute of the day. */
  private static double waveAt(double[] day, int minuteOfDay) {
    return day[minuteOfDay / 60];
  }

  private static boolean isWeekend(DayOfWeek d) {
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
  }

  private static final double[] HALF_COS = new double[24];

  static {
    for (int h = 0; h < 24; h++) {
      HALF_COS[h] = Math.log((1 + Math.cos(2 * Math.PI * h / 24)) / 2);
    }
  }

  /**
   * The exponent k whose 24 hourly values ((1 + cos)/2)^k (peak 1) have the given mean, in (1/24, 1].
   */
  static double solveDiurnalK(double meanOfWave) {
    if (meanOfWave >= 1) {
      return 0;
    }
    if (meanOfWave <= 1.0 / 24) {
      throw new IllegalArgumentException("the daily wave cannot be that narrow");
    }
    double lo = 0;
    double hi = 1;
    while (waveMean(hi) > meanOfWave) {
      hi *= 2;
    }
    for (int i = 0; i < 64 && hi - lo > 1e-15 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (waveMean(mid) > meanOfWave) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Mean over the 24 hours of ((1 + cos)/2)^k, computed in log space. */
  static double waveMean(double k) {
    double sum = 0;
    for (int h = 0; h < 24; h++) {
      sum += k == 0 ? 1 : Math.exp(k * HALF_COS[h]);
    }
    return sum / 24;
  }
}
