package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costflow compare} and {@code costflow pricing list|show|import} as a user runs them. */
class CompareAndPricingCliTest {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final Path FIXTURE = TestModels.repoRoot().resolve("pricing-data/src/test/resources/pricelist/AWSLambda-us-west-2.json");

  static CliTest.Result run(String... args) {
    return CliTest.run(args);
  }

  @Test
  void compareShowsBothSidesPeopleAndCrossover(@TempDir Path home) throws IOException {
    CliTest.Result r = run("compare", CliTest.example("checkout.yaml").toString(), "--with", "fargate", "--format", "json", "--home", home.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("schema").asText()).isEqualTo("costflow/compare@1");
    assertThat(j.get("with").asText()).isEqualTo("fargate");
    BigDecimal infra = j.at("/serverless/infrastructure_usd").decimalValue();
    BigDecimal people = j.at("/serverless/people_usd").decimalValue();
    assertThat(j.at("/serverless/total_usd").decimalValue()).isEqualByComparingTo(infra.add(people));
    // 8 h a month at $100 an hour on the containers, 2 h on serverless (defaults), one calendar month
    assertThat(j.at("/alternative/people_usd").decimalValue()).isEqualByComparingTo("800");
    assertThat(people).isEqualByComparingTo("200");
    assertThat(j.get("replacements")).hasSize(2);
    assertThat(j.get("replacements").get(0).get("replaced_by").asText()).isEqualTo("aws.fargate");
    assertThat(j.get("sweep").size()).isEqualTo(19);
    // the estimate's services are kept; only the functions are replaced
    assertThat(j.at("/alternative/infrastructure_usd").decimalValue()).isPositive();
  }

  @Test
  void compareFindsWhereContainersWinAtScale(@TempDir Path home) throws IOException {
    Path model = home.resolve("busy.yaml");
    Files.writeString(model, """
        costflow: 1
        name: busy
        period: 2025-11
        pricing: {as_of: 2025-11-01}
        services:
          api:
            type: aws.lambda
            memory_mb: 1769
            duration_ms: 200
            traffic: {monthly: 5000000}
        """);
    CliTest.Result r = run("compare", model.toString(), "--with", "ec2", "--ops-hours-per-month", "0", "--serverless-ops-hours-per-month", "0", "--min-units", "1",
        "--format", "json", "--home", home.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    JsonNode x = j.get("crossover");
    assertThat(x.isObject()).as(j.toPrettyString()).isTrue();
    assertThat(x.get("cheaper_above").asText()).isEqualTo("ec2");
    double scale = x.get("traffic_scale").asDouble();
    // a 1769 MB function is 1 vCPU: $0.1066 an hour of Lambda per busy vCPU-hour vs one m7i.large ($0.1008/h, 2 vCPU at 60 %)
    // serverless 5M × 0.2 s = 1e6 s ≈ 1769 MB... the totals cross somewhere between 1× and 1000×
    assertThat(scale).isBetween(1.0, 1000.0);
    assertThat(x.get("entry_calls_per_month").asDouble()).isCloseTo(5_000_000 * scale, org.assertj.core.data.Offset.offset(5_000_000 * scale * 1e-9));
  }

  @Test
  void compareTableAndMarkdownNameTheAssumptions(@TempDir Path home) {
    CliTest.Result t = run("compare", CliTest.example("fanout.yaml").toString(), "--with", "ec2", "--home", home.toString());
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out()).contains("total cost of ownership").contains("Assumptions:").contains("docs/compare.md");
    CliTest.Result m = run("compare", CliTest.example("fanout.yaml").toString(), "--with", "fargate", "--format", "markdown", "--home", home.toString());
    assertThat(m.code()).isZero();
    assertThat(m.out()).startsWith("## ").contains("| **Total cost of ownership** |");
  }

  @Test
  void compareRejectsBadOptions(@TempDir Path home) {
    String model = CliTest.example("checkout.yaml").toString();
    CliTest.Result noWith = run("compare", model);
    assertThat(noWith.code()).isEqualTo(2);
    assertThat(noWith.err()).contains("--with");
    CliTest.Result badWith = run("compare", model, "--with", "kubernetes");
    assertThat(badWith.code()).isEqualTo(2);
    assertThat(run("compare", model, "--with", "fargate", "--utilization", "1.5").err()).contains("--utilization: must be more than 0 and at most 1");
    assertThat(run("compare", model, "--with", "fargate", "--task-vcpu", "1", "--task-memory-gb", "16").err()).contains("a 1 vCPU task takes 2–8 GB");
    assertThat(run("compare", model, "--with", "fargate", "--instance-type", "m7g.large").err()).contains("--instance-type applies to --with ec2");
    assertThat(run("compare", model, "--with", "ec2", "--instance-type", "x1.huge").err()).contains("no price for 'x1.huge'");
  }

