package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.LogNormal;
import dev.costflow.model.Service;
import dev.costflow.services.Environments;
import dev.costflow.services.FunctionDemand;
import dev.costflow.testing.TestModels;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warm pool of one function: the call-by-call simulation against known cases, and the
 * level-crossing formulas used for busy hours against the call-by-call simulation.
 */
class WarmPoolTest {
  private static final Service FN = TestModels.parse("services:\n  f:\n    type: aws.lambda\n").service("f").orElseThrow();

  private static FunctionDemand demand(double[] invocations, Distribution duration, double keepAliveMin, Distribution init, int pc, double[] pcHours) {
    return new FunctionDemand(FN, invocations, duration, Optional.empty(), duration.mean(), init, 1, true, keepAliveMin, Optional.empty(), pc, pcHours);
  }

  private static double[] flat(int hours, double perHour) {
    double[] a = new double[hours];
    java.util.Arrays.fill(a, perHour);
    return a;
  }

  /** Mean cold starts per hour over runs, with call-by-call hours up to {@code exactMax} invocations. */
  private static double[] meanPerHour(FunctionDemand d, int runs, long exactMax) {
    double cold = 0;
    double peak = 0;
    for (int r = 0; r < runs; r++) {
      FunctionMetrics m = new FunctionMetrics();
      new FunctionSimulation(d, Timing.POISSON, 1_000_000, new RandomStreams(), RandomStreams.key(r, 99), m, exactMax).run();
      cold += m.coldStarts;
      peak += m.peakConcurrency;
    }
    return new double[] {cold / runs / d.hours(), peak / runs};
  }

  @Test
  void theFormulasAgreeWithTheCallByCallSimulation() {
    // (calls per hour, keep-alive minutes, duration); measured agreement within 10 % (docs/simulation.md)
    Object[][] cases = {
      {60.0, 10.0, new Fixed(100)},
      {600.0, 1.0, LogNormal.ofPercentiles(120, 900)},
      {2000.0, 10.0, LogNormal.ofPercentiles(120, 900)},
      {3000.0, 30.0, new Fixed(250)},
    };
    for (Object[] c : cases) {
      double perHour = (Double) c[0];
      double keep = (Double) c[1];
      Distribution dur = (Distribution) c[2];
      FunctionDemand d = demand(flat(12, perHour), dur, keep, new Fixed(0), 0, new double[12]);
      double[] exact = meanPerHour(d, 150, Long.MAX_VALUE);
      double[] formula = meanPerHour(d, 150, 0);
      String what = perHour + "/h, keep-alive " + keep + " min, " + dur.describe();
      assertThat(formula[0] / exact[0]).as("cold starts, " + what + ": " + formula[0] + " vs " + exact[0]).isBetween(0.88, 1.12);
      assertThat(formula[1] / exact[1]).as("peak, " + what).isBetween(0.9, 1.1);
    }
  }

  @Test
  void aRarelyCalledFunctionIsColdOnAlmostEveryCall() {
    // Exactly 2 calls an hour at uniform times, 10-minute keep-alive (a = 1/6 h). The second call
    // of an hour is warm when the two are less than a apart: 1 − (1 − a)²; the first when the
    // gap from the previous hour's last call, the sum of two Beta(1, 2) variables, is below a:
    // 2[(1 − a)(a² − a³/3) + 2a³/3 − a⁴/4].
    FunctionDemand d = demand(flat(200, 2), new Fixed(100), 10, new Fixed(0), 0, new double[200]);
    double[] r = meanPerHour(d, 50, Long.MAX_VALUE);
    double a = 1 / 6.0;
    double warmSecond = 1 - (1 - a) * (1 - a);
    double warmFirst = 2 * ((1 - a) * (a * a - a * a * a / 3) + 2 * a * a * a / 3 - a * a * a * a / 4);
    assertThat(r[0] / 2).isCloseTo(1 - (warmFirst + warmSecond) / 2, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void withoutKeepAliveEveryCallIsCold() {
    FunctionDemand d = demand(flat(6, 1000), new Fixed(50), 0, new Fixed(0), 0, new double[6]);
    assertThat(meanPerHour(d, 5, Long.MAX_VALUE)[0]).isEqualTo(1000);
    assertThat(meanPerHour(d, 5, 0)[0]).isEqualTo(1000);
  }

  @Test
  void provisionedEnvironmentsServeFirstAndAreNeverCold() {
    // mean concurrency 2 with 5 provisioned environments: almost everything served warm by them
    double perHour = 2 * 3600 / 0.2;
    FunctionDemand d = demand(flat(4, perHour), new Fixed(200), 10, new Fixed(300), 5, flat(4, 1));
    for (long exactMax : new long[] {Long.MAX_VALUE, 0}) {
      FunctionMetrics m = new FunctionMetrics();
      Environments env = new FunctionSimulation(d, Timing.POISSON, 1000, new RandomStreams(), 7, m, exactMax).run();
      double served = 0;
      for (double s : env.provisionedServed()) {
        served += s;
      }
      // provisioned environments are a loss system: a call that finds all 5 busy spills over (Erlang B)
      double expectedShare = 1 - ErlangB.blocking(5, 2);
      assertThat(served / (4 * perHour)).as("served share, exactMax " + exactMax).isCloseTo(expectedShare, org.assertj.core.data.Offset.offset(0.01));
      // utilization: busy time / enabled time = E[min(N, 5)] / 5
      assertThat(m.provisionedUtilization()).isCloseTo(2 * expectedShare / 5, org.assertj.core.data.Offset.offset(0.02));
      assertThat(m.coldStarts).isLessThan(0.01 * 4 * perHour);
    }
  }

  @Test
  void coldStartsBillTheirInitTime() {
    FunctionDemand d = demand(flat(24, 3), new Fixed(100), 5, new Fixed(850.4), 0, new double[24]);
    FunctionMetrics m = new FunctionMetrics();
    Environments env = new FunctionSimulation(d, Timing.POISSON, 1000, new RandomStreams(), 3, m, Long.MAX_VALUE).run();
    double cold = 0;
    double units = 0;
    for (int h = 0; h < 24; h++) {
      cold += env.coldStarts()[h];
      units += env.initUnits()[h];
    }
    assertThat(cold).isPositive();
    assertThat(units).isEqualTo(cold * 851); // 850.4 ms rounded up to 1 ms
    assertThat(m.initBilledMs).isEqualTo(units);
  }
}
