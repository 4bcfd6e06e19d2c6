package dev.costflow.traffic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression — {@code rate(5 minutes)}, {@code cron(0 12 * * ? *)} or
 * {@code at(2025-11-03T10:00:00)} — counted into firings per hour of a period.
 *
 * <p>Cron follows the EventBridge format: six fields (minutes, hours, day-of-month, month,
 * day-of-week, year), day-of-week 1–7 = SUN–SAT, one of the two day fields must be {@code ?};
 * {@code L}, {@code W} and {@code #} are supported. A rate fires every N units from the start of
 * the period. Source: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
public abstract sealed class Schedule permits Schedule.RateSchedule, Schedule.CronSchedule, Schedule.AtSchedule {
  private static final Pattern RATE = Pattern.compile("^rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)$");
  private static final Pattern CRON = Pattern.compile("^cron\\((.*)\\)$");
  private static final Pattern AT = Pattern.compile("^at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2})?)\\)$");

  private final String expression;

  Schedule(String expression) {
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }

  /** Firings in each hour of [start, start + hours), with hour starts in UTC and the expression evaluated in {@code zone}. */
  public abstract double[] firesPerHour(LocalDateTime startUtc, int hours, ZoneId zone);

  /**
   * When the schedule fires: the minutes from the start of the period, ascending (counted per
   * hour they give {@link #firesPerHour}). The simulator places a schedule's calls at these times.
   */
  public abstract long[] firingMinutes(LocalDateTime startUtc, int hours, ZoneId zone);

  /** Parses an expression; throws {@link IllegalArgumentException} with a message saying what is wrong. */
  public static Schedule parse(String expression) {
    String e = expression.strip();
    Matcher r = RATE.matcher(e);
    if (r.matches()) {
      long n = Long.parseLong(r.group(1));
      if (n <= 0) {
        throw new IllegalArgumentException("rate value must be a positive whole number");
      }
      long minutes =
          switch (r.group(2)) {
            case "minute", "minutes" -> n;
            case "hour", "hours" -> n * 60;
            default -> n * 1440;
          };
      return new RateSchedule(e, minutes);
    }
    if (e.startsWith("rate(")) {
      throw new IllegalArgumentException("rate expressions look like rate(5 minutes), rate(1 hour) or rate(2 days)");
    }
    Matcher c = CRON.matcher(e);
    if (c.matches()) {
      return CronSchedule.of(e, c.group(1));
    }
    Matcher a = AT.matcher(e);
    if (a.matches()) {
      return new AtSchedule(e, LocalDateTime.parse(a.group(1).length() == 16 ? a.group(1) + ":00" : a.group(1)));
    }
    throw new IllegalArgumentException("schedule must be rate(N minutes|hours|days), cron(m h dom mon dow year) or at(YYYY-MM-DDThh:mm:ss), got '" + expression + "'");
  }

  @Override
  public String toString() {
    return expression;
  }

  /** Every N minutes from the start of the period. */
  public static final class RateSchedule extends Schedule {
    private final long minutes;

    RateSchedule(String expression, long minutes) {
      super(expression);
      this.minutes = minutes;
    }

    public long minutes() {
      return minutes;
    }

    @Override
    public double[] firesPerHour(LocalDateTime startUtc, int hours, ZoneId zone) {
      double[] out = new double[hours];
      long total = (long) hours * 60;
      for (long m = 0; m < total; m += minutes) {
        out[(int) (m / 60)] += 1;
      }
      return out;
    }

    @Override
    public long[] firingMinutes(LocalDateTime startUtc, int hours, ZoneId zone) {
      long total = (long) hours * 60;
      long[] out = new long[(int) ((total + minutes - 1) / minutes)];
      for (int i = 0; i < out.length; i++) {
        out[i] = i * minutes;
      }
      return out;
    }
  }

  /** One firing at a local date-time. */
  public static final class AtSchedule extends Schedule {
    private final LocalDateTime at;

    AtSchedule(String expression, LocalDateTime at) {
      super(expression);
      this.at = at;
    }

    @Override
    public double[] firesPerHour(LocalDateTime startUtc, int hours, ZoneId zone) {
      double[] out = new double[hours];
      LocalDateTime utc = at.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
      long h = java.time.Duration.between(startUtc, utc).toHours();
      if (!utc.isBefore(startUtc) && h < hours) {
        out[(int) h] = 1;
      }
      return out;
    }

    @Override
    public long[] firingMinutes(LocalDateTime startUtc, int hours, ZoneId zone) {
      LocalDateTime utc = at.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
      long m = java.time.Duration.between(startUtc, utc).toMinutes();
      return !utc.isBefore(startUtc) && m < (long) hours * 60 ? new long[] {m} : new long[0];
    }
  }

  /** An EventBridge cron expression. */
  public static final class CronSchedule extends Schedule {
    private static final Map<String, Integer> MONTHS =
        Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6),
            Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS =
        Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule dayRule;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule dayRule) {
      super(expression);
      this.minutes = minutes;
      this.hours = hours;
      this.months = months;
      this.years = years;
      this.dayRule = dayRule;
    }

    private interface DayRule {
      boolean matches(LocalDate d);
    }

    static CronSchedule of(String expression, String body) {
      String[] f = body.strip().split("\\s+");
      if (f.length != 6) {
        throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year), got " + f.length);
      }
      BitSet min = field(f[0], 0, 59, Map.of(), "minutes");
      BitSet hr = field(f[1], 0, 23, Map.of(), "hours");
      BitSet mon = field(f[3].toUpperCase(Locale.ROOT), 1, 12, MONTHS, "month");
      BitSet yr = field(f[5], 1970, 2199, Map.of(), "year");
      String dom = f[2].toUpperCase(Locale.ROOT);
      String dow = f[4].toUpperCase(Locale.ROOT);
      boolean domAny = dom.equals("?");
      boolean dowAny = dow.equals("?");
      if (domAny == dowAny) {
        throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be '?'");
      }
      DayRule rule = domAny ? dowRule(dow) : domRule(dom);
      return new CronSchedule(expression, min, hr, mon, yr, rule);
    }

    private static DayRule domRule(String dom) {
      if (dom.equals("L")) {
        return d -> d.getDayOfMonth() == d.lengthOfMonth();
      }
      if (dom.equals("LW")) {
        return d -> d.equals(nearestWeekday(d.withDayOfMonth(d.lengthOfMonth())));
      }
      if (dom.endsWith("W")) {
        int day = intIn(dom.substring(0, dom.length() - 1), 1, 31, "day-of-month");
        return d -> day <= d.lengthOfMonth() && d.equals(nearestWeekday(d.withDayOfMonth(day)));
      }
      BitSet days = field(dom, 1, 31, Map.of(), "day-of-month");
      return d -> days.get(d.getDayOfMonth());
    }

    private static LocalDate nearestWeekday(LocalDate d) {
      DayOfWeek w = d.getDayOfWeek();
      if (w == DayOfWeek.SATURDAY) {
        return d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
      }
      if (w == DayOfWeek.SUNDAY) {
        return d.getDayOfMonth() == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
      }
      return d;
    }

    private static int cronDay(LocalDate d) {
      return d.getDayOfWeek().getValue() % 7 + 1; // SUN=1 … SAT=7
    }

    private static DayRule dowRule(String dow) {
      if (dow.equals("L")) {
        return d -> cronDay(d) == 7;
      }
      if (dow.contains("#")) {
        String[] p = dow.split("#");
        if (p.length != 2) {
          throw new IllegalArgumentException("cron day-of-week 'd#n' means the n-th weekday d of the month, got " + dow);
        }
        int day = dayValue(p[0]);
        int nth = intIn(p[1], 1, 5, "day-of-week #");
        return d -> cronDay(d) == day && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
      }
      if (dow.endsWith("L")) {
        int day = dayValue(dow.substring(0, dow.length() - 1));
        return d -> cronDay(d) == day && d.plusDays(7).getMonthValue() != d.getMonthValue();
      }
      BitSet days = field(dow, 1, 7, DAYS, "day-of-week");
      return d -> days.get(cronDay(d));
    }

    private static int dayValue(String s) {
      Integer named = DAYS.get(s);
      return named != null ? named : intIn(s, 1, 7, "day-of-week");
    }

    private static int intIn(String s, int lo, int hi, String what) {
      try {
        int v = Integer.parseInt(s);
        if (v < lo || v > hi) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cron " + what + " value '" + s + "' must be between " + lo + " and " + hi);
      }
    }

    private static int value(String s, int lo, int hi, Map<String, Integer> names, String what) {
      Integer named = names.get(s);
      return named != null ? named : intIn(s, lo, hi, what);
    }

    private static BitSet field(String spec, int lo, int hi, Map<String, Integer> names, String what) {
      BitSet out = new BitSet(hi + 1);
      for (String part : spec.split(",")) {
        int step = 1;
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
          step = intIn(part.substring(slash + 1), 1, hi - lo + 1, what + " step");
          range = part.substring(0, slash);
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
          from = lo;
          to = hi;
        } else if (range.contains("-")) {
          String[] ab = range.split("-");
          if (ab.length != 2) {
            throw new IllegalArgumentException("cron " + what + " range '" + range + "' must be a-b");
          }
          from = value(ab[0], lo, hi, names, what);
          to = value(ab[1], lo, hi, names, what);
          if (to < from) {
            throw new IllegalArgumentException("cron " + what + " range '" + range + "' runs backwards");
          }
        } else {
          from = value(range, lo, hi, names, what);
          to = slash >= 0 ? hi : from;
        }
        for (int v = from; v <= to; v += step) {
          out.set(v);
        }
      }
      return out;
    }

    @Override
    public double[] firesPerHour(LocalDateTime startUtc, int hoursCount, ZoneId zone) {
      double[] out = new double[hoursCount];
      ZonedDateTime t = startUtc.atZone(ZoneOffset.UTC);
      for (int h = 0; h < hoursCount; h++) {
        ZonedDateTime hourStart = t.plusHours(h);
        ZonedDateTime local = hourStart.withZoneSameInstant(zone);
        // The local hour may start at a non-zero minute in zones with half-hour offsets: scan minutes.
        for (int m = 0; m < 60; m++) {
          ZonedDateTime lm = local.plusMinutes(m);
          if (minutes.get(lm.getMinute())
              && hours.get(lm.getHour())
              && months.get(lm.getMonthValue())
              && years.get(lm.getYear())
              && dayRule.matches(lm.toLocalDate())) {
            out[h] += 1;
          }
        }
      }
      return out;
    }

    @Override
    public long[] firingMinutes(LocalDateTime startUtc, int hoursCount, ZoneId zone) {
      java.util.List<Long> out = new java.util.ArrayList<>();
      ZonedDateTime t = startUtc.atZone(ZoneOffset.UTC);
      for (int h = 0; h < hoursCount; h++) {
        ZonedDateTime local = t.plusHours(h).withZoneSameInstant(zone);
        for (int m = 0; m < 60; m++) {
          ZonedDateTime lm = local.plusMinutes(m);
          if (minutes.get(lm.getMinute())
              && hours.get(lm.getHour())
              && months.get(lm.getMonthValue())
              && years.get(lm.getYear())
              && dayRule.matches(lm.toLocalDate())) {
            out.add(h * 60L + m);
          }
        }
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Days of a month that match, for tests and docs. */
    int matchingDays(YearMonth ym) {
      int n = 0;
      for (LocalDate d = ym.atDay(1); !d.isAfter(ym.atEndOfMonth()); d = d.plusDays(1)) {
        if (dayRule.matches(d) && months.get(d.getMonthValue()) && years.get(d.getYear())) {
          n++;
        }
      }
      return n;
    }

    static LocalDate lastDay(LocalDate d) {
      return d.with(TemporalAdjusters.lastDayOfMonth());
    }
  }
}