  @Test
  void compareNeedsFunctions(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("q.yaml");
    Files.writeString(model, "costflow: 1\nname: q\nservices:\n  q: {type: aws.sqs, traffic: {monthly: 10}}\n");
    CliTest.Result r = run("compare", model.toString(), "--with", "fargate", "--home", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no aws.lambda function");
  }

  @Test
  void pricingListShowsMetersAndRegions(@TempDir Path home) throws IOException {
    CliTest.Result r = run("pricing", "list", "--home", home.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("aws.stepfunctions.transitions").contains("gcp.cloudrun.vcpu_seconds").contains("azure.functions.execution_time");
    CliTest.Result regions = run("pricing", "list", "--regions", "--cloud", "aws", "--format", "json", "--home", home.toString());
    JsonNode j = JSON.readTree(regions.out());
    assertThat(j.get("regions")).hasSize(34);
    JsonNode ohio = j.get("regions").get(1);
    assertThat(ohio.get("code").asText()).isEqualTo("us-east-2");
    assertThat(ohio.get("usage_type_prefix").asText()).isEqualTo("USE2-");
    CliTest.Result lambda = run("pricing", "list", "--service", "aws.lambda", "--region", "af-south-1", "--home", home.toString());
    assertThat(lambda.out()).contains("aws.lambda.duration.x86_64").doesNotContain("aws.sqs");
    assertThat(run("pricing", "list", "--region", "mars-1", "--home", home.toString()).code()).isEqualTo(2);
  }

  @Test
  void pricingShowGivesDatedRatesWithSources(@TempDir Path home) throws IOException {
    CliTest.Result r = run("pricing", "show", "aws.dynamodb.write_request_units", "--region", "us-east-1", "--home", home.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("from 2018-11-28").contains("from 2024-11-01").contains("source: ").contains("* us-east-1  from 2024-11-01");
    CliTest.Result old = run("pricing", "show", "aws.dynamodb.write_request_units", "--region", "us-east-1", "--as-of", "2023-01-01", "--home", home.toString());
    assertThat(old.out()).contains("* us-east-1  from 2018-11-28");
    JsonNode j = JSON.readTree(run("pricing", "show", "aws.lambda.duration.x86_64", "--format", "json", "--home", home.toString()).out());
    assertThat(j.get("id").asText()).isEqualTo("aws.lambda.duration.x86_64");
    assertThat(j.get("free_tiers").get(0).get("monthly").asLong()).isEqualTo(400000);
    assertThat(j.get("rates").size()).isGreaterThan(20);
    CliTest.Result typo = run("pricing", "show", "aws.lambda.duraton.x86_64", "--home", home.toString());
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("no meter 'aws.lambda.duraton.x86_64'").contains("did you mean");
  }

  @Test
  void pricingImportRefreshesRatesForLaterEstimates(@TempDir Path home) throws IOException {
    // A copy of the fixture with a new day and price for us-west-2 requests.
    String offer = Files.readString(FIXTURE).replace("\"effectiveDate\" : \"2025-10-01T00:00:00Z\"", "\"effectiveDate\" : \"2026-01-01T00:00:00Z\"")
        .replace("\"USD\" : \"0.0000002000\"", "\"USD\" : \"0.0000002500\"");
    Path file = home.resolve("index.json");
    Files.writeString(file, offer);
    CliTest.Result dry = run("pricing", "import", file.toString(), "--dry-run", "--home", home.toString());
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("dry run: nothing written").contains("changed");
    assertThat(home.resolve("catalog")).doesNotExist();

    CliTest.Result r = run("pricing", "import", file.toString(), "--format", "json", "--home", home.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.get("offer_code").asText()).isEqualTo("AWSLambda");
    Path written = Path.of(j.get("written").asText());
    assertThat(written).exists().hasParent(home.resolve("catalog").resolve("imported"));
    assertThat(Files.list(written.getParent()).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));

    Path model = home.resolve("m.yaml");
    Files.writeString(model, "costflow: 1\nname: m\nregion: us-west-2\nperiod: 2026-02\nservices:\n  fn: {type: aws.lambda, traffic: {monthly: 1000000}}\n");
    JsonNode after = JSON.readTree(run("estimate", model.toString(), "--format", "json", "--home", home.toString()).out());
    assertThat(after.at("/services/0/lines/0/cost_usd").decimalValue()).isEqualByComparingTo("0.25");
    JsonNode bundled = JSON.readTree(run("estimate", model.toString(), "--format", "json", "--bundled-prices").out());
    assertThat(bundled.at("/services/0/lines/0/cost_usd").decimalValue()).isEqualByComparingTo("0.2");
    // pricing show lists the imported rate with its Price List source
    assertThat(run("pricing", "show", "aws.lambda.requests", "--region", "us-west-2", "--home", home.toString()).out())
        .contains("from 2026-01-01").contains("AWS Price List offer file");
  }

  @Test
  void pricingImportRejectsBadFilesWithPositions(@TempDir Path home) throws IOException {
    Path bad = home.resolve("bad.json");
    Files.writeString(bad, "{\n  \"offerCode\": \"AWSLambda\",\n  \"products\": {\n    \"X\": [1, }\n}\n");
    CliTest.Result r = run("pricing", "import", bad.toString(), "--home", home.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(bad + ":4:").contains("error: not valid JSON");
    assertThat(home.resolve("catalog")).doesNotExist();
    CliTest.Result missing = run("pricing", "import", home.resolve("nope.json").toString(), "--home", home.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }
}
