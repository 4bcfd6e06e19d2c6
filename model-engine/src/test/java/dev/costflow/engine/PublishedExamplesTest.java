package dev.costflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worked examples published by AWS, reproduced to the cent. Inputs and printed results are in
 * docs/sources/published-examples.md (IDs in the method names).
 */
class PublishedExamplesTest {

  static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal line(Estimate e, String service, String meter) {
    return e.service(service).orElseThrow().lines().stream().filter(l -> l.meter().equals(meter)).findFirst().orElseThrow().costUsd();
  }

  static Estimate est(String yaml) {
    return TestModels.estimate(yaml);
  }

  /** L-1, Lambda pricing page (1 ms era): mobile backend, 3M × 120 ms × 1536 MB, free tier: $2.73. */
  @Test
  void lambdaL1MobileBackend() {
    Estimate e = est("""
        pricing: {as_of: 2025-10-01, free_tier: true}
        services:
          backend:
            type: aws.lambda
            memory_mb: 1536
            duration_ms: 120
            traffic: {monthly: 3000000}
        """);
    assertThat(cents(line(e, "backend", "duration"))).isEqualByComparingTo("2.33");
    assertThat(cents(line(e, "backend", "requests"))).isEqualByComparingTo("0.40");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("2.73");
  }

  /** L-2: telemetry, 7.44M × 2 s × 1 GB, no free tier: $249.49. */
  @Test
  void lambdaL2Telemetry() {
    Estimate e = est("""
        period: 2025-01
        pricing: {as_of: 2025-10-01}
        services:
          enrich:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 2000
            traffic: {hourly: 10000}
        """);
    assertThat(e.service("enrich").orElseThrow().calls()).isEqualTo(7_440_000);
    assertThat(cents(line(e, "enrich", "requests"))).isEqualByComparingTo("1.49");
    assertThat(cents(line(e, "enrich", "duration"))).isEqualByComparingTo("248.00");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("249.49");
  }

  /** L-3: BERT, 6M × 280 ms × 4096 MB with 2048 MB ephemeral storage, free tier: $106.41. */
  @Test
  void lambdaL3EphemeralStorage() {
    Estimate e = est("""
        pricing: {as_of: 2025-10-01, free_tier: true}
        services:
          bert:
            type: aws.lambda
            memory_mb: 4096
            ephemeral_storage_mb: 2048
            duration_ms: 280
            traffic: {monthly: 6000000}
        """);
    assertThat(cents(line(e, "bert", "duration"))).isEqualByComparingTo("105.33");
    assertThat(cents(line(e, "bert", "requests"))).isEqualByComparingTo("1.00");
    assertThat(cents(line(e, "bert", "ephemeral storage"))).isEqualByComparingTo("0.08");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("106.41");
  }

  /**
   * L-4: provisioned concurrency 100 × 1536 MB for 8 hours serving 500,000 requests of 100 ms,
   * plus 2.5M on-demand requests of 120 ms (a second function, sharing the free tier): $19.96.
   */
  @Test
  void lambdaL4ProvisionedConcurrency(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("timestamp,count\n");
    for (int h = 12; h < 20; h++) {
      csv.append(String.format("2025-03-10T%02d:00:00Z,62500%n", h));
    }
    Files.writeString(dir.resolve("launch.csv"), csv);
    String yaml = """
        costflow: 1
        name: launch
        period: 2025-03
        pricing: {as_of: 2025-10-01, free_tier: true}
        services:
          launch:
            type: aws.lambda
            memory_mb: 1536
            duration_ms: 100
            provisioned_concurrency: {count: 100, hours: 8}
            traffic: {series: launch.csv}
          everyday:
            type: aws.lambda
            memory_mb: 1536
            duration_ms: 120
            traffic: {monthly: 2500000}
        """;
    Estimate e = Estimator.bundled().estimate(ModelReader.read(yaml, "l4.yaml", dir, List.of(), Optional.empty()));
    assertThat(cents(line(e, "launch", "provisioned concurrency"))).isEqualByComparingTo("18.00");
    assertThat(cents(line(e, "launch", "provisioned duration"))).isEqualByComparingTo("0.73");
    assertThat(cents(line(e, "launch", "requests").add(line(e, "everyday", "requests")))).isEqualByComparingTo("0.40");
    assertThat(cents(line(e, "everyday", "duration"))).isEqualByComparingTo("0.83");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("19.96");
  }

