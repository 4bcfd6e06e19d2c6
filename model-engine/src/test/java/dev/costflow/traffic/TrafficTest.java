package dev.costflow.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.dist.Fixed;
import dev.costflow.model.Period;
import dev.costflow.model.Traffic;
import dev.costflow.services.Arrays2;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrafficTest {
  static Traffic traffic(Traffic.Rate rate, Traffic.Shape shape, double peak, double growth, ZoneId zone) {
    return new Traffic(rate, shape, peak, growth, new Fixed(1), zone, 13, dev.costflow.yaml.Position.of("t"));
  }

  @Test
  void calendarMonthsHaveTheirRealHours() {
    assertThat(Period.ofMonth(YearMonth.of(2024, 2)).hours()).isEqualTo(696);
    assertThat(Period.ofMonth(YearMonth.of(2025, 1)).hours()).isEqualTo(744);
    assertThat(Period.calculatorMonth().hours()).isEqualTo(730);
  }

  @Test
  void ratesBecomePeriodTotals() {
    Period feb = Period.ofMonth(YearMonth.of(2025, 2));
    Period h100 = Period.ofHours(100);
    assertThat(TrafficProfile.total(new Traffic.Monthly(1000), feb)).isEqualTo(1000);
    assertThat(TrafficProfile.total(new Traffic.Monthly(730), h100)).isEqualTo(100);
    assertThat(TrafficProfile.total(new Traffic.Daily(24), h100)).isEqualTo(100);
    assertThat(TrafficProfile.total(new Traffic.Hourly(3), h100)).isEqualTo(300);
    assertThat(TrafficProfile.total(new Traffic.Rps(2), h100)).isEqualTo(720_000);
  }

  @Test
  void diurnalShapeHasTheRequestedPeakAndKeepsTheTotal() {
    Period p = Period.ofMonth(YearMonth.of(2025, 6));
    double[] h = TrafficProfile.hourly(traffic(new Traffic.Monthly(720_000), Traffic.Shape.DIURNAL, 3, 0, ZoneOffset.UTC), p);
    assertThat(Arrays2.sum(h)).isEqualTo(720_000);
    double mean = 1000;
    assertThat(Arrays2.max(h) / mean).isCloseTo(3, within(1e-9));
    // the busiest hour is the peak hour (13:00 local)
    int busiest = 0;
    for (int i = 0; i < 24; i++) {
      if (h[i] > h[busiest]) {
        busiest = i;
      }
    }
    assertThat(busiest).isEqualTo(13);
    // the quietest hour keeps a floor of about 1/peak_to_mean of the mean
    double quietest = java.util.Arrays.stream(h).min().orElseThrow();
    assertThat(quietest / mean).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void everyDiurnalRatioUpTo24IsReachable() {
    for (double p = 1.05; p < 24; p += 0.37) {
      double[] day = Shapes.dailyWave(p, 0);
      assertThat(Arrays2.sum(day) / 24).as("p=%s", p).isCloseTo(1, within(1e-9));
      assertThat(Arrays2.max(day)).as("p=%s", p).isCloseTo(p, within(1e-9));
      assertThat(java.util.Arrays.stream(day).min().orElseThrow()).as("p=%s", p).isGreaterThan(0);
    }
  }

  @Test
  void shapesFollowTheLocalClockIncludingDaylightSaving() {
    Period p = Period.ofMonth(YearMonth.of(2025, 7));
    double[] h = TrafficProfile.hourly(traffic(new Traffic.Monthly(1e6), Traffic.Shape.DIURNAL, 2.5, 0, ZoneId.of("America/New_York")), p);
    int busiest = 0;
    for (int i = 0; i < 24; i++) {
      if (h[i] > h[busiest]) {
        busiest = i;
      }
    }
    assertThat(busiest).as("13:00 EDT is 17:00 UTC").isEqualTo(17);
  }

  @Test
  void businessHoursPutTrafficOnWeekdayWorkingHours() {
    Period p = Period.ofHours(168); // starts Monday 00:00 UTC
    double[] h = TrafficProfile.hourly(traffic(new Traffic.Hourly(100), Traffic.Shape.BUSINESS_HOURS, 4.2, 0, ZoneOffset.UTC), p);
    assertThat(h[10]).isCloseTo(420, within(1e-9)); // Monday 10:00
    assertThat(h[20]).isCloseTo(0, within(1e-9)); // Monday 20:00 — at 4.2 everything is in business hours
    assertThat(h[24 * 5 + 10]).isCloseTo(0, within(1e-9)); // Saturday
  }

  @Test
  void weeklyShapeDipsAtTheWeekend() {
    Period p = Period.ofHours(168);
    double[] h = TrafficProfile.hourly(traffic(new Traffic.Hourly(100), Traffic.Shape.WEEKLY, 2.5, 0, ZoneOffset.UTC), p);
    double weekday = h[13];
    double saturday = h[24 * 5 + 13];
    assertThat(saturday / weekday).isCloseTo(Shapes.WEEKEND_FACTOR, within(1e-9));
    assertThat(Arrays2.max(h) / 100).isCloseTo(2.5, within(1e-6));
  }

  @Test
  void growthTiltsThePeriodWithoutChangingItsTotal() {
    Period p = Period.ofHours(730);
    double[] h = TrafficProfile.hourly(traffic(new Traffic.Monthly(730_000), Traffic.Shape.FLAT, 1, 10, ZoneOffset.UTC), p);
    assertThat(Arrays2.sum(h)).isEqualTo(730_000);
    assertThat(h[729] / h[0]).isCloseTo(Math.pow(1.1, 729.0 / 730), within(1e-9));
  }

  @Test
  void rateSchedulesFireEveryInterval() {
    double[] h = Schedule.parse("rate(5 minutes)").firesPerHour(LocalDateTime.of(2025, 1, 1, 0, 0), 24, ZoneOffset.UTC);
    assertThat(Arrays2.sum(h)).isEqualTo(288);
    assertThat(Schedule.parse("rate(1 hour)").firesPerHour(LocalDateTime.of(2025, 1, 1, 0, 0), 744, ZoneOffset.UTC)).containsOnly(1.0);
    assertThat(Arrays2.sum(Schedule.parse("rate(2 days)").firesPerHour(LocalDateTime.of(2025, 1, 1, 0, 0), 744, ZoneOffset.UTC))).isEqualTo(16);
  }

  @Test
  void cronSchedulesCountTheirFirings() {
    LocalDateTime nov = LocalDateTime.of(2025, 11, 1, 0, 0);
    int hours = 720;
    // every weekday at 09:30 UTC: November 2025 has 20 weekdays
    assertThat(Arrays2.sum(Schedule.parse("cron(30 9 ? * MON-FRI *)").firesPerHour(nov, hours, ZoneOffset.UTC))).isEqualTo(20);
    // every 15 minutes between 8 and 17 on the 1st: 10 hours × 4
    assertThat(Arrays2.sum(Schedule.parse("cron(0/15 8-17 1 * ? *)").firesPerHour(nov, hours, ZoneOffset.UTC))).isEqualTo(40);
    // the last day of the month at noon
    double[] last = Schedule.parse("cron(0 12 L * ? *)").firesPerHour(nov, hours, ZoneOffset.UTC);
    assertThat(last[29 * 24 + 12]).isEqualTo(1);
    assertThat(Arrays2.sum(last)).isEqualTo(1);
    // the second Tuesday (3#2 = TUE, second) at 06:00: 2025-11-11
    double[] patch = Schedule.parse("cron(0 6 ? * 3#2 *)").firesPerHour(nov, hours, ZoneOffset.UTC);
    assertThat(patch[10 * 24 + 6]).isEqualTo(1);
    assertThat(Arrays2.sum(patch)).isEqualTo(1);
    // only in 2026: nothing in 2025
    assertThat(Arrays2.sum(Schedule.parse("cron(0 0 * * ? 2026)").firesPerHour(nov, hours, ZoneOffset.UTC))).isZero();
  }

  @Test
  void badSchedulesSayWhatIsWrong() {
    assertThatThrownBy(() -> Schedule.parse("cron(0 12 * * *)")).hasMessageContaining("cron needs 6 fields");
    assertThatThrownBy(() -> Schedule.parse("cron(61 12 * * ? *)")).hasMessageContaining("minutes value '61' must be between 0 and 59");
    assertThatThrownBy(() -> Schedule.parse("every 5 minutes")).hasMessageContaining("schedule must be rate(");
  }

  @Test
  void seriesRowsLandInTheirHours() {
    TreeMap<LocalDateTime, Double> rows = new TreeMap<>();
    rows.put(LocalDateTime.of(2025, 11, 1, 0, 0), 5.0);
    rows.put(LocalDateTime.of(2025, 11, 1, 3, 0), 7.0);
    rows.put(LocalDateTime.of(2025, 10, 31, 23, 0), 100.0); // outside the month
    Traffic.Series s = new Traffic.Series(java.nio.file.Path.of("s.csv"), rows);
    double[] h = TrafficProfile.hourly(traffic(s, Traffic.Shape.FLAT, 1, 0, ZoneOffset.UTC), Period.ofMonth(YearMonth.of(2025, 11)));
    assertThat(h[0]).isEqualTo(5);
    assertThat(h[3]).isEqualTo(7);
    assertThat(Arrays2.sum(h)).isEqualTo(12);
  }
}
