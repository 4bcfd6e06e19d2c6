package dev.costflow.importers.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.dist.Percentiles;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.model.Traffic;
import dev.costflow.services.LambdaKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class CloudWatchImportTest {
  static final String MODEL = """
      costflow: 1
      name: shop
      services:
        # the public API
        api:
          type: aws.apigateway.rest
          # PLACEHOLDER: traffic
          traffic: {monthly: 1000000}
          calls: [{to: checkout}]
          tags: {"aws:cloudformation:logical-id": ShopApi, "aws:cloudformation:stack-name": shop}
        checkout:
          type: aws.lambda
          memory_mb: 1024
          duration_ms: 100   # PLACEHOLDER
          tags: {"aws:cloudformation:logical-id": CheckoutFunction, "aws:cloudformation:stack-name": shop}
        nightly:
          type: aws.lambda
          traffic: {schedule: "rate(1 day)"}
        orders-queue:
          type: aws.sqs
          traffic: {monthly: 1000}
          calls: [{to: worker, batch_size: 10}]
          tags: {"costflow:resource-name": orders-q}
        worker:
          type: aws.lambda
          tags: {"costflow:resource-name": worker-fn}
        events:
          type: aws.sns
          traffic: {monthly: 5}
      """;

  @TempDir Path dir;
  FakeCloudWatch fake;
  CloudWatchClient cw;

  static double apiPerHour(Instant t) {
    int h = t.atZone(ZoneOffset.UTC).getHour();
    return h >= 8 && h < 20 ? 2000 : 500;
  }

  @BeforeEach
  void start() {
    fake = new FakeCloudWatch()
        .metric("AWS/ApiGateway", "Count", "ApiName", "shop", CloudWatchImportTest::apiPerHour, Map.of())
        .metric("AWS/Lambda", "Invocations", "FunctionName", "shop-CheckoutFunction-1X2Y3Z", CloudWatchImportTest::apiPerHour, Map.of("Sum", 900_000.0))
        .metric("AWS/Lambda", "Duration", "FunctionName", "shop-CheckoutFunction-1X2Y3Z", t -> 1,
            Map.of("p50", 120.5, "p90", 300.0, "p99", 290.0, "Maximum", 2500.0, "Minimum", 3.1))
        .metric("AWS/Lambda", "Errors", "FunctionName", "shop-CheckoutFunction-1X2Y3Z", t -> 0, Map.of("Sum", 900.0))
        .metric("AWS/Lambda", "ConcurrentExecutions", "FunctionName", "shop-CheckoutFunction-1X2Y3Z", t -> 0, Map.of("Maximum", 37.0))
        .metric("AWS/Lambda", "Invocations", "FunctionName", "shop-OtherFunction-9Q", t -> 1, Map.of())
        .metric("AWS/Lambda", "Invocations", "FunctionName", "nightly-report", t -> t.atZone(ZoneOffset.UTC).getHour() == 2 ? 1 : 0, Map.of())
        .metric("AWS/Lambda", "Duration", "FunctionName", "nightly-report", t -> 1, Map.of("p50", 40000.0, "p90", 41000.0, "p99", 45000.0, "Maximum", 46000.0))
        .metric("AWS/SQS", "NumberOfMessagesSent", "QueueName", "orders-q", t -> 10, Map.of())
        .metric("AWS/Lambda", "Invocations", "FunctionName", "worker-fn", t -> 1, Map.of());
    cw = CloudWatchImport.client("us-east-1", Optional.of(fake.endpoint()),
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKE", "fake-secret"))));
  }

  @AfterEach
  void stop() {
    cw.close();
    fake.close();
  }

  private CloudWatchImport.Result run(LocalDate start, LocalDate end, Map<String, String> names) throws IOException {
    Path model = dir.resolve("shop.yaml");
    Files.writeString(model, MODEL);
    return CloudWatchImport.run(cw, MODEL, "shop.yaml", dir, "shop2.series", new CloudWatchImport.Options(start, end, names));
  }

  private Model write(CloudWatchImport.Result r) throws IOException {
    for (var f : r.seriesFiles().entrySet()) {
      Files.createDirectories(dir.resolve(f.getKey()).getParent());
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    return ModelReader.read(r.modelText(), "shop2.yaml", dir, List.of(), Optional.empty());
  }

  @Test
  void fillsTrafficDurationsAndErrorsFromAMonthOfMetrics() throws IOException {
    CloudWatchImport.Result r = run(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), Map.of("nightly", "nightly-report"));
    // the API (an entry point) gets an hourly series: 30 days × (12 × 2000 + 12 × 500)
    assertThat(r.seriesFiles()).containsKeys("shop2.series/api.csv", "shop2.series/nightly.csv", "shop2.series/orders-queue.csv");
    String api = r.seriesFiles().get("shop2.series/api.csv");
    assertThat(api.lines()).hasSize(721).first().isEqualTo("timestamp,count");
    assertThat(api.lines().skip(1).findFirst()).contains("2025-11-01T00:00:00Z,500");
    // the checkout function is called by the API: no traffic of its own, but durations and errors
    assertThat(r.seriesFiles()).doesNotContainKey("shop2.series/checkout.csv");
    assertThat(r.modelText()).contains("# the public API").contains("period: 2025-11");
    assertThat(r.warnings()).anySatisfy(d -> assertThat(d.message()).contains("services.events").contains("--map events="));

    Model m = write(r);
    assertThat(m.period().label()).isEqualTo("2025-11");
    Traffic t = m.service("api").orElseThrow().traffic().orElseThrow();
    assertThat(t.rate()).isInstanceOf(Traffic.Series.class);
    LambdaKind.Spec checkout = m.service("checkout").orElseThrow().spec(LambdaKind.Spec.class);
    assertThat(checkout.durationMs()).isInstanceOf(Percentiles.class);
    assertThat(checkout.durationMs().quantile(0.5)).isCloseTo(120.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(checkout.durationMs().quantile(0.99)).isCloseTo(300.0, org.assertj.core.data.Offset.offset(1e-6)); // p99 raised to p90
    assertThat(checkout.errorRate()).isEqualTo(900.0 / (30 * (12 * 2000 + 12 * 500)));
    assertThat(r.summary()).anySatisfy(s -> assertThat(s).contains("checkout (shop-CheckoutFunction-1X2Y3Z)").contains("peak concurrency 37"));

    Estimate e = Estimator.bundled().estimate(m);
    double apiCalls = e.services().stream().filter(s -> s.id().equals("api")).findFirst().orElseThrow().calls();
    assertThat(apiCalls).isEqualTo(30 * (12 * 2000 + 12 * 500));
    double nightly = e.services().stream().filter(s -> s.id().equals("nightly")).findFirst().orElseThrow().calls();
    assertThat(nightly).isEqualTo(30);
    // paging: more than one GetMetricData page was fetched, and every request was signed
    assertThat(fake.requests().stream().filter(b -> b.contains("Action=GetMetricData") && b.contains("NextToken")).count()).isGreaterThan(0);
    assertThat(fake.authorizations()).allSatisfy(a -> assertThat(a).contains("Credential=AKIAFAKE/"));
  }

  @Test
  void aWindowThatIsNotAMonthSetsAnHoursPeriod() throws IOException {
    CloudWatchImport.Result r = run(LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 10), Map.of());
    Model m = write(r);
    assertThat(m.period().hours()).isEqualTo(168);
    assertThat(r.seriesFiles().get("shop2.series/api.csv").lines()).hasSize(169);
  }

  @Test
  void reImportIsStable() throws IOException {
    CloudWatchImport.Result a = run(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), Map.of());
    CloudWatchImport.Result b = run(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), Map.of());
    assertThat(b.modelText()).isEqualTo(a.modelText());
    assertThat(b.seriesFiles()).isEqualTo(a.seriesFiles());
  }

  @Test
  void unknownMapTargetsAndBadWindowsAreRejected() {
    assertThatThrownBy(() -> run(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), Map.of("nope", "x")))
        .isInstanceOf(ModelException.class).hasMessageContaining("no service 'nope'");
    assertThatThrownBy(() -> new CloudWatchImport.Options(LocalDate.of(2025, 11, 2), LocalDate.of(2025, 11, 1), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endpointFromTheStandardSettings() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_MONITORING", "http://127.0.0.1:2");
    assertThat(CloudWatchImport.endpoint(Optional.empty(), env::get)).contains(URI.create("http://127.0.0.1:2"));
    assertThat(CloudWatchImport.endpoint(Optional.empty(), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1")::get)).contains(URI.create("http://127.0.0.1:1"));
    assertThat(CloudWatchImport.endpoint(Optional.of("https://monitoring.example"), env::get)).contains(URI.create("https://monitoring.example"));
    assertThat(CloudWatchImport.endpoint(Optional.empty(), k -> null)).isEmpty();
    assertThatThrownBy(() -> CloudWatchImport.endpoint(Optional.of("ftp://x"), k -> null)).isInstanceOf(IllegalArgumentException.class);
  }
}
