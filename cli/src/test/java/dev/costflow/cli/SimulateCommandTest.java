package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costflow simulate} as a user runs it. */
class SimulateCommandTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  static CliTest.Result run(String... args) {
    return CliTest.run(args);
  }

  static String checkout() {
    return CliTest.example("checkout.yaml").toString();
  }

  @Test
  void jsonFollowsTheSpec() throws IOException {
    CliTest.Result r = run("simulate", checkout(), "--runs", "12", "--seed", "7", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("schema").asText()).isEqualTo("costflow/simulate@1");
    assertThat(j.get("runs").asInt()).isEqualTo(12);
    assertThat(j.get("seed").asLong()).isEqualTo(7);
    assertThat(j.get("model").asText()).isEqualTo("checkout");
    assertThat(j.get("currency").asText()).isEqualTo("USD");
    for (String k : new String[] {"mean", "p5", "p50", "p95"}) {
      assertThat(j.at("/total_usd/" + k).isNumber()).as(k).isTrue();
    }
    assertThat(j.at("/total_usd/p5").decimalValue()).isLessThanOrEqualTo(j.at("/total_usd/p50").decimalValue());
    assertThat(j.at("/total_usd/p50").decimalValue()).isLessThanOrEqualTo(j.at("/total_usd/p95").decimalValue());
    BigDecimal sumOfMeans = BigDecimal.ZERO;
    for (JsonNode s : j.get("services")) {
      assertThat(s.get("id").isTextual()).isTrue();
      for (String k : new String[] {"mean", "p5", "p50", "p95"}) {
        assertThat(s.at("/cost_usd/" + k).isNumber()).isTrue();
      }
      sumOfMeans = sumOfMeans.add(s.at("/cost_usd/mean").decimalValue());
      if (s.get("type").asText().equals("aws.lambda")) {
        for (String k : new String[] {"cold_starts", "throttles", "peak_concurrency", "billed_init_ms", "invocations"}) {
          assertThat(s.at("/" + k + "/mean").isNumber()).as(s.get("id") + " " + k).isTrue();
        }
      } else {
        assertThat(s.has("cold_starts")).isFalse();
      }
    }
    // means are exact: the services' means add up to the total's
    assertThat(sumOfMeans.subtract(j.at("/total_usd/mean").decimalValue()).abs()).isLessThan(new BigDecimal("1e-25"));
    BigDecimal estimate = dev.costflow.engine.Estimator.bundled().estimate(dev.costflow.model.ModelReader.read(CliTest.example("checkout.yaml"))).totalUsd();
    assertThat(j.get("estimate_usd").decimalValue()).isEqualByComparingTo(estimate);
    assertThat(r.err()).contains("warning: services.audit-queue");
  }

  @Test
  void theSameSeedGivesTheSameOutputOnAnyNumberOfThreads() {
    CliTest.Result a = run("simulate", checkout(), "--runs", "6", "--seed", "3", "--format", "json", "--threads", "1");
    CliTest.Result b = run("simulate", checkout(), "--runs", "6", "--seed", "3", "--format", "json", "--threads", "3");
    CliTest.Result c = run("simulate", checkout(), "--runs", "6", "--seed", "4", "--format", "json", "--threads", "3");
    assertThat(a.code()).isZero();
    assertThat(b.out()).isEqualTo(a.out());
    assertThat(c.out()).isNotEqualTo(a.out());
  }

  @Test
  void theTableShowsCostsAndFunctions() {
    CliTest.Result r = run("simulate", checkout(), "--runs", "5");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("5 runs · seed 1 · account concurrency limit 1,000").contains("TOTAL").contains("COLD STARTS").contains("send-email")
        .contains("the analytic estimate is $3");
    // warnings are part of the table
    assertThat(r.out()).contains("warning: services.audit-queue");
  }

  @Test
  void comparesTwoModelsWithCommonRandomNumbers(@TempDir Path dir) throws IOException {
    Path head = dir.resolve("head.yaml");
    Files.writeString(head, Files.readString(CliTest.example("checkout.yaml")).replace("memory_mb: 1024", "memory_mb: 512"));
    CliTest.Result r = run("simulate", checkout(), "--runs", "10", "--compare", head.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.at("/compare/delta_usd/mean").decimalValue()).isNegative();
    assertThat(j.at("/compare/delta_usd/sd").decimalValue()).isLessThan(j.at("/compare/independent_sd_usd").decimalValue());
    assertThat(j.at("/compare/head/model").asText()).isEqualTo("checkout");
    JsonNode web = j.at("/compare/services/0");
    assertThat(web.get("id").asText()).isEqualTo("web");
    assertThat(web.get("status").asText()).isEqualTo("kept");
    assertThat(web.at("/delta_usd/mean").decimalValue()).isEqualByComparingTo("0");
    CliTest.Result md = run("simulate", checkout(), "--runs", "10", "--compare", head.toString(), "--format", "markdown");
    assertThat(md.out()).startsWith("## checkout vs checkout: \\-\\$").contains("| checkout | kept |").doesNotContain(" $");
    CliTest.Result set = run("simulate", checkout(), "--runs", "10", "--compare-set", "services.checkout.memory_mb=512", "--format", "json");
    assertThat(JSON.readTree(set.out()).at("/compare/delta_usd")).isEqualTo(j.at("/compare/delta_usd"));
  }

  @Test
  void writesTheOutputAtomically(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/sim.json");
    CliTest.Result r = run("simulate", checkout(), "--runs", "3", "--format", "json", "--out", out.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(JSON.readTree(Files.readString(out, StandardCharsets.UTF_8)).get("runs").asInt()).isEqualTo(3);
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void badInputIsExitCode2WithAMessage(@TempDir Path dir) throws IOException {
    CliTest.Result zero = run("simulate", checkout(), "--runs", "0");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("--runs").contains("got 0").doesNotContain("Exception");
    assertThat(run("simulate", checkout(), "--runs", "lots").code()).isEqualTo(2);
    assertThat(run("simulate", checkout(), "--threads", "0").code()).isEqualTo(2);
    assertThat(run("simulate", checkout(), "--format", "pdf").code()).isEqualTo(2);
    CliTest.Result missing = run("simulate", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml").contains("no such file");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: bad\nlimits: {concurrency: -5}\nservices:\n  f: {type: aws.lambda}\n");
    CliTest.Result b = run("simulate", bad.toString());
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err()).contains("bad.yaml:3:23: error: limits.concurrency").doesNotContain("at dev.");
    CliTest.Result head = run("simulate", checkout(), "--compare", bad.toString());
    assertThat(head.code()).isEqualTo(2);
    assertThat(head.err()).contains("bad.yaml:3:23");
  }

  @Test
  void hostileNamesAreEscaped(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("evil.yaml");
    Files.writeString(m, "costflow: 1\nname: '<script>alert(1)</script>|x](javascript:alert(1))'\nservices:\n  f:\n    type: aws.lambda\n    traffic: {hourly: 10}\n");
    CliTest.Result md = run("simulate", m.toString(), "--runs", "3", "--format", "markdown");
    assertThat(md.code()).isZero();
    assertThat(md.out()).doesNotContain("<script>").doesNotContain("](javascript").contains("&lt;script&gt;");
    CliTest.Result table = run("simulate", m.toString(), "--runs", "3");
    assertThat(table.out()).doesNotContain("\u001b");
  }
}
