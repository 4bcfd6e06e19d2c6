package dev.costflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.dist.LogNormal;
import dev.costflow.services.LambdaKind;
import dev.costflow.services.SqsKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelReaderTest {
  static Model read(String text) {
    return ModelReader.read(text, "m.yaml", Path.of("."), List.of(), Optional.empty());
  }

  static ModelException error(String text) {
    try {
      read(text);
    } catch (ModelException e) {
      return e;
    }
    throw new AssertionError("expected an error for:\n" + text);
  }

  static final String SPEC_EXAMPLE =
      """
      costflow: 1                 # format version (required)
      name: checkout              # required
      cloud: aws
      region: us-east-1
      period: 2025-11
      pricing:
        as_of: 2025-11-01
        free_tier: false
        discount_pct: 0
        overrides:
          aws.lambda.duration: 0.0000150
      services:
        web:
          type: aws.apigateway.http
          traffic: { monthly: 30000000, shape: diurnal, peak_to_mean: 3 }
          calls:
            - to: checkout
              kb: 2
        checkout:
          type: aws.lambda
          memory_mb: 1024
          architecture: arm64
          duration_ms: { lognormal: { p50: 120, p99: 900 } }
          calls:
            - { to: orders, op: write, per_call: 2, kb: 1.5 }
            - { to: order-events, kb: 3 }
        orders:
          type: aws.dynamodb
          storage_gb: 40
          gsi_count: 1
        order-events:
          type: aws.sns
          calls:
            - { to: email-queue }
            - { to: audit-queue, probability: 0.25 }
        email-queue:
          type: aws.sqs
          calls:
            - { to: send-email, batch_size: 10, batch_window_s: 5 }
        audit-queue: { type: aws.sqs }
        send-email:
          type: aws.lambda
          memory_mb: 256
          duration_ms: 300
          error_rate: 0.01
      """;

  @Test
  void readsTheSpecExample() {
    Model m = read(SPEC_EXAMPLE);
    assertThat(m.name()).isEqualTo("checkout");
    assertThat(m.period().label()).isEqualTo("2025-11");
    assertThat(m.period().hours()).isEqualTo(720);
    assertThat(m.services()).extracting(Service::id).containsExactly("web", "checkout", "orders", "order-events", "email-queue", "audit-queue", "send-email");
    LambdaKind.Spec checkout = m.service("checkout").orElseThrow().spec(LambdaKind.Spec.class);
    assertThat(checkout.memoryMb()).isEqualTo(1024);
    assertThat(checkout.architecture()).isEqualTo(LambdaKind.Architecture.ARM64);
    assertThat(checkout.durationMs()).isInstanceOf(LogNormal.class);
    assertThat(m.service("email-queue").orElseThrow().calls().get(0).batchWindowS()).isEqualTo(5);
    assertThat(m.pricing().overrides()).containsKey("aws.lambda.duration");
    assertThat(m.pricing().overrides().get("aws.lambda.duration")).isEqualByComparingTo("0.0000150");
    assertThat(m.warnings()).extracting(Diagnostic::message).anyMatch(w -> w.contains("audit-queue") && w.contains("no consumer"));
  }

  @Test
  void defaultsAreTheCalculatorMonthAndNoCostTheModelDidNotAskFor() {
    Model m = read("costflow: 1\nname: x\nservices:\n  f: {type: aws.lambda}\n");
    assertThat(m.period().hours()).isEqualTo(730);
    assertThat(m.region()).isEqualTo("us-east-1");
    LambdaKind.Spec f = m.service("f").orElseThrow().spec(LambdaKind.Spec.class);
    assertThat(f.memoryMb()).isEqualTo(128);
    assertThat(f.initMs().mean()).isZero();
    assertThat(f.errorRate()).isZero();
    assertThat(f.ephemeralStorageMb()).isEqualTo(512);
    assertThat(m.service("f").orElseThrow().logKb()).isZero();
  }

  @Test
  void syntaxErrorsNameTheLineAndColumn() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f: {type: aws.lambda\n");
    assertThat(e.diagnostics()).hasSize(1);
    assertThat(e.getMessage()).startsWith("m.yaml:").contains("error: YAML syntax");
    assertThat(e.diagnostics().get(0).pos().line()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void duplicateKeysAreErrors() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f: {type: aws.lambda}\n  f: {type: aws.sqs}\n");
    assertThat(e.getMessage()).isEqualTo("m.yaml:5:3: error: YAML syntax: duplicate key 'f'".replace("YAML syntax: ", "")).as("or").isNotNull();
    assertThat(e.getMessage()).contains("m.yaml:5:3").contains("duplicate key 'f'");
  }

  @Test
  void unknownKeysGetADidYouMean() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    memory_md: 512\n");
    assertThat(e.getMessage()).isEqualTo("m.yaml:6:5: error: services.f.memory_md: unknown key 'memory_md' (did you mean 'memory_mb'?)");
    ModelException far = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    colour: red\n");
    assertThat(far.getMessage()).isEqualTo("m.yaml:6:5: error: services.f.colour: unknown key 'colour'; known keys here: "
        + String.join(", ", new java.util.TreeSet<>(knownLambdaKeys())));
  }

  private static List<String> knownLambdaKeys() {
    List<String> k = new java.util.ArrayList<>(ModelReader.SERVICE_KEYS);
    k.addAll(new LambdaKind().keys().keySet());
    return k;
  }

  @Test
  void unknownTypesGetADidYouMean() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lamda\n");
    assertThat(e.getMessage()).startsWith("m.yaml:5:11: error: services.f.type: unknown service type 'aws.lamda' (did you mean 'aws.lambda'?)");
  }

  @Test
  void outOfRangeValuesSayTheRangeAndUnit() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    memory_mb: 64\n");
    assertThat(e.getMessage()).isEqualTo("m.yaml:6:16: error: services.f.memory_mb: must be between 128 and 10240 MB, got 64");
  }

  @Test
  void memoryGivenInGigabytesGetsAHint() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    memory_mb: 1.5\n");
    assertThat(e.getMessage()).contains("did you mean 1536 for 1.5 GB?");
  }

  @Test
  void unitsWrittenIntoNumbersAreCaughtWithAConversion() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    duration_ms: 2s\n");
    assertThat(e.getMessage()).isEqualTo("m.yaml:6:18: error: services.f.duration_ms: write a plain number in ms, without the unit 's' (did you mean 2000?)");
    ModelException kb = error("costflow: 1\nname: x\nservices:\n  q: {type: aws.sqs}\n  f:\n    type: aws.lambda\n    calls: [{to: q, kb: 2MB}]\n");
    assertThat(kb.getMessage()).contains("services.f.calls[0].kb: write a plain number in KB, without the unit 'MB' (did you mean 2048?)");
  }

  @Test
  void danglingCallsNameTheMissingService() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  orders: {type: aws.dynamodb}\n  f:\n    type: aws.lambda\n    calls: [{to: order, op: write}]\n");
    assertThat(e.getMessage()).isEqualTo("m.yaml:7:13: error: services.f.calls[0].to: no service 'order' in the model (did you mean 'orders'?)");
  }

  @Test
  void opsMustFitTheTarget() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  t: {type: aws.dynamodb}\n  f:\n    type: aws.lambda\n    calls: [{to: t, op: wirte}]\n");
    assertThat(e.getMessage()).contains("services.f.calls[0].op: unknown op 'wirte' for aws.dynamodb (did you mean 'write'?)");
  }

  @Test
  void batchSettingsOnlyOnQueueToFunctionCalls() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  g: {type: aws.lambda}\n  f:\n    type: aws.lambda\n    calls: [{to: g, batch_size: 10}]\n");
    assertThat(e.getMessage()).contains("batch_size and batch_window_s apply to calls from a queue or stream to a function");
  }

  @Test
  void batchSizeAboveTenNeedsAWindow() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  g: {type: aws.lambda}\n  q:\n    type: aws.sqs\n    calls: [{to: g, batch_size: 100}]\n");
    assertThat(e.getMessage()).contains("batch_size above 10 needs batch_window_s of at least 1");
  }

  @Test
  void cyclesAreErrorsUnlessEveryCallIsProbabilistic() {
    String base = "costflow: 1\nname: x\nservices:\n  a:\n    type: aws.lambda\n    calls: [{to: b%s}]\n  b:\n    type: aws.lambda\n    calls: [{to: a, probability: 0.5}]\n";
    ModelException e = error(String.format(base, ""));
    assertThat(e.getMessage()).contains("m.yaml:6:13: error: services.a.calls[0]: this call closes a cycle (a → b → a)");
    Model ok = read(String.format(base, ", probability: 0.2"));
    assertThat(ok.warnings()).extracting(Diagnostic::message).anyMatch(w -> w.contains("cycle a → b → a is summed as a geometric series"));
  }

  @Test
  void allErrorsOfAFileAreReportedTogetherInOrder() {
    ModelException e = error("costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    memory_mb: 1\n    timeout_ms: -5\n    colour: red\n");
    assertThat(e.diagnostics()).hasSize(3);
    assertThat(e.diagnostics()).extracting(d -> d.pos().line()).containsExactly(6, 7, 8);
  }

  @Test
  void missingRequiredKeys() {
    ModelException e = error("services:\n  f: {type: aws.lambda}\n");
    assertThat(e.getMessage()).contains("missing 'costflow: 1'").contains("missing 'name'");
    assertThat(error("costflow: 1\nname: x\n").getMessage()).contains("missing 'services'");
    assertThat(error("costflow: 1\nname: x\nservices:\n  f: {memory_mb: 128}\n").getMessage()).contains("services.f: missing 'type'");
  }

  @Test
  void badDistributions() {
    String pre = "costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    duration_ms: ";
    assertThat(error(pre + "{lognormal: {p50: 100, p99: 50}}\n").getMessage()).contains("p99 (50) must be greater than p50 (100)");
    assertThat(error(pre + "{lognormals: {p50: 100, p99: 500}}\n").getMessage()).contains("unknown distribution 'lognormals' (did you mean 'lognormal'?)");
    assertThat(error(pre + "{uniform: {min: 10}}\n").getMessage()).contains("services.f.duration_ms.uniform: missing 'max'");
    assertThat(error(pre + "{percentiles: {p50: 10, p90: 5, max: 20}}\n").getMessage()).contains("must not decrease");
    assertThat(error(pre + "{samples: nothere.txt}\n").getMessage()).contains("cannot read samples file nothere.txt");
    assertThat(error(pre + "-3\n").getMessage()).contains("must be 0 or more");
  }

  @Test
  void trafficTakesExactlyOneRate() {
    String pre = "costflow: 1\nname: x\nservices:\n  f:\n    type: aws.lambda\n    traffic: ";
    assertThat(error(pre + "{monthly: 5, daily: 3}\n").getMessage()).contains("traffic takes exactly one of monthly, daily, hourly, rps, schedule, series, got monthly and daily");
    assertThat(error(pre + "{shape: diurnal}\n").getMessage()).contains("traffic needs exactly one of");
    assertThat(error(pre + "{schedule: \"rate(5 minute\"}\n").getMessage()).contains("rate expressions look like");
    assertThat(error(pre + "{schedule: \"cron(0 12 * * * *)\"}\n").getMessage()).contains("exactly one of day-of-month and day-of-week must be '?'");
    assertThat(error(pre + "{daily: 10, shape: business_hours, peak_to_mean: 5}\n").getMessage()).contains("cannot reach a peak_to_mean of 5");
  }

  @Test
  void serviceIdsAreValidated() {
    assertThat(error("costflow: 1\nname: x\nservices:\n  Checkout: {type: aws.lambda}\n").getMessage())
        .contains("m.yaml:4:3: error: services.Checkout: service ids use lowercase letters");
  }

  @Test
  void cloudMismatchIsAnError() {
    // a known AWS type in a model priced for another cloud
    assertThat(error("costflow: 1\nname: x\ncloud: gcp\nservices:\n  f: {type: aws.lambda}\n").getMessage()).contains("aws.lambda is a aws service but the model is priced for cloud: gcp");
  }

  @Test
  void setOverridesValuesAndIsValidatedLikeTheFile() {
    Model m = ModelReader.read(SPEC_EXAMPLE, "m.yaml", Path.of("."), List.of("services.checkout.memory_mb=2048", "services.web.traffic.monthly=1e6"), Optional.empty());
    assertThat(m.service("checkout").orElseThrow().spec(LambdaKind.Spec.class).memoryMb()).isEqualTo(2048);
    ModelException e = error2(() -> ModelReader.read(SPEC_EXAMPLE, "m.yaml", Path.of("."), List.of("services.checkout.memory_mb=99999"), Optional.empty()));
    assertThat(e.getMessage()).startsWith("--set services.checkout.memory_mb=99999:1:1: error: services.checkout.memory_mb: must be between 128 and 10240 MB");
    Model q = ModelReader.read(SPEC_EXAMPLE, "m.yaml", Path.of("."), List.of("services.email-queue.fifo=true", "services.email-queue.calls.0.batch_window_s=0"), Optional.empty());
    assertThat(q.service("email-queue").orElseThrow().spec(SqsKind.Spec.class).fifo()).isTrue();
  }

  static ModelException error2(Runnable r) {
    try {
      r.run();
    } catch (ModelException e) {
      return e;
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void setResolvesServiceIdsThatContainDots() {
    String text = "costflow: 1\nname: x\nservices:\n  api.v1: {type: aws.lambda}\n";
    Model m = ModelReader.read(text, "m.yaml", Path.of("."), List.of("services.api.v1.memory_mb=256"), Optional.empty());
    assertThat(m.service("api.v1").orElseThrow().spec(LambdaKind.Spec.class).memoryMb()).isEqualTo(256);
  }

  @Test
  void periodForms() {
    assertThat(read("costflow: 1\nname: x\nperiod: 2024-02\nservices:\n  f: {type: aws.lambda}\n").period().hours()).isEqualTo(29 * 24);
    assertThat(read("costflow: 1\nname: x\nperiod: {hours: 100}\nservices:\n  f: {type: aws.lambda}\n").period().hours()).isEqualTo(100);
    assertThat(error("costflow: 1\nname: x\nperiod: 2024-13\nservices:\n  f: {type: aws.lambda}\n").getMessage()).contains("period: must be a calendar month YYYY-MM");
  }
}
