package dev.costflow.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LambdaKindTest {
  static double quantity(Estimate e, String id, String meter) {
    return e.service(id).orElseThrow().lines().stream().filter(l -> l.meter().equals(meter)).mapToDouble(LineCost::quantity).sum();
  }

  static LineCost line(Estimate e, String id, String meter) {
    return e.service(id).orElseThrow().lines().stream().filter(l -> l.meter().equals(meter)).findFirst().orElseThrow();
  }

  @Test
  void roundingIsAppliedToTheDistributionNotTheMean() {
    // uniform 0..2 ms: the mean is 1 ms, but every call bills ceil → E = 1.5 ms
    Estimate e = TestModels.estimate("""
        pricing: {as_of: 2025-01-01}
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: {uniform: {min: 0, max: 2}}
            traffic: {monthly: 1000000}
        """);
    assertThat(quantity(e, "f", "duration")).isCloseTo(1_000_000 * 1.5 / 1000, within(1e-6));
  }

  @Test
  void hundredMillisecondRoundingBeforeDecember2020() {
    String model = """
        pricing: {as_of: %s}
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 120
            traffic: {monthly: 1000}
        """;
    assertThat(quantity(TestModels.estimate(String.format(model, "2020-11-30")), "f", "duration")).isCloseTo(1000 * 0.2, within(1e-9));
    assertThat(quantity(TestModels.estimate(String.format(model, "2020-12-01")), "f", "duration")).isCloseTo(1000 * 0.12, within(1e-9));
  }

  @Test
  void theTimeoutCapsBilledDuration() {
    Estimate e = TestModels.estimate("""
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            timeout_ms: 1000
            duration_ms: {uniform: {min: 0, max: 4000}}
            traffic: {monthly: 1000}
        """);
    // billed ms = E[min(ceil(D), 1000)] for U(0, 4000) = 0.25 × 500.5 + 0.75 × 1000 = 875.125
    assertThat(quantity(e, "f", "duration") / 1000).isCloseTo(0.875125, within(1e-12));
  }

  @Test
  void initIsBilledOnColdStartsFromAugust2025() {
    String model = """
        pricing: {as_of: %s}
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 100
            init_ms: 400
            cold_start_rate: 0.1
            traffic: {monthly: 1000}
        """;
    assertThat(quantity(TestModels.estimate(String.format(model, "2025-07-31")), "f", "duration")).isCloseTo(100, within(1e-9));
    assertThat(quantity(TestModels.estimate(String.format(model, "2025-08-01")), "f", "duration")).isCloseTo(100 + 100 * 0.4, within(1e-9));
  }

  @Test
  void aJobEveryHalfHourWithATenMinuteKeepAliveIsAlwaysCold() {
    Estimate e = TestModels.estimate("""
        pricing: {as_of: 2025-11-01}
        services:
          job:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 1000
            init_ms: 500
            keep_alive_min: 10
            traffic: {schedule: "rate(30 minutes)"}
        """);
    double invocations = e.service("job").orElseThrow().calls();
    // every invocation pays the INIT: (1000 + 500) ms each; the estimate's Poisson arrivals make
    // "cold" e^{-λ(K+d)} = e^{-2 × (10/60 + 1/3600)} ≈ 0.72 of calls — the simulator models the
    // schedule's regularity exactly. Here: at least that much INIT, never more than every call.
    double gbs = quantity(e, "job", "duration");
    assertThat(gbs).isGreaterThan(invocations * 1.0 + invocations * 0.5 * 0.7).isLessThanOrEqualTo(invocations * 1.5 + 1e-9);
  }

  @Test
  void longerKeepAliveNeverAddsColdStarts() {
    String model = """
        services:
          f:
            type: aws.lambda
            duration_ms: 200
            init_ms: 800
            keep_alive_min: %s
            traffic: {monthly: 50000, shape: diurnal, peak_to_mean: 3}
        """;
    double previous = Double.MAX_VALUE;
    for (int k : new int[] {1, 5, 10, 30, 60}) {
      double d = quantity(TestModels.estimate(String.format(model, k)), "f", "duration");
      assertThat(d).isLessThanOrEqualTo(previous + 1e-9);
      previous = d;
    }
  }

  @Test
  void provisionedConcurrencySpillsToOnDemandAtThePeak() {
    // 36,000 calls an hour of 1 s: mean concurrency 10. With 10 provisioned environments the
    // Poisson overflow E[(N-10)+] ≈ 1.25 spills (≈ 12.5 % of invocations) to on-demand.
    Estimate e = TestModels.estimate("""
        period: {hours: 1}
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 1000
            provisioned_concurrency: {count: 10}
            traffic: {hourly: 36000}
        """);
    double served = quantity(e, "f", "provisioned duration");
    double onDemand = quantity(e, "f", "duration");
    assertThat(served + onDemand).isCloseTo(36_000, within(1e-6));
    assertThat(onDemand / 36_000).isCloseTo(Concurrency.servedFraction(10, 10) > 0 ? 1 - Concurrency.servedFraction(10, 10) : 0, within(1e-9));
    assertThat(onDemand / 36_000).isBetween(0.10, 0.15);
    assertThat(quantity(e, "f", "provisioned concurrency")).isEqualTo(10 * 3600);
  }

  @Test
  void poissonOverflowMatchesADirectSum() {
    // E[min(N, c)] against a term-by-term sum of the Poisson pmf
    double mean = 7.3;
    int c = 9;
    double direct = 0;
    double p = Math.exp(-mean);
    for (int k = 0; k < 200; k++) {
      direct += Math.min(k, c) * p;
      p *= mean / (k + 1);
    }
    assertThat(Concurrency.expectedMin(mean, c)).isCloseTo(direct, within(1e-12));
  }

  @Test
  void armAndX86ClimbTheirOwnTiersButShareTheFreeTier() {
    Estimate e = TestModels.estimate("""
        pricing: {as_of: 2025-11-01, free_tier: true}
        services:
          x:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 1000
            traffic: {monthly: 300000}
          a:
            type: aws.lambda
            memory_mb: 1024
            architecture: arm64
            duration_ms: 1000
            traffic: {monthly: 100000}
        """);
    // 400,000 GB-s eligible in all, exactly the allowance: both durations are free
    assertThat(line(e, "x", "duration").costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(line(e, "a", "duration").costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(line(e, "x", "duration").meterId()).isEqualTo("aws.lambda.duration.x86_64");
    assertThat(line(e, "a", "duration").meterId()).isEqualTo("aws.lambda.duration.arm64");
  }

  @Test
  void durationTiersPoolAcrossFunctions() {
    // two functions of 5B GB-s each: 6B at tier 1, 4B at tier 2 (10 % off)
    Estimate e = TestModels.estimate("""
        pricing: {as_of: 2025-11-01}
        services:
          a: {type: aws.lambda, memory_mb: 10240, duration_ms: 1000, traffic: {monthly: 500000000}}
          b: {type: aws.lambda, memory_mb: 10240, duration_ms: 1000, traffic: {monthly: 500000000}}
        """);
    BigDecimal expected = new BigDecimal("6000000000").multiply(new BigDecimal("0.0000166667")).add(new BigDecimal("4000000000").multiply(new BigDecimal("0.000015")));
    BigDecimal both = line(e, "a", "duration").costUsd().add(line(e, "b", "duration").costUsd());
    assertThat(both).isEqualByComparingTo(expected);
    assertThat(line(e, "a", "duration").costUsd()).isEqualByComparingTo(line(e, "b", "duration").costUsd());
  }
}
