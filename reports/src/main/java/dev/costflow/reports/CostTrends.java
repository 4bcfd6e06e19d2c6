package dev.costflow.reports;

import dev.costflow.actuals.DailyCost;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The analytics behind the daily dashboard, over billed daily costs (UTC days): totals per day and
 * service, a 7-day moving average, weekday seasonality, month-to-date with a month-end forecast
 * and its interval, anomalies with their drivers, and top movers week over week.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li><b>Weekday factors</b> (with 14 days or more): for each day with a full centred 7-day
 *       window, its ratio to the window's mean; the factor of a weekday is the median of its
 *       ratios, normalised to average 1 — used only when they are more than noise (χ² test of the
 *       factors against 1 at the 1 % level). Fewer days or no clear pattern: all factors are 1.
 *   <li><b>Moving average</b>: trailing 7 days (from the 7th day on).
 *   <li><b>Forecast</b>: simple exponential smoothing of the deseasonalised daily totals (each
 *       one-step error clipped to 3 robust standard deviations so one spike does not move the
 *       level); remaining days = level × weekday factor. The variance of the sum of the remaining
 *       days is that of the local-level model (ARIMA(0,1,1): the error of day T+k carries into
 *       every later day with weight α) with the spread of the one-step errors of the last 56 days.
 *       The smoothing constant α is not picked but averaged over a grid (0.02 … 0.8) weighted by
 *       each fit's likelihood, so an uncertain α widens the interval. The interval uses Student's
 *       t (90 % by default) and never goes below the month-to-date amount.
 *   <li><b>Anomalies</b> (from the 8th day): expected = median of the previous (up to 28)
 *       deseasonalised days × the day's weekday factor; spread = 1.4826 × their median absolute
 *       deviation × the factor, at least 2 % of expected; a day is an anomaly when it is at least
 *       {@code threshold} spreads away and the difference is at least {@code minAnomalyUsd} and
 *       {@code minAnomalyShare} of expected. A shift that lasts 3 days in a row becomes the new
 *       level (the baseline restarts there), so a lasting change is flagged on its first days, not
 *       for weeks. Drivers: the (service, usage type) pairs whose own cost moved most in the same
 *       direction, against their own expected level computed alike (up to three; after the
 *       first, only those explaining 5 % of the difference or more).
 *   <li><b>Top movers</b> (with 14 days or more): each service's last 7 days against the 7 before.
 * </ul>
 * Money shown (days, month-to-date, movers) is summed exactly in {@link BigDecimal}; statistics
 * (averages, forecast, scores) use doubles and are display values.
 */
public final class CostTrends {
  /** Tuning of the analysis; {@link #defaults()} is what the dashboard uses. */
  public record Options(double anomalyThreshold, double minAnomalyUsd, double minAnomalyShare, double confidence, int baselineDays, int stackedServices) {
    public static Options defaults() {
      return new Options(3.5, 1.0, 0.10, 0.90, 28, 7);
    }
  }

  /** The analysis of one set of daily costs. */
  public record Trends(
      List<LocalDate> days,
      List<String> services,
      Map<String, BigDecimal[]> dailyByService,
      BigDecimal[] dailyTotal,
      double[] movingAverage7,
      double[] weekdayFactors,
      Optional<MonthToDate> monthToDate,
      List<Anomaly> anomalies,
      List<Mover> topMovers,
      BigDecimal totalUsd,
      int rows) {
    public boolean isEmpty() {
      return days.isEmpty();
    }

    public LocalDate firstDay() {
      return days.get(0);
    }

    public LocalDate lastDay() {
      return days.get(days.size() - 1);
    }

    public int index(LocalDate day) {
      return (int) ChronoUnit.DAYS.between(firstDay(), day);
    }
  }

  /**
   * The month of the last day with data: billed so far and the month-end forecast.
   *
   * @param daysWithData days of the month up to the last day with data
   * @param dailyForecast expected cost of each remaining day (empty when the month is complete)
   * @param dailyLow lower bound of each remaining day's own interval (for the chart)
   * @param dailyHigh upper bound of each remaining day's own interval
   */
  public record MonthToDate(
      YearMonth month,
      BigDecimal monthToDateUsd,
      int daysWithData,
      int daysInMonth,
      double forecastUsd,
      double lowUsd,
      double highUsd,
      double confidence,
      double[] dailyForecast,
      double[] dailyLow,
      double[] dailyHigh,
      double smoothing) {
    public boolean complete() {
      return daysWithData >= daysInMonth;
    }
  }

