package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.importers.usage.FakeCloudWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import commands as a user runs them: exit codes, messages, files written atomically. */
class ImportCommandsTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static final String TEMPLATE = """
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Stage: {Type: String, Default: dev}
      Resources:
        Orders:
          Type: AWS::DynamoDB::Table
          Properties: {BillingMode: PAY_PER_REQUEST, TableName: !Sub "orders-${Stage}"}
        Checkout:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: !Sub "checkout-${Stage}"
            MemorySize: 1024
            Policies: [{DynamoDBCrudPolicy: {TableName: !Ref Orders}}]
            Events:
              Post: {Type: HttpApi, Properties: {Path: /checkout, Method: post}}
      """;

  @Test
  void importSamWritesAModelThatEstimates() throws IOException {
    Path t = file("shop/template.yaml", TEMPLATE);
    Path out = dir.resolve("shop.yaml");
    Run r = run("import", "sam", t.toString(), "--out", out.toString(), "--parameter", "Stage=prod", "--stack-name", "shop-prod");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("imported").contains("3 services").contains("-> " + out);
    String model = Files.readString(out);
    assertThat(model).contains("name: shop-prod").contains("checkout-prod").contains("PLACEHOLDER");
    Run e = run("estimate", out.toString(), "--format", "json");
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(e.out()).contains("costflow/estimate@1");
    // stable: the same input gives the same text
    Run again = run("import", "sam", t.toString(), "--parameter", "Stage=prod", "--stack-name", "shop-prod");
    assertThat(again.out()).isEqualTo(model);
  }

  @Test
  void brokenTemplateExitsTwoWithFileLineAndNoStackTrace() throws IOException {
    Path t = file("bad.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Nope x}\n");
    Path out = file("keep.yaml", "previous content\n");
    Run r = run("import", "sam", t.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(t + ":4:").contains("error: unknown tag !Nope").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.readString(out)).isEqualTo("previous content\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void badOptionsExitTwo() throws IOException {
    Path t = file("t.yaml", TEMPLATE);
    assertThat(run("import", "sam", t.toString(), "--region", "moon-1").code()).isEqualTo(2);
    assertThat(run("import", "sam", t.toString(), "--parameter", "NoEquals").err()).contains("KEY=VALUE");
    assertThat(run("import").code()).isEqualTo(2);
    assertThat(run("import", "sam", dir.resolve("missing.yaml").toString()).err()).contains("missing.yaml:1:1: error: no such file");
  }

  @Test
  void importServerlessWithStageAndOptions() throws IOException {
    Path sls = file("svc/serverless.yml", """
        service: shop
        provider:
          name: aws
          stage: dev
          memorySize: ${opt:memory, 256}
        functions:
          hello:
            handler: h.hello
            events:
              - httpApi: GET /hello
          tick:
            handler: h.tick
            events:
              - schedule: rate(5 minutes)
        """);
    Run r = run("import", "serverless", sls.toString(), "--stage", "prod", "--opt", "memory=512");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("name: shop").contains("memory_mb: 512").contains("shop-prod-hello").contains("schedule: rate(5 minutes)");
    assertThat(r.err()).contains("imported");
  }

  @Test
  void lambdaLogsSnippetAndModelUpdate() throws IOException {
    Path log = file("logs/fn.log", """
        REPORT RequestId: a1\tDuration: 101.50 ms\tBilled Duration: 102 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tInit Duration: 250.00 ms
        REPORT RequestId: a2\tDuration: 98.25 ms\tBilled Duration: 99 ms\tMemory Size: 512 MB\tMax Memory Used: 81 MB
        """);
    Path samples = dir.resolve("fn.durations.txt");
    Run r = run("import", "lambda-logs", log.toString(), "--function", "checkout", "--samples", samples.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("checkout:").contains("duration_ms: {samples: ");
    assertThat(r.err()).contains("2 invocations").contains("oversized");
    assertThat(Files.readAllLines(samples)).contains("101.5", "98.25");

    Path model = file("m/shop.yaml", "costflow: 1\nname: shop\nservices:\n  checkout:   # keep me\n    type: aws.lambda\n    traffic: {monthly: 1000}\n");
    Path out = dir.resolve("m/shop2.yaml");
    Run u = run("import", "lambda-logs", log.toString(), "--function", "checkout", "--model", model.toString(), "--out", out.toString());
    assertThat(u.code()).as(u.err()).isZero();
    assertThat(Files.readString(out)).contains("# keep me").contains("duration_ms: {samples: checkout.durations.txt}").contains("memory_mb: 512");
    assertThat(dir.resolve("m/checkout.durations.txt")).exists();
    assertThat(dir.resolve("m/checkout.init-durations.txt")).exists();
    assertThat(run("estimate", out.toString()).code()).isZero();

    Path bad = file("bad.log", "REPORT RequestId: x\tDuration: ?? ms\n");
    Run b = run("import", "lambda-logs", bad.toString(), "--function", "checkout");
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err()).contains(bad + ":1:").contains("Duration");
    assertThat(run("import", "lambda-logs", log.toString(), "--function", "checkout", "--model", model.toString()).code()).isEqualTo(2);
  }

  @Test
  void cloudwatchAgainstALocalEndpoint() throws IOException {
    Path model = file("cw/shop.yaml", """
        costflow: 1
        name: shop
        services:
          # our public API
          api:
            type: aws.apigateway.http
            traffic: {monthly: 1000000}   # PLACEHOLDER
            calls: [{to: fn}]
          fn:
            type: aws.lambda
            duration_ms: 100
        """);
    Path out = dir.resolve("cw/shop2.yaml");
    String before = System.getProperty("aws.accessKeyId");
    System.setProperty("aws.accessKeyId", "AKIAFAKE");
    System.setProperty("aws.secretAccessKey", "fake-secret");
    try (FakeCloudWatch cw = new FakeCloudWatch()) {
      cw.metric("AWS/ApiGateway", "Count", "ApiId", "a1b2c3", t -> 100, Map.of())
          .metric("AWS/Lambda", "Invocations", "FunctionName", "shop-fn", t -> 100, Map.of())
          .metric("AWS/Lambda", "Duration", "FunctionName", "shop-fn", t -> 1, Map.of("p50", 50.0, "p90", 80.0, "p99", 200.0, "Maximum", 900.0));
      Run r = run("import", "cloudwatch", model.toString(), "--start", "2025-10-01", "--end", "2025-11-01", "--out", out.toString(),
          "--map", "fn=shop-fn", "--endpoint-url", cw.endpoint().toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("api (a1b2c3)").contains("traffic series");
      assertThat(Files.readString(out)).contains("# our public API").doesNotContain("# PLACEHOLDER").contains("series: shop2.series/api.csv").contains("percentiles");
      assertThat(dir.resolve("cw/shop2.series/api.csv")).exists();
      Run e = run("estimate", out.toString(), "--format", "json");
      assertThat(e.code()).as(e.err()).isZero();
      assertThat(e.out()).contains("2025-10");

      assertThat(run("import", "cloudwatch", model.toString(), "--start", "2025-10-01", "--end", "2025-09-01", "--out", out.toString()).code()).isEqualTo(2);
      assertThat(run("import", "cloudwatch", model.toString(), "--start", "yesterday", "--end", "2025-09-01", "--out", out.toString()).err())
          .contains("--start: expected a date");
    } finally {
      if (before == null) {
        System.clearProperty("aws.accessKeyId");
      } else {
        System.setProperty("aws.accessKeyId", before);
      }
      System.clearProperty("aws.secretAccessKey");
    }
    Run down = run("import", "cloudwatch", model.toString(), "--start", "2025-10-01", "--end", "2025-11-01", "--out", dir.resolve("x.yaml").toString(),
        "--endpoint-url", "http://127.0.0.1:9");
    assertThat(down.code()).isEqualTo(2);
    assertThat(down.err()).contains("CloudWatch").doesNotContain("\tat ");
    assertThat(dir.resolve("x.yaml")).doesNotExist();
  }
}
