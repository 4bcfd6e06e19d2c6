package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.actuals.DailyCost;
import dev.costflow.reports.CostTrends.Anomaly;
import dev.costflow.reports.CostTrends.MonthToDate;
import dev.costflow.reports.CostTrends.Trends;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CostTrendsTest {
  static DailyCost row(LocalDate day, String service, String usageType, double usd) {
    BigDecimal v = BigDecimal.valueOf(usd).setScale(6, RoundingMode.HALF_UP);
    return new DailyCost(day, service, usageType, "", 1, "units", v, v);
  }

  /** One service whose cost is {@code usd[i]} on day i from {@code first}. */
  static List<DailyCost> series(LocalDate first, double... usd) {
    List<DailyCost> out = new ArrayList<>();
    for (int i = 0; i < usd.length; i++) {
      out.add(row(first.plusDays(i), "AWS Lambda", "Lambda-GB-Second", usd[i]));
    }
    return out;
  }

  @Test
  void noDataIsAnEmptyAnalysis() {
    Trends t = CostTrends.analyze(List.of());
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.monthToDate()).isEmpty();
    assertThat(t.anomalies()).isEmpty();
  }

  @Test
  void flatCostFlatForecast() {
    double[] v = new double[40];
    java.util.Arrays.fill(v, 10.0);
    Trends t = CostTrends.analyze(series(LocalDate.of(2025, 10, 1), v)); // 2025-10-01 … 2025-11-09
    assertThat(t.days()).hasSize(40);
    assertThat(t.movingAverage7()[5]).isNaN();
    assertThat(t.movingAverage7()[6]).isCloseTo(10.0, within(1e-12));
    assertThat(t.weekdayFactors()).containsOnly(1.0);
    assertThat(t.anomalies()).isEmpty();
    MonthToDate m = t.monthToDate().orElseThrow();
    assertThat(m.month()).isEqualTo(YearMonth.of(2025, 11));
    assertThat(m.daysWithData()).isEqualTo(9);
    assertThat(m.monthToDateUsd()).isEqualByComparingTo("90");
    assertThat(m.forecastUsd()).isCloseTo(300.0, within(1e-9));
    assertThat(m.lowUsd()).isLessThan(300).isGreaterThan(290);
    assertThat(m.highUsd()).isGreaterThan(300).isLessThan(310);
    assertThat(m.dailyForecast()).hasSize(21);
    for (double d : m.dailyForecast()) {
      assertThat(d).isCloseTo(10.0, within(1e-9));
    }
  }

  @Test
  void aCompleteMonthNeedsNoForecast() {
    double[] v = new double[30];
    java.util.Arrays.fill(v, 5.0);
    MonthToDate m = CostTrends.analyze(series(LocalDate.of(2025, 11, 1), v)).monthToDate().orElseThrow();
    assertThat(m.complete()).isTrue();
    assertThat(m.forecastUsd()).isEqualTo(150.0);
    assertThat(m.lowUsd()).isEqualTo(m.highUsd());
  }

  @Test
  void weekendsAreNotAnomaliesButAWeekdayAtTheWeekendLevelIs() {
    LocalDate first = LocalDate.of(2025, 9, 1); // a Monday
    int n = 63;
    double[] v = new double[n];
    Random rnd = new Random(7);
    for (int i = 0; i < n; i++) {
      boolean weekend = first.plusDays(i).getDayOfWeek().getValue() >= 6;
      v[i] = (weekend ? 40 : 100) * (1 + 0.02 * (rnd.nextDouble() * 2 - 1));
    }
    Trends clean = CostTrends.analyze(series(first, v));
    assertThat(clean.anomalies()).as("a weekly pattern alone is not anomalous").isEmpty();
    assertThat(clean.weekdayFactors()[5]).isCloseTo(40.0 / (100 * 5 + 40 * 2) * 7, within(0.05));

    LocalDate wednesday = LocalDate.of(2025, 10, 22);
    v[(int) java.time.temporal.ChronoUnit.DAYS.between(first, wednesday)] = 40;
    Trends dip = CostTrends.analyze(series(first, v));
    assertThat(dip.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.day()).isEqualTo(wednesday);
      assertThat(a.isSpike()).isFalse();
      assertThat(a.expectedUsd()).isCloseTo(100, within(3.0));
      assertThat(a.score()).isLessThan(-3.5);
    });
  }

  @Test
  void theFixtureSpikeIsFoundWithItsDriverAndNothingElseOnQuietDays() {
    Trends t = CostTrends.analyze(BillingFixture.rows());
    assertThat(t.days()).hasSize(BillingFixture.DAYS);
    assertThat(t.services()).first().isEqualTo("AWS Lambda");
    Anomaly spike = t.anomalies().stream().filter(a -> a.day().equals(BillingFixture.SPIKE_DAY)).findFirst().orElseThrow();
    assertThat(spike.isSpike()).isTrue();
    assertThat(spike.drivers().get(0).service()).isEqualTo("AWS Lambda");
    assertThat(spike.drivers().get(0).usageType()).isEqualTo("Lambda-GB-Second");
    assertThat(spike.drivers().get(0).shareOfDifference()).isGreaterThan(0.8);
    // the index migration is a lasting shift: flagged on its first days only, then it is the new level
    List<LocalDate> shift = t.anomalies().stream().map(Anomaly::day).filter(d -> !d.isBefore(BillingFixture.MIGRATION_DAY)).toList();
    assertThat(shift).isNotEmpty().hasSizeLessThanOrEqualTo(3).first().isEqualTo(BillingFixture.MIGRATION_DAY);
    Anomaly migration = t.anomalies().stream().filter(a -> a.day().equals(BillingFixture.MIGRATION_DAY)).findFirst().orElseThrow();
    assertThat(migration.drivers().get(0).usageType()).isEqualTo("WriteRequestUnits");
    assertThat(t.anomalies()).extracting(Anomaly::day).allMatch(d -> d.equals(BillingFixture.SPIKE_DAY) || !d.isBefore(BillingFixture.MIGRATION_DAY));
  }

  @Test
  void topMoversWeekOverWeek() {
    Trends t = CostTrends.analyze(BillingFixture.rows());
    CostTrends.Mover top = t.topMovers().get(0);
    assertThat(top.service()).isEqualTo("Amazon DynamoDB");
    assertThat(top.topUsageType()).isEqualTo("WriteRequestUnits");
    assertThat(top.deltaUsd()).isPositive();
    BigDecimal last = BigDecimal.ZERO;
    BigDecimal prev = BigDecimal.ZERO;
    for (DailyCost r : BillingFixture.rows()) {
      if (r.service().equals("Amazon DynamoDB")) {
        if (!r.day().isBefore(LocalDate.of(2025, 11, 9))) {
          last = last.add(r.billedUsd());
        } else if (!r.day().isBefore(LocalDate.of(2025, 11, 2))) {
          prev = prev.add(r.billedUsd());
        }
      }
    }
    assertThat(top.lastWeekUsd()).isEqualByComparingTo(last);
    assertThat(top.previousWeekUsd()).isEqualByComparingTo(prev);
    assertThat(CostTrends.analyze(series(LocalDate.of(2025, 1, 1), 1, 2, 3)).topMovers()).isEmpty();
  }

  @Test
  void monthToDateSumsTheMonthExactly() {
    Trends t = CostTrends.analyze(BillingFixture.rows());
    MonthToDate m = t.monthToDate().orElseThrow();
    BigDecimal expected = BillingFixture.rows().stream().filter(r -> YearMonth.from(r.day()).equals(YearMonth.of(2025, 11)))
        .map(DailyCost::billedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(m.monthToDateUsd()).isEqualByComparingTo(expected);
    assertThat(m.daysWithData()).isEqualTo(15);
    assertThat(m.lowUsd()).isLessThan(m.forecastUsd());
    assertThat(m.highUsd()).isGreaterThan(m.forecastUsd());
    assertThat(m.lowUsd()).isGreaterThanOrEqualTo(m.monthToDateUsd().doubleValue());
    BigDecimal total = BillingFixture.rows().stream().map(DailyCost::billedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(t.totalUsd()).isEqualByComparingTo(total);
  }

  /**
   * The forecast interval covers the real month-end about as often as it says: series from a
   * local-level model with noise, forecast at mid-month, 300 seeded runs.
   */
  @Test
  void forecastIntervalCoverage() {
    Random rnd = new Random(20251115L);
    int runs = 300;
    int covered = 0;
    for (int run = 0; run < runs; run++) {
      LocalDate first = LocalDate.of(2025, 9, 1);
      int n = 91; // to 2025-11-30
      double[] v = new double[n];
      double level = 100;
      for (int i = 0; i < n; i++) {
        level = Math.max(1, level + rnd.nextGaussian() * 1.5);
        v[i] = Math.max(0, level + rnd.nextGaussian() * 6);
      }
      int cut = n - 15; // data up to 2025-11-15
      Trends t = CostTrends.analyze(series(first, java.util.Arrays.copyOf(v, cut)));
      MonthToDate m = t.monthToDate().orElseThrow();
      double truth = 0;
      for (int i = n - 30; i < n; i++) {
        truth += BigDecimal.valueOf(v[i]).setScale(6, RoundingMode.HALF_UP).doubleValue();
      }
      if (truth >= m.lowUsd() && truth <= m.highUsd()) {
        covered++;
      }
    }
    double coverage = covered / (double) runs;
    assertThat(coverage).as("coverage of the 90 %% interval").isBetween(0.85, 0.96);
  }

  @Test
  void fewDaysOrZerosStillMakeAPage() {
    for (double[] v : new double[][] {{5}, {0, 0, 0}, {1, 2}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {3, 0, 0, 7, 0, 0, 0, 0, 9}}) {
      Trends t = CostTrends.analyze(series(LocalDate.of(2025, 11, 1), v));
      MonthToDate m = t.monthToDate().orElseThrow();
      assertThat(m.forecastUsd()).isFinite().isGreaterThanOrEqualTo(m.monthToDateUsd().doubleValue());
      assertThat(m.lowUsd()).isFinite().isLessThanOrEqualTo(m.forecastUsd());
      assertThat(m.highUsd()).isFinite().isGreaterThanOrEqualTo(m.forecastUsd());
      String html = DashboardHtml.render(t, java.util.Optional.empty(), DashboardHtmlTest.META);
      assertThat(html).contains("id=\"daily-chart\"").doesNotContain("NaN").doesNotContain("Infinity");
    }
  }

  @Test
  void normalQuantile() {
    assertThat(CostTrends.normalQuantile(0.95)).isCloseTo(1.6448536, within(1e-6));
    assertThat(DashboardHtml.niceStep(37)).isEqualTo(50);
    assertThat(DashboardHtml.niceStep(0.13)).isCloseTo(0.2, within(1e-12));
  }
}