  /** A day far from its expected level. {@code score}: difference in robust standard deviations. */
  public record Anomaly(LocalDate day, BigDecimal actualUsd, double expectedUsd, double score, List<AnomalyDriver> drivers) {
    public double differenceUsd() {
      return actualUsd.doubleValue() - expectedUsd;
    }

    public boolean isSpike() {
      return differenceUsd() > 0;
    }
  }

  /** One (service, usage type) behind an anomaly: its own cost that day against its expected level. */
  public record AnomalyDriver(String service, String usageType, BigDecimal actualUsd, double expectedUsd, double shareOfDifference) {
    public double differenceUsd() {
      return actualUsd.doubleValue() - expectedUsd;
    }
  }

  /** A service's last 7 days against the 7 before, with the usage type that moved most. */
  public record Mover(String service, BigDecimal lastWeekUsd, BigDecimal previousWeekUsd, String topUsageType, BigDecimal topUsageTypeDeltaUsd) {
    public BigDecimal deltaUsd() {
      return lastWeekUsd.subtract(previousWeekUsd);
    }

    /** Change in percent of the previous week's magnitude (credits can make a week negative); empty when it was $0. */
    public Optional<Double> deltaPct() {
      return previousWeekUsd.signum() == 0 ? Optional.empty() : Optional.of(deltaUsd().doubleValue() / previousWeekUsd.abs().doubleValue() * 100);
    }
  }

  private CostTrends() {}

  public static Trends analyze(List<DailyCost> rows) {
    return analyze(rows, Options.defaults());
  }

  public static Trends analyze(List<DailyCost> rows, Options o) {
    Objects.requireNonNull(rows);
    if (rows.isEmpty()) {
      return new Trends(List.of(), List.of(), Map.of(), new BigDecimal[0], new double[0], ones(), Optional.empty(), List.of(), List.of(), BigDecimal.ZERO, 0);
    }
    LocalDate first = rows.stream().map(DailyCost::day).min(Comparator.naturalOrder()).orElseThrow();
    LocalDate last = rows.stream().map(DailyCost::day).max(Comparator.naturalOrder()).orElseThrow();
    int n = (int) ChronoUnit.DAYS.between(first, last) + 1;
    List<LocalDate> days = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      days.add(first.plusDays(i));
    }

    Map<String, BigDecimal[]> byService = new TreeMap<>();
    Map<String, BigDecimal[]> byKey = new TreeMap<>();
    BigDecimal[] total = zeros(n);
    for (DailyCost r : rows) {
      int i = (int) ChronoUnit.DAYS.between(first, r.day());
      byService.computeIfAbsent(r.service(), k -> zeros(n))[i] = byService.get(r.service())[i].add(r.billedUsd());
      String key = r.service() + "\u0000" + r.usageType();
      byKey.computeIfAbsent(key, k -> zeros(n))[i] = byKey.get(key)[i].add(r.billedUsd());
      total[i] = total[i].add(r.billedUsd());
    }
    List<String> services = new ArrayList<>(byService.keySet());
    services.sort(Comparator.comparing((String s) -> sum(byService.get(s))).reversed().thenComparing(Comparator.naturalOrder()));
    Map<String, BigDecimal[]> ordered = new LinkedHashMap<>();
    for (String s : services) {
      ordered.put(s, byService.get(s));
    }

