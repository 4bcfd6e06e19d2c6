package dev.costflow.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.services.Fleet;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sizing, people's cost and the crossover of serverless vs containers, by hand. */
class ComparatorTest {
  static final String MODEL = """
      period: {hours: 730}
      pricing: {as_of: 2025-11-01}
      services:
        api:
          type: aws.apigateway.http
          traffic: {rps: 100}
          calls: [fn]
        fn:
          type: aws.lambda
          memory_mb: 1769
          architecture: arm64
          duration_ms: 100
          calls: [{to: table, op: write}]
        table: {type: aws.dynamodb}
      """;

  static CompareSettings settings(Platform p, double opsHours) {
    return new CompareSettings(p, 0.5, 2, 1.0, Fleet.Scaling.PEAK, opsHours, 1, BigDecimal.valueOf(100), Optional.empty(), 1, 2, 20);
  }

  @Test
  void functionsBecomeFleetsSizedFromTheirCpu() {
    Model m = TestModels.parse(MODEL);
    Comparison c = Comparator.compare(m, settings(Platform.FARGATE, 10), Estimator.bundled());
    Comparison.Replacement r = c.replacements().get(0);
    // 1769 MB is 1 vCPU: 100 ms of CPU per call; 100 calls/s = 10 vCPU busy / (1 vCPU × 0.5) = 20 tasks
    assertThat(r.cpuMsPerCall()).isCloseTo(100, offset(1e-9));
    assertThat(r.peakUnits()).isEqualTo(20);
    assertThat(r.meanUnits()).isEqualTo(20);
    // 20 tasks × 730 h: arm64 $0.03238 per vCPU-hour + 2 GB × $0.00356
    BigDecimal tasks = new BigDecimal("14600");
    assertThat(r.replacementUsd()).isEqualByComparingTo(tasks.multiply(new BigDecimal("0.03238")).add(tasks.multiply(new BigDecimal("2")).multiply(new BigDecimal("0.00356"))));
    // the API and the table are the same on both sides
    assertThat(c.alternative().estimate().service("api").orElseThrow().costUsd()).isEqualByComparingTo(c.serverless().estimate().service("api").orElseThrow().costUsd());
    assertThat(c.alternative().estimate().service("table").orElseThrow().costUsd()).isEqualByComparingTo(c.serverless().estimate().service("table").orElseThrow().costUsd());
    // people: 10 h vs 1 h at $100, one 730-hour month
    assertThat(c.alternative().peopleUsd()).isEqualByComparingTo("1000");
    assertThat(c.serverless().peopleUsd()).isEqualByComparingTo("100");
    assertThat(c.alternative().totalUsd()).isEqualByComparingTo(c.alternative().infraUsd().add(new BigDecimal("1000")));
    assertThat(c.entryCallsPerMonth()).isCloseTo(100 * 3600 * 730.0, offset(1e-3));
  }

  @Test
  void ec2PicksTheInstanceByArchitecture() {
    Comparison c = Comparator.compare(TestModels.parse(MODEL), settings(Platform.EC2, 20), Estimator.bundled());
    Comparison.Replacement r = c.replacements().get(0);
    assertThat(r.size()).isEqualTo("m7g.large");
    // 10 vCPU busy / (2 vCPU × 0.5) = 10 instances
    assertThat(r.peakUnits()).isEqualTo(10);
  }

  @Test
  void theCrossoverIsWhereTheTotalsMeet() {
    Model m = TestModels.parse(MODEL);
    CompareSettings s = settings(Platform.FARGATE, 10);
    Comparison c = Comparator.compare(m, s, Estimator.bundled());
    assertThat(c.crossover()).isPresent();
    Comparison.Crossover x = c.crossover().get();
    assertThat(x.cheaperAbove()).isEqualTo("fargate");
    // both totals agree at the crossing (to a small fraction of either)
    Model at = Models.scaleTraffic(m, x.scale());
    BigDecimal serverless = Estimator.bundled().estimate(at).totalUsd().add(c.serverless().peopleUsd());
    BigDecimal fargate = Estimator.bundled().estimate(Models.replaceFunctions(at, s)).totalUsd().add(c.alternative().peopleUsd());
    assertThat(serverless.subtract(fargate).abs().doubleValue()).isLessThan(0.02 * serverless.doubleValue());
    // the sweep has 19 scales from 1/1000 to 1000, today's included
    assertThat(c.sweep()).hasSize(19);
    assertThat(c.sweep()).anySatisfy(p -> assertThat(p.scale()).isEqualTo(1.0));
  }

  @Test
  void scalingTrafficScalesCallsExactlyButNotSchedules() {
    Model m = TestModels.parse("""
        services:
          a: {type: aws.lambda, traffic: {monthly: 1000}}
          b: {type: aws.lambda, traffic: {schedule: "rate(1 hour)"}}
        """);
    var e = Estimator.bundled().estimate(Models.scaleTraffic(m, 3));
    assertThat(e.service("a").orElseThrow().calls()).isCloseTo(3000, offset(1e-9));
    assertThat(e.service("b").orElseThrow().calls()).isEqualTo(730);
    Model schedulesOnly = TestModels.parse("""
        services:
          b: {type: aws.lambda, traffic: {schedule: "rate(1 hour)"}}
        """);
    Comparison c = Comparator.compare(schedulesOnly, settings(Platform.FARGATE, 1), Estimator.bundled());
    assertThat(c.sweep()).isEmpty();
    assertThat(c.crossover()).isEmpty();
  }

  @Test
  void onlyAwsModelsWithFunctions() {
    assertThatThrownBy(() -> Comparator.compare(TestModels.parse("services:\n  q: {type: aws.sqs}\n"), settings(Platform.EC2, 1), Estimator.bundled()))
        .isInstanceOf(ModelException.class).hasMessageContaining("no aws.lambda function");
    assertThatThrownBy(() -> Comparator.compare(TestModels.parse("cloud: gcp\nservices:\n  f: {type: gcp.cloudrun}\n"), settings(Platform.EC2, 1), Estimator.bundled()))
        .isInstanceOf(ModelException.class).hasMessageContaining("priced for AWS only");
  }

  @Test
  void cpuFollowsLambdasMemoryAllocation() {
    assertThat(Models.lambdaVcpu(1769)).isEqualTo(1.0);
    assertThat(Models.lambdaVcpu(10240)).isEqualTo(5.788581119276428);
    assertThat(Models.lambdaVcpu(128)).isCloseTo(0.07236, offset(1e-5));
  }
}