  /**
   * O-1, the 100 ms-era pricing page: 3M × 1 s × 512 MB with free tier. The page multiplied by
   * its rounded display price $0.00001667 ($18.74); the billed rate 0.0000166667 gives $18.73.
   * With that display price as an override, the page's figure comes out exactly.
   */
  @Test
  void lambdaO1HundredMillisecondEra() {
    String model = """
        pricing: {as_of: 2019-06-01, free_tier: true%s}
        services:
          f:
            type: aws.lambda
            memory_mb: 512
            duration_ms: 1000
            traffic: {monthly: 3000000}
        """;
    Estimate billed = est(String.format(model, ""));
    assertThat(cents(line(billed, "f", "duration"))).isEqualByComparingTo("18.33");
    assertThat(cents(billed.totalUsd())).isEqualByComparingTo("18.73");
    Estimate page = est(String.format(model, ", overrides: {aws.lambda.duration: 0.00001667}"));
    assertThat(cents(line(page, "f", "duration"))).isEqualByComparingTo("18.34");
    assertThat(cents(line(page, "f", "requests"))).isEqualByComparingTo("0.40");
    assertThat(cents(page.totalUsd())).isEqualByComparingTo("18.74");
  }

  /** O-2: 30M × 200 ms × 128 MB with free tier, the page's display price: $11.63. */
  @Test
  void lambdaO2() {
    Estimate e = est("""
        pricing: {as_of: 2019-06-01, free_tier: true, overrides: {aws.lambda.duration: 0.00001667}}
        services:
          f:
            type: aws.lambda
            memory_mb: 128
            duration_ms: 200
            traffic: {monthly: 30000000}
        """);
    assertThat(cents(line(e, "f", "duration"))).isEqualByComparingTo("5.83");
    assertThat(cents(line(e, "f", "requests"))).isEqualByComparingTo("5.80");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("11.63");
  }

  /** B-1, the 1 ms billing blog: 60M × 28 ms × 1 GB without free tier: $112 at 100 ms, $40 at 1 ms. */
  @Test
  void lambdaB1OneMillisecondBilling() {
    String model = """
        pricing: {as_of: %s}
        services:
          f:
            type: aws.lambda
            memory_mb: 1024
            duration_ms: 28
            traffic: {monthly: 60000000}
        """;
    assertThat(cents(est(String.format(model, "2020-11-30")).totalUsd())).isEqualByComparingTo("112.00");
    assertThat(cents(est(String.format(model, "2020-12-01")).totalUsd())).isEqualByComparingTo("40.00");
  }

  /** A-1, API Gateway page: HTTP API, 432M requests of 12 KB: $418.80 (two tiers). */
  @Test
  void apiGatewayA1HttpTiers() {
    Estimate e = est("""
        pricing: {as_of: 2025-11-01}
        services:
          api:
            type: aws.apigateway.http
            traffic: {monthly: 432000000, kb: 12}
        """);
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("418.80");
  }

  /** HTTP API, 1.08M uploads of 4.5 MB, metered in 512 KB increments: 9.72M requests, $9.72. */
  @Test
  void apiGatewayA2HttpIncrements() {
    Estimate e = est("""
        pricing: {as_of: 2025-11-01}
        services:
          upload:
            type: aws.apigateway.http
            traffic: {monthly: 1080000, kb: 4608}
        """);
    assertThat(e.service("upload").orElseThrow().lines().get(0).quantity()).isEqualTo(9_720_000);
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("9.72");
  }

  /** REST API calls, 5M ($17.50) and 15B ($36,353.10, three tiers). Data transfer is priced separately. */
  @Test
  void apiGatewayA3A4RestTiers() {
    String model = """
        pricing: {as_of: 2025-11-01}
        services:
          api:
            type: aws.apigateway.rest
            traffic: {monthly: %s}
        """;
    assertThat(cents(est(String.format(model, "5000000")).totalUsd())).isEqualByComparingTo("17.50");
    assertThat(cents(est(String.format(model, "15000000000")).totalUsd())).isEqualByComparingTo("36353.10");
  }

  /** a 1.6 GB REST API cache for a day: $0.912. */
  @Test
  void apiGatewayA6Cache() {
    Estimate e = est("""
        period: {hours: 24}
        pricing: {as_of: 2025-11-01}
        services:
          api:
            type: aws.apigateway.rest
            cache_gb: 1.6
        """);
    assertThat(e.totalUsd()).isEqualByComparingTo("0.912");
  }

  /**
   * WebSocket chat, 1000 users connected 12 h a day for 30 days, each sending 100 and
   * receiving 500 messages of 3 KB a day: 18M messages ($18) and 21.6M connection minutes ($5.40).
   */
  @Test
  void apiGatewayA7WebSocket() {
    Estimate e = est("""
        period: {hours: 720}
        pricing: {as_of: 2025-11-01}
        services:
          chat:
            type: aws.apigateway.websocket
            connections: 500
            messages_out_per_call: 5
            traffic: {daily: 100000, kb: 3}
        """);
    assertThat(cents(line(e, "chat", "messages"))).isEqualByComparingTo("18.00");
    assertThat(cents(line(e, "chat", "connection minutes"))).isEqualByComparingTo("5.40");
    assertThat(cents(e.totalUsd())).isEqualByComparingTo("23.40");
  }
}
