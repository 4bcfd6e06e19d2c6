package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes, messages on stderr, outputs. */
class CliTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  static Path example(String name) {
    return dev.costflow.testing.TestModels.repoRoot().resolve("examples").resolve(name);
  }

  @Test
  void estimatesTheBundledExamples() {
    for (String ex : new String[] {"checkout.yaml", "fanout.yaml", "nightly-batch.yaml", "documents.yaml"}) {
      Result r = run("estimate", example(ex).toString());
      assertThat(r.code()).as(ex + ": " + r.err()).isZero();
      assertThat(r.out()).contains("TOTAL");
    }
  }

  @Test
  void jsonFollowsTheSpec() throws IOException {
    Result r = run("estimate", example("checkout.yaml").toString(), "--format", "json");
    assertThat(r.code()).isZero();
    JsonNode j = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(r.out());
    assertThat(j.get("schema").asText()).isEqualTo("costflow/estimate@1");
    assertThat(j.get("model").asText()).isEqualTo("checkout");
    assertThat(j.at("/period/label").asText()).isEqualTo("2025-11");
    assertThat(j.at("/period/hours").asInt()).isEqualTo(720);
    assertThat(j.get("currency").asText()).isEqualTo("USD");
    assertThat(j.get("total_usd").isNumber()).isTrue();
    JsonNode checkout = j.get("services").get(1);
    assertThat(checkout.get("id").asText()).isEqualTo("checkout");
    assertThat(checkout.get("calls").asLong()).isEqualTo(30_000_000L);
    JsonNode requests = checkout.get("lines").get(0);
    assertThat(requests.get("meter").asText()).isEqualTo("requests");
    assertThat(requests.get("unit").asText()).isEqualTo("requests");
    assertThat(requests.get("quantity").asLong()).isEqualTo(30_000_000L);
    assertThat(requests.get("billable_quantity").asLong()).isEqualTo(30_000_000L);
    assertThat(requests.get("cost_usd").decimalValue()).isEqualByComparingTo("6");
    // unrounded: the sum of the services is the total exactly
    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
    for (JsonNode s : j.get("services")) {
      sum = sum.add(s.get("cost_usd").decimalValue());
    }
    assertThat(sum).isEqualByComparingTo(j.get("total_usd").decimalValue());
    // the warning goes to stderr, with its position
    assertThat(r.err()).contains("checkout.yaml:").contains("warning: services.audit-queue");
  }

  @Test
  void setAndPeriodChangeTheEstimate() throws IOException {
    Result base = run("estimate", example("checkout.yaml").toString(), "--format", "json");
    Result more = run("estimate", example("checkout.yaml").toString(), "--format", "json", "--set", "services.checkout.memory_mb=2048");
    ObjectMapper om = new ObjectMapper();
    assertThat(om.readTree(more.out()).get("total_usd").decimalValue()).isGreaterThan(om.readTree(base.out()).get("total_usd").decimalValue());
    Result feb = run("estimate", example("checkout.yaml").toString(), "--format", "json", "--period", "2026-02");
    assertThat(om.readTree(feb.out()).at("/period/hours").asInt()).isEqualTo(672);
    assertThat(run("estimate", example("checkout.yaml").toString(), "--period", "Feb").code()).isEqualTo(2);
  }

  @Test
  void badModelsExitWithCode2AndAPositionedMessageWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    memory_mb: 64\n");
    Result r = run("estimate", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(bad + ":6:16: error: services.f.memory_mb: must be between 128 and 10240 MB, got 64");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void debugPrintsTheStackTrace(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: x\nservices: {f: {type: nope}}\n");
    Result r = run("estimate", bad.toString(), "--debug");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ModelException");
  }

  @Test
  void missingFilesAndUnknownOptionsAreUsageErrors() {
    Result missing = run("estimate", "no/such/model.yaml");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no/such/model.yaml:1:1: error: no such file");
    Result option = run("estimate", example("checkout.yaml").toString(), "--formt", "json");
    assertThat(option.code()).isEqualTo(2);
    assertThat(option.err()).contains("Unknown options: '--formt'").contains("Possible solutions: --format");
    assertThat(run("estimate", example("checkout.yaml").toString(), "--format", "pdf").code()).isEqualTo(2);
    assertThat(run("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void outputFilesAreWrittenWhole(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/estimate.csv");
    Result r = run("estimate", example("fanout.yaml").toString(), "--format", "csv", "--out", out.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(out)).startsWith("service,type,meter,meter_id,unit,quantity,billable_quantity,cost_usd\n");
    try (var files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("estimate.csv");
    }
  }

  @Test
  void helpListsTheCommands() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("estimate");
  }
}