    double[] y = toDouble(total);
    double[] factors = weekdayFactors(days, y);
    double[] ma = movingAverage(y, 7);
    List<Anomaly> anomalies = anomalies(days, y, total, factors, byKey, o);
    Optional<MonthToDate> mtd = monthToDate(days, y, total, factors, o);
    List<Mover> movers = movers(n, byService, byKey);
    return new Trends(List.copyOf(days), List.copyOf(services), ordered, total, ma, factors, mtd, anomalies, movers, sum(total), rows.size());
  }

  // ------------------------------------------------------------------ seasonality

  static double[] weekdayFactors(List<LocalDate> days, double[] y) {
    double[] f = ones();
    if (y.length < 14) {
      return f;
    }
    List<List<Double>> ratios = new ArrayList<>();
    for (int w = 0; w < 7; w++) {
      ratios.add(new ArrayList<>());
    }
    for (int t = 3; t + 3 < y.length; t++) {
      double mean = 0;
      for (int k = t - 3; k <= t + 3; k++) {
        mean += y[k];
      }
      mean /= 7;
      if (mean > 0) {
        ratios.get(weekday(days.get(t))).add(y[t] / mean);
      }
    }
    double avg = 0;
    double chi2 = 0;
    for (int w = 0; w < 7; w++) {
      double[] r = ratios.get(w).stream().mapToDouble(Double::doubleValue).toArray();
      if (r.length < 2) {
        return ones();
      }
      f[w] = median(r);
      avg += f[w];
      // standard error of a median ≈ 1.2533 σ / √n, σ from the ratios' robust spread
      double se = 1.2533 * Math.max(1.4826 * mad(r), 1e-6) / Math.sqrt(r.length);
      chi2 += Math.pow((f[w] - 1) / se, 2);
    }
    avg /= 7;
    // Keep the pattern only when it is more than noise: χ² of the factors against 1 (6 degrees of freedom, 1 %).
    if (!(avg > 0) || chi2 < SEASONALITY_CHI2) {
      return ones();
    }
    for (int w = 0; w < 7; w++) {
      f[w] = Math.max(f[w] / avg, 0.05);
    }
    return f;
  }

  /** The 99th percentile of χ² with 6 degrees of freedom: weekday factors must beat it to be used. */
  static final double SEASONALITY_CHI2 = 16.81;

  static int weekday(LocalDate d) {
    return d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
  }

  static double[] movingAverage(double[] y, int window) {
    double[] ma = new double[y.length];
    double run = 0;
    for (int i = 0; i < y.length; i++) {
      run += y[i];
      if (i >= window) {
        run -= y[i - window];
      }
      ma[i] = i >= window - 1 ? run / window : Double.NaN;
    }
    return ma;
  }

  // ------------------------------------------------------------------ anomalies

  private static List<Anomaly> anomalies(List<LocalDate> days, double[] y, BigDecimal[] total, double[] f, Map<String, BigDecimal[]> byKey, Options o) {
    List<Anomaly> out = new ArrayList<>();
    int n = y.length;
    double[] z = deseasonalize(days, y, f);
    Map<String, double[]> keyZ = new LinkedHashMap<>();
    for (Map.Entry<String, BigDecimal[]> e : byKey.entrySet()) {
      keyZ.put(e.getKey(), deseasonalize(days, toDouble(e.getValue()), f));
    }
    int floor = 0; // start of the baseline: moves to the start of a level shift once it has lasted SHIFT_DAYS
    int runStart = -1;
    int runSign = 0;
    for (int t = 7; t < n; t++) {
      int from = Math.max(floor, t - o.baselineDays());
      double[] window = Arrays.copyOfRange(z, from, t);
      double level = median(window);
      double fw = f[weekday(days.get(t))];
      double expected = level * fw;
      double spread = Math.max(1.4826 * mad(window) * fw, 0.02 * expected);
      double diff = y[t] - expected;
      if (spread <= 0) {
        spread = Math.max(0.01, 0.02 * Math.abs(y[t]));
      }
      double score = diff / spread;
      boolean anomaly = Math.abs(score) >= o.anomalyThreshold() && Math.abs(diff) >= o.minAnomalyUsd() && Math.abs(diff) >= o.minAnomalyShare() * expected;
      if (anomaly) {
        out.add(new Anomaly(days.get(t), total[t], expected, score, drivers(t, from, fw, diff, byKey, keyZ)));
        int sign = (int) Math.signum(diff);
        if (sign != runSign || runStart < 0) {
          runStart = t;
          runSign = sign;
        }
        if (t - runStart + 1 >= SHIFT_DAYS) {
          floor = runStart; // a new level: later days are measured against it
          runStart = -1;
          runSign = 0;
        }
      } else {
        runStart = -1;
        runSign = 0;
      }
    }
    return out;
  }

  private static List<AnomalyDriver> drivers(int t, int from, double fw, double diff, Map<String, BigDecimal[]> byKey, Map<String, double[]> keyZ) {
    List<AnomalyDriver> all = new ArrayList<>();
    for (Map.Entry<String, BigDecimal[]> e : byKey.entrySet()) {
      double[] z = keyZ.get(e.getKey());
      double expected = median(Arrays.copyOfRange(z, from, t)) * fw;
      BigDecimal actual = e.getValue()[t];
      double d = actual.doubleValue() - expected;
      if (Math.signum(d) == Math.signum(diff) && d != 0) {
        String[] parts = e.getKey().split("\u0000", 2);
        all.add(new AnomalyDriver(parts[0], parts[1], actual, expected, d / diff));
      }
    }
    all.sort(Comparator.comparingDouble((AnomalyDriver a) -> Math.abs(a.differenceUsd())).reversed()
        .thenComparing(AnomalyDriver::service).thenComparing(AnomalyDriver::usageType));
    // the largest, and the next ones that explain at least 5 % of the difference
    List<AnomalyDriver> out = new ArrayList<>();
    for (AnomalyDriver d : all) {
      if (out.size() == 3 || (!out.isEmpty() && d.shareOfDifference() < 0.05)) {
        break;
      }
      out.add(d);
    }
    return List.copyOf(out);
  }

  private static double[] deseasonalize(List<LocalDate> days, double[] y, double[] f) {
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = y[i] / f[weekday(days.get(i))];
    }
    return z;
  }

  // ------------------------------------------------------------------ forecast

  /** Consecutive anomalies in one direction after which the new level becomes the baseline. */
  static final int SHIFT_DAYS = 3;

  static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8};

  private static Optional<MonthToDate> monthToDate(List<LocalDate> days, double[] y, BigDecimal[] total, double[] f, Options o) {
    int n = y.length;
    LocalDate last = days.get(n - 1);
    YearMonth month = YearMonth.from(last);
    BigDecimal mtd = BigDecimal.ZERO;
    int withData = last.getDayOfMonth();
    for (int i = 0; i < n; i++) {
      if (YearMonth.from(days.get(i)).equals(month)) {
        mtd = mtd.add(total[i]);
      }
    }
    int inMonth = month.lengthOfMonth();
    int remaining = inMonth - withData;
    double mtdD = mtd.doubleValue();
    if (remaining == 0) {
      return Optional.of(new MonthToDate(month, mtd, withData, inMonth, mtdD, mtdD, mtdD, o.confidence(), new double[0], new double[0], new double[0], Double.NaN));
    }
    double[] z = deseasonalize(days, y, f);
    double scale = 1.4826 * mad(z);
    if (!(scale > 0)) {
      scale = Math.max(1e-9, 0.05 * Math.abs(median(z)));
    }
    double[] fw = new double[remaining];
    for (int k = 0; k < remaining; k++) {
      fw[k] = f[weekday(last.plusDays(k + 1))];
    }
    int recentErrors = Math.min(n - 1, 2 * o.baselineDays());
    // One fit per smoothing constant; the forecast averages them by likelihood (so that an
    // uncertain constant widens the interval instead of being taken as known).
    int g = ALPHAS.length;
    double[] logLik = new double[g];
    double[] levels = new double[g];
    double[] sigmas = new double[g];
    for (int a = 0; a < g; a++) {
      double level = z[0];
      double sse = 0;
      double recentSs = 0;
      for (int t = 1; t < n; t++) {
        double e = clamp(z[t] - level, 3 * scale);
        sse += e * e;
        if (t >= n - recentErrors) {
          recentSs += e * e;
        }
        level += ALPHAS[a] * e;
      }
      levels[a] = level;
      sigmas[a] = n >= 4 ? Math.sqrt(recentSs / recentErrors) : 0.25 * Math.abs(level); // little history: wide and honest
      sigmas[a] = Math.max(sigmas[a], 0.01 * Math.abs(level));
      logLik[a] = n >= 4 ? -0.5 * (n - 1) * Math.log(Math.max(sse, 1e-18) / (n - 1)) : 0;
    }
    double maxLl = Arrays.stream(logLik).max().orElse(0);
    double[] w = new double[g];
    double wSum = 0;
    for (int a = 0; a < g; a++) {
      w[a] = Math.exp(logLik[a] - maxLl);
      wSum += w[a];
    }
    double[] fc = new double[remaining];
    double[] dayVar = new double[remaining];
    double restMean = 0;
    double restSecond = 0; // E[X²] of the mixture
    double alphaMean = 0;
    for (int a = 0; a < g; a++) {
      double wa = w[a] / wSum;
      double alpha = ALPHAS[a];
      alphaMean += wa * alpha;
      double sumF = 0;
      double var = 0;
      double tail = 0;
      // Var(sum of remaining days) = σ² Σ_k c_k², c_k = f_k + α Σ_{h>k} f_h  (ARIMA(0,1,1) ψ-weights)
      for (int k = remaining - 1; k >= 0; k--) {
        double c = fw[k] + alpha * tail;
        var += c * c;
        tail += fw[k];
      }
      for (int k = 0; k < remaining; k++) {
        double mean = levels[a] * fw[k];
        double v = Math.pow(sigmas[a] * fw[k], 2) * (1 + k * alpha * alpha);
        fc[k] += wa * mean;
        dayVar[k] += wa * (v + mean * mean);
        sumF += fw[k];
      }
      double mean = levels[a] * sumF;
      restMean += wa * mean;
      restSecond += wa * (sigmas[a] * sigmas[a] * var + mean * mean);
    }
    double zq = n >= 5 ? new TDistribution(recentErrors - 1).inverseCumulativeProbability(0.5 + o.confidence() / 2) : normalQuantile(0.5 + o.confidence() / 2);
    double[] lo = new double[remaining];
    double[] hi = new double[remaining];
    for (int k = 0; k < remaining; k++) {
      double sd = Math.sqrt(Math.max(0, dayVar[k] - fc[k] * fc[k]));
      fc[k] = Math.max(0, fc[k]);
      lo[k] = Math.max(0, fc[k] - zq * sd);
      hi[k] = fc[k] + zq * sd;
    }
    double half = zq * Math.sqrt(Math.max(0, restSecond - restMean * restMean));
    double forecast = mtdD + Math.max(0, restMean);
    return Optional.of(new MonthToDate(month, mtd, withData, inMonth, forecast, Math.max(mtdD, forecast - half), forecast + half, o.confidence(), fc, lo, hi, alphaMean));
  }

  private static double clamp(double e, double limit) {
    return Math.max(-limit, Math.min(limit, e));
  }

  // ------------------------------------------------------------------ movers

  private static List<Mover> movers(int n, Map<String, BigDecimal[]> byService, Map<String, BigDecimal[]> byKey) {
    if (n < 14) {
      return List.of();
    }
    List<Mover> out = new ArrayList<>();
    for (Map.Entry<String, BigDecimal[]> e : byService.entrySet()) {
      BigDecimal last = sum(e.getValue(), n - 7, n);
      BigDecimal prev = sum(e.getValue(), n - 14, n - 7);
      if (last.compareTo(prev) == 0) {
        continue;
      }
      String topType = "";
      BigDecimal topDelta = BigDecimal.ZERO;
      for (Map.Entry<String, BigDecimal[]> k : byKey.entrySet()) {
        String[] parts = k.getKey().split("\u0000", 2);
        if (!parts[0].equals(e.getKey())) {
          continue;
        }
        BigDecimal d = sum(k.getValue(), n - 7, n).subtract(sum(k.getValue(), n - 14, n - 7));
        if (d.abs().compareTo(topDelta.abs()) > 0) {
          topDelta = d;
          topType = parts[1];
        }
      }
      out.add(new Mover(e.getKey(), last, prev, topType, topDelta));
    }
    out.sort(Comparator.comparing((Mover m) -> m.deltaUsd().abs()).reversed().thenComparing(Mover::service));
    return List.copyOf(out.subList(0, Math.min(10, out.size())));
  }

  // ------------------------------------------------------------------ numbers

  private static BigDecimal[] zeros(int n) {
    BigDecimal[] a = new BigDecimal[n];
    Arrays.fill(a, BigDecimal.ZERO);
    return a;
  }

  private static double[] ones() {
    double[] f = new double[7];
    Arrays.fill(f, 1.0);
    return f;
  }

  static BigDecimal sum(BigDecimal[] a) {
    return sum(a, 0, a.length);
  }

  static BigDecimal sum(BigDecimal[] a, int from, int to) {
    BigDecimal s = BigDecimal.ZERO;
    for (int i = Math.max(0, from); i < to; i++) {
      s = s.add(a[i]);
    }
    return s;
  }

  static double[] toDouble(BigDecimal[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i].doubleValue();
    }
    return d;
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return 0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  static double mad(double[] v) {
    if (v.length == 0) {
      return 0;
    }
    double med = median(v);
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = Math.abs(v[i] - med);
    }
    return median(d);
  }

  static double stdev(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double mean = Arrays.stream(v).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }

  static double normalQuantile(double p) {
    return new NormalDistribution().inverseCumulativeProbability(p);
  }
}
