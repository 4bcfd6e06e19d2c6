package dev.costflow.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FiringTimesTest {
  private static final LocalDateTime NOV = LocalDateTime.of(2025, 11, 1, 0, 0);

  @Test
  void firingTimesCountedPerHourAreTheFiringsPerHour() {
    String[] expressions = {"rate(30 minutes)", "rate(7 minutes)", "rate(2 hours)", "cron(15 */2 * * ? *)", "cron(0/20 8-18 ? * MON-FRI *)",
        "cron(0 2 L * ? *)", "at(2025-11-03T10:05:00)"};
    for (String e : expressions) {
      for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata")}) {
        Schedule s = Schedule.parse(e);
        int hours = 720;
        double[] perHour = s.firesPerHour(NOV, hours, zone);
        long[] minutes = s.firingMinutes(NOV, hours, zone);
        double[] counted = new double[hours];
        long prev = -1;
        for (long m : minutes) {
          assertThat(m).isGreaterThan(prev).isLessThan(hours * 60L);
          prev = m;
          counted[(int) (m / 60)]++;
        }
        assertThat(counted).as(e + " in " + zone).isEqualTo(perHour);
      }
    }
  }

  @Test
  void aHalfHourlyRateFiresOnTheHourAndTheHalfHour() {
    long[] m = Schedule.parse("rate(30 minutes)").firingMinutes(NOV, 2, ZoneOffset.UTC);
    assertThat(m).containsExactly(0, 30, 60, 90);
  }
}
