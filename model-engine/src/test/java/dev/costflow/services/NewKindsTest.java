package dev.costflow.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.model.ModelException;
import dev.costflow.testing.TestModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed rules of the service kinds beyond the core ones. */
class NewKindsTest {

  static Estimate est(String yaml) {
    return TestModels.estimate(yaml);
  }

  static LineCost line(Estimate e, String service, String meter) {
    return e.service(service).orElseThrow().lines().stream().filter(l -> l.meter().equals(meter)).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + meter + " of " + service + ": " + e.service(service).orElseThrow().lines()));
  }

  static String error(String yaml) {
    try {
      TestModels.parse(yaml);
    } catch (ModelException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a model error");
  }

  // ---------------------------------------------------------------- Step Functions

  @Test
  void standardTransitionsCountTaskCallsRetriesAndMapFanOut() {
    Estimate e = est("""
        services:
          sm:
            type: aws.stepfunctions
            error_rate: 0.1
            max_retries: 1
            traffic: {monthly: 1000}
            calls: [{to: a}, {to: b, per_call: 5}]
          a: {type: aws.lambda}
          b: {type: aws.lambda}
        """);
    // attempts per task: 1 + 0.1 = 1.1; tasks per execution: 1 + 5
    assertThat(e.service("a").orElseThrow().calls()).isCloseTo(1100, offset(1e-9));
    assertThat(e.service("b").orElseThrow().calls()).isCloseTo(5500, offset(1e-9));
    assertThat(line(e, "sm", "state transitions").quantity()).isCloseTo(6600, offset(1e-9));
  }

  @Test
  void givenTransitionsAddOnePerRetry() {
    Estimate e = est("""
        services:
          sm: {type: aws.stepfunctions, transitions: 10, error_rate: 0.5, max_retries: 1, traffic: {monthly: 1000}, calls: [f]}
          f: {type: aws.lambda}
        """);
    // 10 per execution, plus the 500 retries (1500 attempts, a third of them retries)
    assertThat(line(e, "sm", "state transitions").quantity()).isCloseTo(10_500, offset(1e-6));
  }

  @Test
  void expressRoundsDurationTo100MsAndMemoryTo64Mb() {
    Estimate e = est("""
        services:
          sm: {type: aws.stepfunctions, workflow: express, memory_mb: 65, duration_ms: 101, traffic: {monthly: 3600}}
        """);
    // 200 ms × 128 MB per execution: 3600 × 0.2 s × 0.125 GB / 3600 = 0.025 GB-hours
    assertThat(line(e, "sm", "duration").quantity()).isCloseTo(0.025, offset(1e-12));
  }

  @Test
  void stepFunctionsKeysBelongToTheirWorkflow() {
    String msg = error("""
        services:
          sm: {type: aws.stepfunctions, memory_mb: 128}
        """);
    assertThat(msg).contains("services.sm.memory_mb: memory_mb applies to workflow: express");
  }

  // ---------------------------------------------------------------- EventBridge

  @Test
  void rulesAreCallsWithMatchProbabilityAndAsyncIntoFunctions() {
    Estimate e = est("""
        services:
          bus: {type: aws.eventbridge, traffic: {monthly: 1000, kb: 100}, calls: [{to: f, probability: 0.3}]}
          f: {type: aws.lambda, error_rate: 0.5}
        """);
    // 300 matched events, async: 1 + 0.5 + 0.25 attempts
    assertThat(e.service("f").orElseThrow().calls()).isCloseTo(525, offset(1e-9));
    // 100 KB events are 2 chunks each
    assertThat(line(e, "bus", "events").quantity()).isEqualTo(2000);
  }

  @Test
  void crossAccountTargetsMustBeCalled() {
    String msg = error("""
        services:
          bus: {type: aws.eventbridge, cross_account_targets: [nowhere]}
        """);
    assertThat(msg).contains("services.bus.cross_account_targets: 'nowhere' is not a target of this bus");
  }

  @Test
  void replayNeedsAnArchive() {
    assertThat(error("""
        services:
          bus: {type: aws.eventbridge, replay_fraction: 0.5}
        """)).contains("services.bus.replay_fraction: replays come from an archive");
  }

  @Test
  void pipeHasOneTarget() {
    assertThat(error("""
        services:
          p: {type: aws.eventbridge.pipe, calls: [a, b]}
          a: {type: aws.lambda}
          b: {type: aws.lambda}
        """)).contains("a pipe has one target");
  }

  // ---------------------------------------------------------------- Kinesis and Firehose

  @Test
  void shardsCarryThePeakHour() {
    // 1,500 records/s of 0.5 KB: 2 shards by records; of 900 KB/s... 1.5 MB/s in: 2 shards
    assertThat(KinesisKind.shardsForHour(1500 * 3600.0, 0.5, 0)).isEqualTo(2);
    assertThat(KinesisKind.shardsForHour(100 * 3600.0, 35, 0)).isEqualTo(4);
    // two consumers read 2 × 1.71 MB/s = 3.42 MB/s: 2 shards of 2 MB/s out; in needs 2 as well
    assertThat(KinesisKind.shardsForHour(50 * 3600.0, 35, 2)).isEqualTo(2);
    assertThat(KinesisKind.shardsForHour(50 * 3600.0, 35, 5)).isEqualTo(5);
    assertThat(KinesisKind.shardsForHour(0, 1, 1)).isEqualTo(1);
  }

  @Test
  void putPayloadUnitsAre25KbChunksPerRecord() {
    Estimate e = est("""
        services:
          s: {type: aws.kinesis, shards: 1, traffic: {monthly: 1000, kb: {uniform: {min: 0, max: 50}}}}
        """);
    // ceil(U(0,50)/25): 1 on (0,25], 2 on (25,50] → 1.5 per record
    assertThat(line(e, "s", "PUT payload units").quantity()).isCloseTo(1500, offset(1e-9));
  }

  @Test
  void lambdaConsumersAreBatchedPerShard() {
    Estimate e = est("""
        period: {hours: 1}
        services:
          s: {type: aws.kinesis, shards: 10, traffic: {hourly: 36000, kb: 1}, calls: [{to: f, batch_size: 100, batch_window_s: 10}]}
          f: {type: aws.lambda, duration_ms: 10}
        """);
    // per shard 1 record/s: a 10 s window holds 1 + 1 × 10 = 11 records → 3600/11 invocations per shard
    assertThat(e.service("f").orElseThrow().calls()).isCloseTo(10 * 3600 / 11.0, offset(1e-6));
  }

  @Test
  void onDemandRoundsRecordsTo1Kb() {
    Estimate e = est("""
        services:
          s: {type: aws.kinesis, mode: on_demand, traffic: {monthly: 1048576, kb: 4.5}}
        """);
    assertThat(line(e, "s", "data in").quantity()).isCloseTo(5.0, offset(1e-12));
  }

  @Test
  void firehoseRoundsRecordsTo5KbAndFlushesBySizeOrTime() {
    Estimate e = est("""
        services:
          f: {type: aws.firehose, traffic: {monthly: 1048576, kb: 12}}
        """);
    assertThat(line(e, "f", "ingestion").quantity()).isCloseTo(15.0, offset(1e-12));
    // 1 GB an hour into 5 MB buffers: 204.8 flushes; a trickle: one per 300 s
    assertThat(FirehoseKind.flushesPerHour(1024 * 1024 / 12.0, 12, 5, 300)).isCloseTo(204.8, offset(1e-9));
    assertThat(FirehoseKind.flushesPerHour(100, 1, 5, 300)).isEqualTo(12);
    assertThat(FirehoseKind.flushesPerHour(3, 1, 5, 300)).isEqualTo(3);
  }

  @Test
  void firehoseWritesObjectsIntoABucketAsPuts() {
    Estimate e = est("""
        period: {hours: 730}
        services:
          f: {type: aws.firehose, traffic: {hourly: 100, kb: 1}, calls: [lake]}
          lake: {type: aws.s3, calls: [{to: indexer}]}
          indexer: {type: aws.lambda}
        """);
    // 12 flushes an hour (one per 300 s), each a PUT that notifies the indexer
    assertThat(line(e, "lake", "PUT, COPY, POST, LIST requests").quantity()).isCloseTo(12 * 730, offset(1e-9));
    assertThat(e.service("lake").orElseThrow().lines()).noneMatch(l -> l.meter().equals("GET and other requests"));
    assertThat(e.service("indexer").orElseThrow().calls()).isCloseTo(12 * 730, offset(1e-9));
  }

  // ---------------------------------------------------------------- S3

  @Test
  void notificationsFollowCreatedObjectsOnly() {
    Estimate e = est("""
        services:
          app: {type: aws.lambda, traffic: {monthly: 1000}, calls: [{to: b, op: put}, {to: b, op: get, per_call: 3}, {to: b, op: delete}]}
          b: {type: aws.s3, calls: [{to: f, probability: 0.5}]}
          f: {type: aws.lambda}
        """);
    assertThat(e.service("f").orElseThrow().calls()).isEqualTo(500);
    assertThat(line(e, "b", "PUT, COPY, POST, LIST requests").quantity()).isEqualTo(1000);
    assertThat(line(e, "b", "GET and other requests").quantity()).isCloseTo(3000, offset(1e-9));
  }

  // ---------------------------------------------------------------- CloudWatch Logs

  @Test
  void logKbThatNoLogServicePricesIsAWarningNotASilentZero() {
    Estimate none = est("""
        services:
          fn: {type: aws.lambda, log_kb: 2, traffic: {monthly: 1000}}
        """);
    assertThat(none.warnings()).extracting(dev.costflow.model.Diagnostic::message)
        .anyMatch(w -> w.contains("services.fn.log_kb") && w.contains("add e.g. logs: {type: aws.cloudwatch.logs}"));
    Estimate other = est("""
        services:
          fn: {type: aws.lambda, log_kb: 2, traffic: {monthly: 1000}}
          api: {type: aws.apigateway.http, log_kb: 1, traffic: {monthly: 1000}}
          logs: {type: aws.cloudwatch.logs, sources: [api]}
        """);
    assertThat(other.warnings()).extracting(dev.costflow.model.Diagnostic::message)
        .anyMatch(w -> w.contains("services.fn.log_kb") && w.contains("add 'fn' to a log service's sources"))
        .noneMatch(w -> w.contains("services.api.log_kb"));
  }

  @Test
  void logsIngestEveryServicesLogKbAndOptionallyPlatformLines() {
    Estimate e = est("""
        services:
          fn: {type: aws.lambda, log_kb: 1, traffic: {monthly: 1048576}}
          q: {type: aws.sqs, log_kb: 2, traffic: {monthly: 1048576}}
          logs: {type: aws.cloudwatch.logs, lambda_platform_lines: true}
        """);
    assertThat(line(e, "logs", "ingestion").quantity()).isCloseTo(3.0, offset(1e-12));
    assertThat(line(e, "logs", "Lambda platform lines (estimate)").quantity()).isCloseTo(266 / 1024.0, offset(1e-12));
  }

  @Test
  void logKbIsFreeOfChargeWithoutALogService() {
    Estimate with = est("""
        services:
          fn: {type: aws.lambda, log_kb: 100, traffic: {monthly: 1000}}
        """);
    assertThat(with.services()).hasSize(1);
    assertThat(with.service("fn").orElseThrow().lines()).noneMatch(l -> l.meterId().contains("logs"));
  }

  @Test
  void twoLogServicesNeedSources() {
    assertThat(error("""
        services:
          a: {type: aws.cloudwatch.logs}
          b: {type: aws.cloudwatch.logs}
        """)).contains("two aws.cloudwatch.logs services both ingest every service's logs");
    assertThat(error("""
        services:
          a: {type: aws.cloudwatch.logs, sources: [ghost]}
        """)).contains("services.a.sources: no service 'ghost' in the model");
  }

  // ---------------------------------------------------------------- X-Ray

  @Test
  void defaultSamplingRuleMatchesAPoissonSimulation() {
    Random rng = new Random(42);
    for (double perHour : new double[] {60, 3600, 36000, 720000}) {
      double lambda = perHour / 3600;
      double sim = 0;
      int seconds = 200_000;
      org.apache.commons.math3.distribution.PoissonDistribution p = new org.apache.commons.math3.distribution.PoissonDistribution(
          new org.apache.commons.math3.random.Well19937c(rng.nextLong()), lambda, 1e-12, 10_000_000);
      for (int s = 0; s < seconds; s++) {
        int n = p.sample();
        sim += Math.min(n, 1) + 0.05 * Math.max(0, n - 1);
      }
      double exact = XRayKind.recordedPerHour(perHour, 1, 0.05) / 3600;
      assertThat(sim / seconds).as("λ=" + lambda).isCloseTo(exact, offset(0.01 * exact + 1e-3));
    }
    assertThat(XRayKind.recordedPerHour(0, 1, 0.05)).isZero();
  }

  // ---------------------------------------------------------------- data transfer

  @Test
  void dataTransferPoolsTiersAcrossServices() {
    Estimate e = est("""
        period: 2025-11
        pricing: {as_of: 2025-11-01}
        services:
          a: {type: aws.datatransfer, traffic: {monthly: 6144, kb: 1048576}}
          b: {type: aws.datatransfer, traffic: {monthly: 6144, kb: 1048576}}
        """);
    // 12,288 GB pooled: 10,240 × 0.09 + 2,048 × 0.085 = 1,095.68; each pays half
    assertThat(e.totalUsd()).isEqualByComparingTo("1095.68");
    assertThat(e.service("a").orElseThrow().costUsd()).isEqualByComparingTo("547.84");
  }

  // ---------------------------------------------------------------- Fargate, EC2 and fleets

  @Test
  void fleetSizesToThePeakOrEachHour() {
    double[] calls = {3600, 36000, 7200};
    Fleet.Sizing peak = new Fleet.Sizing(java.util.Optional.empty(), java.util.Optional.of(100.0), 0.5, 1, Fleet.Scaling.PEAK);
    // 10 calls/s × 0.1 vCPU-s = 1 vCPU busy at the peak / (1 vCPU × 0.5) = 2 tasks
    assertThat(Fleet.units(peak, calls, 1)).containsExactly(2, 2, 2);
    Fleet.Sizing hourly = new Fleet.Sizing(java.util.Optional.empty(), java.util.Optional.of(100.0), 0.5, 1, Fleet.Scaling.HOURLY);
    assertThat(Fleet.units(hourly, calls, 1)).containsExactly(1, 2, 1);
  }

  @Test
  void fargateJobsBillPerSecondWithAOneMinuteMinimum() {
    Estimate e = est("""
        services:
          j: {type: aws.fargate, mode: job, vcpu: 1, memory_gb: 2, duration_ms: 30000, traffic: {monthly: 3600}}
          k: {type: aws.fargate, mode: job, vcpu: 1, memory_gb: 2, duration_ms: 90500, traffic: {monthly: 3600}}
        """);
    assertThat(line(e, "j", "vCPU").quantity()).isCloseTo(60, offset(1e-9));
    assertThat(line(e, "k", "vCPU").quantity()).isCloseTo(91, offset(1e-9));
  }

  @Test
  void fargateChecksTaskSizes() {
    assertThat(error("""
        services:
          t: {type: aws.fargate, tasks: 1, vcpu: 1, memory_gb: 16}
        """)).contains("services.t.memory_gb: a 1 vCPU task takes 2–8 GB in steps of 1 GB, got 16");
    assertThat(error("""
        services:
          t: {type: aws.fargate, vcpu: 1}
        """)).contains("a Fargate service needs 'tasks'");
    assertThat(error("""
        services:
          t: {type: aws.fargate, vcpu: 3, tasks: 1}
        """)).contains("0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, got 3");
  }

  @Test
  void ec2JobsHaveA60SecondMinimumAndTypesArePriced() {
    Estimate e = est("""
        services:
          j: {type: aws.ec2, mode: job, instance_type: m7g.large, duration_ms: 1500, traffic: {monthly: 3600}}
        """);
    assertThat(line(e, "j", "instance hours").quantity()).isCloseTo(60, offset(1e-9));
    assertThat(error("""
        services:
          v: {type: aws.ec2, instance_type: m7g.larg, instances: 1}
        """)).contains("no price for instance type 'm7g.larg'").contains("did you mean");
  }

  // ---------------------------------------------------------------- Azure and GCP

  @Test
  void azureConsumptionMinimumsAndCap() {
    Estimate e = est("""
        cloud: azure
        services:
          f: {type: azure.functions, memory_mb: 4000, duration_ms: 1, traffic: {monthly: 1000}}
        """);
    // memory capped at 1,536 MB, duration raised to 100 ms: 1000 × 0.1 × 1.5 = 150 GB-s
    assertThat(line(e, "f", "execution time").quantity()).isCloseTo(150, offset(1e-9));
  }

  @Test
  void azureServicesNeedAnAzureModel() {
    assertThat(error("""
        services:
          f: {type: azure.functions}
        """)).contains("azure.functions is a azure service but the model is priced for cloud: aws");
  }

  @Test
  void cloudFunctionsMemorySizesAreFixed() {
    assertThat(error("""
        cloud: gcp
        services:
          f: {type: gcp.cloudfunctions, memory_mb: 300}
        """)).contains("128, 256, 512, 1024, 2048, 4096 or 8192 MB, got 300");
  }

  @Test
  void busyInstancesMatchAPoissonComputation() {
    for (double mean : new double[] {0.01, 0.5, 3, 40, 900}) {
      for (int c : new int[] {1, 2, 16, 80}) {
        // brute force: Σ_n P(N = n) ceil(n / c)
        org.apache.commons.math3.distribution.PoissonDistribution p = new org.apache.commons.math3.distribution.PoissonDistribution(mean);
        double brute = 0;
        for (int n = 0; n < mean * 4 + 100; n++) {
          brute += p.probability(n) * Math.ceil(n / (double) c);
        }
        assertThat(Concurrency.expectedBusyInstances(mean, c)).as("mean %s c %s", mean, c).isCloseTo(brute, offset(1e-9 * Math.max(1, brute)));
      }
    }
  }

  @Test
  void cloudRunWithConcurrencyOneBillsEachRequestIn100MsSteps() {
    Estimate e = est("""
        cloud: gcp
        services:
          r: {type: gcp.cloudrun, vcpu: 1, memory_mb: 1024, concurrency: 1, duration_ms: 120, traffic: {monthly: 1000}}
        """);
    assertThat(line(e, "r", "CPU time").quantity()).isCloseTo(200, offset(1e-9));
    assertThat(line(e, "r", "memory time").quantity()).isCloseTo(200, offset(1e-9));
  }

  // ---------------------------------------------------------------- SNS → Firehose

  @Test
  void snsDeliversToFirehoseAtItsOwnPrice() {
    Estimate e = est("""
        services:
          t: {type: aws.sns, traffic: {monthly: 1000000}, calls: [f]}
          f: {type: aws.firehose}
        """);
    assertThat(line(e, "t", "deliveries to firehose").costUsd()).isEqualByComparingTo("0.19");
  }

  @Test
  void unknownRegionPriceNamesTheServiceAndRegion() {
    assertThatThrownBy(() -> est("""
        region: eu-west-1
        services:
          bus: {type: aws.eventbridge, traffic: {monthly: 10}}
        """)).isInstanceOf(ModelException.class).hasMessageContaining("services.bus (events)").hasMessageContaining("eu-west-1");
  }
}
