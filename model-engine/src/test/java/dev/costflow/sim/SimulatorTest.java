package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.Propagator;
import dev.costflow.engine.ServiceCost;
import dev.costflow.engine.Workload;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  static final Simulator SIM = Simulator.bundled();

  static final String MIXED = """
      name: mixed
      period: {hours: 96}
      pricing: {as_of: 2025-11-01}
      limits: {concurrency: 40}
      services:
        api:
          type: aws.apigateway.http
          traffic: {rps: 30, shape: diurnal, peak_to_mean: 2}
          calls: [{to: fn, kb: 3}]
        fn:
          type: aws.lambda
          memory_mb: 512
          duration_ms: {lognormal: {p50: 400, p99: 3000}}
          init_ms: 700
          provisioned_concurrency: {count: 5, hours: 40}
          calls: [{to: topic, probability: 0.3}, {to: table, op: write, per_call: {uniform: {min: 1, max: 4}}, kb: 2}]
        topic:
          type: aws.sns
          calls: [{to: q}, {to: sub}]
        sub:
          type: aws.lambda
          duration_ms: 120
          error_rate: 0.1
        q:
          type: aws.sqs
          calls: [{to: worker, batch_size: 10, batch_window_s: 3}]
        worker:
          type: aws.lambda
          duration_ms: {gamma: {mean: 800, sd: 300}}
          error_rate: 0.02
        table: {type: aws.dynamodb, gsi_count: 1}
        cron:
          type: aws.lambda
          traffic: {schedule: "cron(15 */2 * * ? *)"}
          init_ms: 300
      """;

  static Model model(String yaml) {
    return TestModels.parse("costflow: 1\n" + yaml);
  }

  @Test
  void sameSeedSameResultWhateverTheThreadCount() {
    Model m = model(MIXED);
    Simulation one = SIM.simulate(m, new SimOptions(6, 77, 1));
    Simulation two = SIM.simulate(m, new SimOptions(6, 77, 2));
    Simulation three = SIM.simulate(m, new SimOptions(6, 77, 3));
    for (Simulation s : List.of(two, three)) {
      for (int i = 0; i < 6; i++) {
        RunResult a = one.runs().get(i);
        RunResult b = s.runs().get(i);
        assertThat(b.totalUsd()).isEqualTo(a.totalUsd());
        assertThat(b.costUsd()).isEqualTo(a.costUsd());
        assertThat(b.calls()).isEqualTo(a.calls());
        assertThat(b.functions()).isEqualTo(a.functions());
      }
      assertThat(s.totalUsd()).isEqualTo(one.totalUsd());
    }
    Simulation other = SIM.simulate(m, new SimOptions(6, 78, 2));
    assertThat(other.runs().get(0).totalUsd()).isNotEqualTo(one.runs().get(0).totalUsd());
  }

  @Test
  void percentilesAreOrdered() {
    for (Model m : List.of(model(MIXED), ModelReader.read(TestModels.repoRoot().resolve("examples/checkout.yaml")))) {
      Simulation s = SIM.simulate(m, new SimOptions(25, 5, 2));
      assertOrdered(s.totalUsd());
      for (ServiceStats ss : s.services()) {
        assertOrdered(ss.costUsd());
        assertOrdered(ss.calls());
        ss.function().ifPresent(f -> {
          assertOrdered(f.coldStarts());
          assertOrdered(f.peakConcurrency());
          assertOrdered(f.throttles());
          assertOrdered(f.initBilledMs());
        });
      }
    }
  }

  static void assertOrdered(MoneyStats s) {
    assertThat(s.min()).isLessThanOrEqualTo(s.p5());
    assertThat(s.p5()).isLessThanOrEqualTo(s.p50());
    assertThat(s.p50()).isLessThanOrEqualTo(s.p95());
    assertThat(s.p95()).isLessThanOrEqualTo(s.max());
    assertThat(s.mean()).isBetween(s.min(), s.max());
  }

  static void assertOrdered(Stats s) {
    assertThat(s.min()).isLessThanOrEqualTo(s.p5());
    assertThat(s.p5()).isLessThanOrEqualTo(s.p50());
    assertThat(s.p50()).isLessThanOrEqualTo(s.p95());
    assertThat(s.p95()).isLessThanOrEqualTo(s.max());
  }

  @Test
  void aHalfHourlyJobWithATenMinuteKeepAliveIsColdOnEveryCall() {
    Model m = model("""
        name: half-hourly
        period: 2025-11
        pricing: {as_of: 2025-11-01}
        services:
          job:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: {lognormal: {p50: 2000, p99: 30000}}
            init_ms: 800
            keep_alive_min: 10
            traffic: {schedule: "rate(30 minutes)"}
        """);
    Simulation s = SIM.simulate(m, new SimOptions(10, 3, 2));
    for (RunResult r : s.runs()) {
      RunResult.FunctionRun f = r.functions()[0];
      assertThat(f.invocations()).isEqualTo(30 * 48);
      assertThat(f.coldStarts()).isEqualTo(f.invocations());
      assertThat(f.initBilledMs()).isEqualTo(800 * f.coldStarts());
    }
  }

  @Test
  void doublingTheKeepAliveNeverAddsColdStarts() {
    String[] traffic = {
      "{rps: 0.002}",                                            // a call every 8 minutes
      "{hourly: 40, shape: diurnal, peak_to_mean: 4}",            // call by call, with quiet nights
      "{rps: 25, shape: weekly, peak_to_mean: 3}",                // the formulas, with busy and quiet hours
      "{schedule: \"cron(0/20 8-18 ? * MON-FRI *)\"}",          // office-hours job
    };
    for (String t : traffic) {
      for (String extra : new String[] {"", "    init_ms: 500\n", "    provisioned_concurrency: {count: 2, hours: 100}\n"}) {
        double[][] colds = new double[8][];
        for (int i = 0; i < 8; i++) {
          double keep = Math.pow(2, i); // 1 … 128 minutes
          Model m = model("name: keep\nperiod: {hours: 336}\npricing: {as_of: 2025-11-01}\nservices:\n  f:\n    type: aws.lambda\n"
              + "    duration_ms: {lognormal: {p50: 300, p99: 2500}}\n    keep_alive_min: " + keep + "\n" + extra + "    traffic: " + t + "\n");
          Simulation s = SIM.simulate(m, new SimOptions(8, 11, 2));
          colds[i] = s.runs().stream().mapToDouble(r -> r.functions()[0].coldStarts()).toArray();
        }
        for (int i = 1; i < 8; i++) {
          for (int run = 0; run < 8; run++) {
            assertThat(colds[i][run]).as("traffic %s %s keep-alive %s min, run %d", t, extra.strip(), Math.pow(2, i), run).isLessThanOrEqualTo(colds[i - 1][run]);
          }
        }
      }
    }
  }

  @Test
  void usageQuantitiesAreWholeCounts() {
    Model m = model(MIXED);
    SimPlan plan = new SimPlan(m, SIM.estimator());
    SimRun run = new SimRun(plan, 9, 0);
    SimQuantities q = run.root();
    Workload w = Propagator.propagate(m, q);
    Estimate e = SIM.estimator().price(m, w, q);
    for (ServiceCost sc : e.services()) {
      assertThat(sc.calls()).as(sc.id() + " calls").isEqualTo(Math.rint(sc.calls()));
      for (LineCost l : sc.lines()) {
        if (l.unit().equals("requests") || l.meterId().endsWith("request_units") || l.meterId().contains("deliveries")) {
          double q2 = l.quantity() * 2; // eventually consistent reads are half units
          assertThat(q2).as(sc.id() + " " + l.meter()).isEqualTo(Math.rint(q2));
        }
      }
    }
  }

  @Test
  void theConcurrencyLimitThrottlesAndFailsSynchronousCalls() {
    // offered concurrency 12 (12 calls/s × 1 s) on a limit of 10; the API does not retry
    Model m = model("""
        name: throttled
        period: {hours: 24}
        limits: {concurrency: 10}
        services:
          api:
            type: aws.apigateway.http
            traffic: {rps: 12}
            calls: [{to: fn}]
          fn:
            type: aws.lambda
            duration_ms: 1000
        """);
    Simulation s = SIM.simulate(m, new SimOptions(20, 1, 2));
    double b = ErlangB.blocking(10, 12);
    double calls = 12 * 3600 * 24;
    FunctionStats f = s.service("fn").orElseThrow().function().orElseThrow();
    assertThat(f.throttles().mean() / calls).isCloseTo(b, within(0.003));
    assertThat(f.invocations().mean() / calls).isCloseTo(1 - b, within(0.003));
    assertThat(f.peakConcurrency().max()).isLessThanOrEqualTo(10);
    assertThat(s.throttledHours()).isEqualTo(24);
    assertThat(s.accountThrottles().mean()).isEqualTo(f.throttles().mean());
  }

  @Test
  void throttledEventsAreRetriedUntilTheyRun() {
    // async invocations (a topic's subscription): every event runs; the retries load the limit more
    Model m = model("""
        name: async-throttled
        period: {hours: 24}
        limits: {concurrency: 10}
        services:
          topic:
            type: aws.sns
            traffic: {rps: 8}
            calls: [{to: fn}]
          fn:
            type: aws.lambda
            duration_ms: 1000
        """);
    Simulation s = SIM.simulate(m, new SimOptions(20, 1, 2));
    double calls = 8 * 3600 * 24;
    double b = ErlangB.blocking(10, 8);
    for (int i = 0; i < 200; i++) {
      b = ErlangB.blocking(10, 8 / (1 - b));
    }
    FunctionStats f = s.service("fn").orElseThrow().function().orElseThrow();
    assertThat(f.invocations().mean() / calls).isCloseTo(1, within(0.002));
    assertThat(f.throttles().mean() / calls).isCloseTo(b / (1 - b), within(0.01));
  }

  @Test
  void aGivenColdStartRateReplacesTheMeasuredOne() {
    Model m = model("name: rate\nperiod: {hours: 48}\nservices:\n  f:\n    type: aws.lambda\n    cold_start_rate: 0.05\n    traffic: {rps: 3}\n");
    Simulation s = SIM.simulate(m, new SimOptions(10, 1, 2));
    FunctionStats f = s.service("f").orElseThrow().function().orElseThrow();
    assertThat(f.coldStarts().mean() / f.invocations().mean()).isCloseTo(0.05, within(0.002));
  }

  @Test
  void initIsBilledFromAugust2025() {
    String yaml = "name: init\nperiod: {hours: 48}\npricing: {as_of: %s}\nservices:\n  f:\n    type: aws.lambda\n    init_ms: 1000\n    keep_alive_min: 1\n    traffic: {hourly: 20}\n";
    Simulation before = SIM.simulate(model(yaml.formatted("2025-07-01")), new SimOptions(5, 1, 2));
    Simulation after = SIM.simulate(model(yaml.formatted("2025-11-01")), new SimOptions(5, 1, 2));
    FunctionStats fb = before.service("f").orElseThrow().function().orElseThrow();
    FunctionStats fa = after.service("f").orElseThrow().function().orElseThrow();
    assertThat(fb.coldStarts().mean()).isPositive();
    assertThat(fb.initBilledMs().max()).isZero();
    assertThat(fa.initBilledMs().mean()).isEqualTo(1000 * fa.coldStarts().mean(), within(1e-6));
    // same random numbers: the later run costs more by exactly its INIT GB-seconds
    assertThat(after.totalUsd().mean()).isGreaterThan(before.totalUsd().mean());
  }

  @Test
  void cyclesAreFollowedUntilTheCallsDieOut() {
    Model m = model("""
        name: loop
        period: {hours: 48}
        services:
          a:
            type: aws.lambda
            traffic: {rps: 2}
            calls: [{to: b, probability: 0.6}]
          b:
            type: aws.lambda
            calls: [{to: a, probability: 0.5}]
        """);
    Simulation s = SIM.simulate(m, new SimOptions(30, 1, 2));
    Estimate e = s.estimate();
    for (String id : List.of("a", "b")) {
      double est = e.service(id).orElseThrow().calls();
      Stats calls = s.service(id).orElseThrow().calls();
      assertThat(calls.mean()).as(id).isCloseTo(est, within(4 * calls.sd() / Math.sqrt(30) + 1));
    }
  }

  @Test
  void webSocketMessagesSentAreWholeAndAgreeWithTheEstimate() {
    Model m = model("""
        name: ws
        period: {hours: 48}
        services:
          chat:
            type: aws.apigateway.websocket
            messages_out_per_call: 2.5
            traffic: {rps: 5, kb: {lognormal: {p50: 8, p99: 60}}}
        """);
    Simulation s = SIM.simulate(m, new SimOptions(40, 1, 2));
    MoneyStats cost = s.service("chat").orElseThrow().costUsd();
    BigDecimal half = cost.meanCi95()[1].subtract(cost.mean()).multiply(new BigDecimal("2.3")); // ≈ 4.5 standard errors
    assertThat(cost.mean().subtract(s.estimate().totalUsd()).abs()).isLessThanOrEqualTo(half);
  }

  @Test
  void curvesGiveBandsOfTheHourlyAndDailyCost() {
    Model m = model(MIXED);
    Simulation without = SIM.simulate(m, new SimOptions(5, 2, 2));
    assertThat(without.hourlyBands()).isEmpty();
    Simulation s = SIM.simulate(m, new SimOptions(30, 2, 2).withCurves());
    CurveBands hourly = s.hourlyBands().orElseThrow();
    CurveBands daily = s.dailyBands().orElseThrow();
    assertThat(hourly.steps()).isEqualTo(96);
    assertThat(daily.steps()).isEqualTo(4);
    double total = 0;
    for (int h = 0; h < 96; h++) {
      assertThat(hourly.p5()[h]).isLessThanOrEqualTo(hourly.p50()[h]);
      assertThat(hourly.p50()[h]).isLessThanOrEqualTo(hourly.p95()[h]);
      total += hourly.mean()[h];
    }
    // the hourly means add up to the mean total (display doubles)
    assertThat(total).isCloseTo(s.totalUsd().mean().doubleValue(), within(1e-6 * total));
    // the same runs with or without curves
    assertThat(SIM.simulate(m, new SimOptions(5, 2, 2).withCurves()).totalUsd()).isEqualTo(without.totalUsd());
  }

  @Test
  void theEstimateIsCarriedForReference() {
    Model m = model(MIXED);
    Simulation s = SIM.simulate(m, new SimOptions(3, 1, 1));
    assertThat(s.estimate().totalUsd()).isEqualTo(SIM.estimator().estimate(m).totalUsd());
    assertThat(s.concurrencyLimit()).isEqualTo(40);
    assertThat(s.totalUsd().mean()).isGreaterThan(BigDecimal.ZERO);
  }

  @Test
  void anInterruptedThreadStopsTheSimulation() {
    Model m = model(MIXED);
    for (int threads : new int[] {1, 2}) {
      Thread.currentThread().interrupt();
      try {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SIM.simulate(m, new SimOptions(3, 1, threads)))
            .isInstanceOf(IllegalStateException.class).hasMessage("simulation interrupted");
      } finally {
        Thread.interrupted();
      }
    }
    // and the thread simulates again once the interrupt is cleared
    assertThat(SIM.simulate(m, new SimOptions(2, 1, 1)).runs()).hasSize(2);
  }
}
