package dev.costflow.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.engine.Estimator;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDiffTest {
  static final ModelDiff DIFF = ModelDiff.bundled();

  static final String CHECKOUT =
      """
      costflow: 1
      name: checkout
      period: 2025-11
      pricing:
        as_of: 2025-11-01
      services:
        web:
          type: aws.apigateway.http
          traffic: { monthly: 30000000, shape: diurnal, peak_to_mean: 3 }
          calls:
            - to: checkout
              kb: 2
        checkout:
          type: aws.lambda
          memory_mb: 512
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
        email-queue:
          type: aws.sqs
          calls:
            - { to: send-email, batch_size: 10, batch_window_s: 5 }
        send-email:
          type: aws.lambda
          memory_mb: 256
          duration_ms: 300
      """;

  static YNode tree(String yaml, String file) {
    try {
      return YTrees.parse(yaml, file);
    } catch (YTrees.SyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static CostDiff diff(String base, String head) {
    return DIFF.compare(ModelDiff.Input.of(tree(base, "base.yaml"), Path.of("."), "base.yaml"), ModelDiff.Input.of(tree(head, "head.yaml"), Path.of("."), "head.yaml"));
  }

  static BigDecimal total(String yaml) {
    return Estimator.bundled().estimate(ModelReader.read(yaml, "m.yaml", Path.of("."), List.of(), Optional.empty())).totalUsd();
  }

  static void assertExactSum(CostDiff d) {
    BigDecimal sum = d.interactionUsd();
    for (Driver x : d.drivers()) {
      if (x.measured() != Driver.Measure.NOT_PRICED) {
        sum = sum.add(x.effectUsd());
      }
    }
    assertThat(sum).isEqualByComparingTo(d.deltaUsd());
    BigDecimal services = BigDecimal.ZERO;
    for (ServiceDelta s : d.services()) {
      services = services.add(s.deltaUsd());
    }
    assertThat(services).isEqualByComparingTo(d.deltaUsd());
  }

  @Test
  void identicalModelsHaveNoChanges() {
    CostDiff d = diff(CHECKOUT, CHECKOUT);
    assertThat(d.drivers()).isEmpty();
    assertThat(d.deltaUsd()).isEqualByComparingTo("0");
    assertThat(d.hasChanges()).isFalse();
    assertThat(d.services()).allMatch(s -> s.status() == ServiceDelta.Status.UNCHANGED);
  }

  @Test
  void oneChangeIsTheWholeDelta() {
    String head = CHECKOUT.replace("memory_mb: 512", "memory_mb: 1024");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).hasSize(1);
    Driver m = d.drivers().get(0);
    assertThat(m.change().kind()).isEqualTo(Change.Kind.SERVICE_SETTING);
    assertThat(m.change().description()).isEqualTo("checkout: memory_mb 512 → 1024 MB");
    assertThat(m.change().path()).isEqualTo("services.checkout.memory_mb");
    assertThat(m.change().before()).contains("512");
    assertThat(m.change().after()).contains("1024");
    assertThat(m.measured()).isEqualTo(Driver.Measure.ALONE_ON_BASE);
    assertThat(m.effectUsd()).isEqualByComparingTo(total(head).subtract(total(CHECKOUT)));
    assertThat(m.effectUsd()).isPositive();
    assertThat(d.interactionUsd().abs()).isLessThan(new BigDecimal("1e-12"));
    assertExactSum(d);
    ServiceDelta checkout = d.services().stream().filter(s -> s.id().equals("checkout")).findFirst().orElseThrow();
    assertThat(checkout.status()).isEqualTo(ServiceDelta.Status.CHANGED);
    assertThat(checkout.definitionChanged()).isTrue();
    assertThat(d.services().stream().filter(s -> s.id().equals("orders")).findFirst().orElseThrow().status()).isEqualTo(ServiceDelta.Status.UNCHANGED);
  }

  @Test
  void changesActingTogetherShowAsInteraction() {
    // Twice the traffic and twice the memory: the duration cost quadruples; the product term belongs to neither change alone.
    String head = CHECKOUT.replace("memory_mb: 512", "memory_mb: 1024").replace("monthly: 30000000", "monthly: 60000000");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).hasSize(2);
    assertThat(d.drivers()).allMatch(x -> x.measured() == Driver.Measure.ALONE_ON_BASE);
    assertThat(d.drivers().get(0).change().description()).isEqualTo("web: traffic monthly 30,000,000 → 60,000,000");
    assertThat(d.interactionUsd()).isPositive();
    assertExactSum(d);
    // the effect of each change alone is what the base with only that change costs
    String memOnly = CHECKOUT.replace("memory_mb: 512", "memory_mb: 1024");
    Driver mem = d.drivers().stream().filter(x -> x.change().path().equals("services.checkout.memory_mb")).findFirst().orElseThrow();
    assertThat(mem.effectUsd()).isEqualByComparingTo(total(memOnly).subtract(total(CHECKOUT)));
  }

  @Test
  void newSubscriberIsNamedAsSuch() {
    String head = CHECKOUT.replace("      - { to: email-queue }\n", "      - { to: email-queue }\n      - { to: audit-queue, probability: 0.25 }\n")
        + "  audit-queue: { type: aws.sqs }\n";
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).extracting(x -> x.change().description())
        .containsExactlyInAnyOrder("new subscriber audit-queue on order-events (probability: 0.25)", "new service audit-queue (aws.sqs)");
    Driver call = d.drivers().stream().filter(x -> x.change().kind() == Change.Kind.CALL_ADDED).findFirst().orElseThrow();
    Driver svc = d.drivers().stream().filter(x -> x.change().kind() == Change.Kind.SERVICE_ADDED).findFirst().orElseThrow();
    assertThat(call.change().requires()).containsExactly("services.audit-queue");
    // the queue alone gets no messages; the subscription brings them
    assertThat(svc.effectUsd()).isEqualByComparingTo("0");
    assertThat(call.effectUsd()).isPositive();
    assertThat(call.measured()).isEqualTo(Driver.Measure.ALONE_ON_BASE);
    assertExactSum(d);
    assertThat(d.services()).filteredOn(s -> s.id().equals("audit-queue")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(ServiceDelta.Status.ADDED));
    // order-events itself is unchanged in definition but delivers more: changed
    assertThat(d.services()).filteredOn(s -> s.id().equals("order-events")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(ServiceDelta.Status.CHANGED));
    assertThat(d.changesWithoutCostEffect()).extracting(Change::kind).containsExactly(Change.Kind.SERVICE_ADDED);
  }

  @Test
  void removingAServiceRequiresRemovingTheCallsIntoIt() {
    String head = CHECKOUT.replace("      - { to: order-events, kb: 3 }\n", "")
        .replace("  order-events:\n    type: aws.sns\n    calls:\n      - { to: email-queue }\n", "");
    // email-queue and send-email stay (no traffic now)
    CostDiff d = diff(CHECKOUT, head);
    Driver removed = d.drivers().stream().filter(x -> x.change().kind() == Change.Kind.SERVICE_REMOVED).findFirst().orElseThrow();
    assertThat(removed.change().description()).isEqualTo("removed service order-events (aws.sns)");
    assertThat(removed.change().requires()).containsExactly("services.checkout.calls[order-events#0]");
    Driver call = d.drivers().stream().filter(x -> x.change().kind() == Change.Kind.CALL_REMOVED).findFirst().orElseThrow();
    assertThat(call.change().description()).isEqualTo("removed call checkout → order-events (kb: 3)");
    assertThat(call.effectUsd()).isNegative();
    assertThat(removed.measured()).isEqualTo(Driver.Measure.ALONE_ON_BASE);
    assertExactSum(d);
    assertThat(d.services()).filteredOn(s -> s.id().equals("order-events")).singleElement()
        .satisfies(s -> {
          assertThat(s.status()).isEqualTo(ServiceDelta.Status.REMOVED);
          assertThat(s.headUsd()).isEqualByComparingTo("0");
        });
  }

  @Test
  void callsAreMatchedByTargetNotIndex() {
    String head = CHECKOUT.replace("      - { to: orders, op: write, per_call: 2, kb: 1.5 }\n      - { to: order-events, kb: 3 }\n",
        "      - { to: order-events, kb: 3 }\n      - { to: orders, op: write, per_call: 3, kb: 1.5 }\n");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).singleElement().satisfies(x -> {
      assertThat(x.change().kind()).isEqualTo(Change.Kind.CALL_SETTING);
      assertThat(x.change().description()).isEqualTo("checkout → orders: per_call 2 → 3");
      assertThat(x.effectUsd()).isPositive();
    });
    assertExactSum(d);
  }

  @Test
  void aTrafficRateIsOneChangeEvenWhenItsKeyChanges() {
    String head = CHECKOUT.replace("monthly: 30000000", "daily: 1000000");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).singleElement().satisfies(x -> {
      assertThat(x.change().description()).isEqualTo("web: traffic monthly 30,000,000 → daily 1,000,000");
      assertThat(x.effectUsd()).isEqualByComparingTo("0"); // 1M a day over 30 days is 30M
    });
    assertThat(d.deltaUsd().abs()).isLessThan(new BigDecimal("1e-9"));
  }

  @Test
  void aNewTypeReplacesTheService() {
    String head = CHECKOUT.replace("  orders:\n    type: aws.dynamodb\n    storage_gb: 40\n    gsi_count: 1\n", "  orders:\n    type: aws.sqs\n")
        .replace("{ to: orders, op: write, per_call: 2, kb: 1.5 }", "{ to: orders, per_call: 2, kb: 1.5 }");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).extracting(x -> x.change().description())
        .contains("orders: type aws.dynamodb → aws.sqs (priced as a new service)", "checkout → orders: op write removed (the default applies)");
    assertExactSum(d);
  }

  @Test
  void settingsAreChangesToo() {
    String head = CHECKOUT.replace("period: 2025-11", "period: 2025-12").replace("  as_of: 2025-11-01\n", "  as_of: 2025-11-01\n  discount_pct: 10\n")
        .replace("name: checkout", "name: checkout-v2");
    CostDiff d = diff(CHECKOUT, head);
    assertThat(d.drivers()).extracting(x -> x.change().description())
        .containsExactlyInAnyOrder("period 2025-11 → 2025-12", "pricing.discount_pct (none) → 10 %", "name checkout → checkout-v2");
    Driver discount = d.drivers().stream().filter(x -> x.change().path().equals("pricing.discount_pct")).findFirst().orElseThrow();
    assertThat(discount.effectUsd()).isEqualByComparingTo(total(CHECKOUT).multiply(new BigDecimal("-0.1")));
    assertThat(d.changesWithoutCostEffect()).extracting(Change::path).containsExactly("name");
    assertExactSum(d);
  }

  @Test
  void aMissingBaseMeansEverythingIsAdded() {
    CostDiff d = DIFF.compare(ModelDiff.Input.missing("git:main:m.yaml"), ModelDiff.Input.of(tree(CHECKOUT, "m.yaml"), Path.of("."), "m.yaml"));
    assertThat(d.base()).isEmpty();
    assertThat(d.baseTotalUsd()).isEqualByComparingTo("0");
    assertThat(d.deltaPct()).isEmpty();
    assertThat(d.drivers()).allMatch(x -> x.change().kind() == Change.Kind.SERVICE_ADDED);
    assertThat(d.drivers()).hasSize(6);
    assertThat(d.services()).allMatch(s -> s.status() == ServiceDelta.Status.ADDED);
    // web alone brings its own traffic; web → checkout needs checkout, which needs orders and order-events …
    Driver web = d.drivers().stream().filter(x -> x.change().key().equals("services.web")).findFirst().orElseThrow();
    assertThat(web.change().requires()).containsExactly("services.checkout");
    assertExactSum(d);

    CostDiff gone = DIFF.compare(ModelDiff.Input.of(tree(CHECKOUT, "m.yaml"), Path.of("."), "m.yaml"), ModelDiff.Input.missing("m.yaml"));
    assertThat(gone.head()).isEmpty();
    assertThat(gone.deltaUsd()).isEqualByComparingTo(total(CHECKOUT).negate());
    assertThat(gone.services()).allMatch(s -> s.status() == ServiceDelta.Status.REMOVED);
    assertExactSum(gone);
  }

  @Test
  void aChangeThatIsInvalidAloneIsMeasuredOnTheHead() {
    String base =
        """
        costflow: 1
        name: loop
        services:
          a:
            type: aws.lambda
            traffic: { monthly: 1000000 }
            duration_ms: 100
            calls: [ { to: b } ]
          b:
            type: aws.lambda
            duration_ms: 100
        """;
    // head: a → b becomes a 50 % branch and b calls back into a 50 % of the time (a cycle that dies out)
    String head = base.replace("calls: [ { to: b } ]", "calls: [ { to: b, probability: 0.5 } ]")
        .replace("  b:\n    type: aws.lambda\n    duration_ms: 100\n", "  b:\n    type: aws.lambda\n    duration_ms: 100\n    calls: [ { to: a, probability: 0.5 } ]\n");
    CostDiff d = diff(base, head);
    Driver back = d.drivers().stream().filter(x -> x.change().kind() == Change.Kind.CALL_ADDED).findFirst().orElseThrow();
    assertThat(back.change().description()).isEqualTo("new call b → a (probability: 0.5)");
    assertThat(back.measured()).isEqualTo(Driver.Measure.LAST_ON_HEAD);
    assertThat(back.effectUsd()).isPositive();
    assertExactSum(d);
  }

  @Test
  void samplesFilesCompareByContent(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("d.txt"), "100\n200\n300\n");
    Files.writeString(b.resolve("d.txt"), "100\n200\n300\n");
    String model = CHECKOUT.replace("duration_ms: 300", "duration_ms: { samples: d.txt }");
    CostDiff same = DIFF.compare(ModelDiff.Input.of(tree(model, "a/m.yaml"), a, "a"), ModelDiff.Input.of(tree(model, "b/m.yaml"), b, "b"));
    assertThat(same.drivers()).isEmpty();

    Files.writeString(b.resolve("d.txt"), "100\n200\n9000\n");
    CostDiff changed = DIFF.compare(ModelDiff.Input.of(tree(model, "a/m.yaml"), a, "a"), ModelDiff.Input.of(tree(model, "b/m.yaml"), b, "b"));
    assertThat(changed.drivers()).singleElement().satisfies(x -> {
      assertThat(x.change().description()).isEqualTo("send-email: duration_ms {samples: d.txt} (file content changed)");
      assertThat(x.effectUsd()).isPositive();
      assertThat(x.change().before().orElseThrow()).doesNotContain(dir.toString());
    });
    assertExactSum(changed);
  }

  @Test
  void anInvalidSideIsAnErrorWithItsPosition() {
    String head = CHECKOUT.replace("memory_mb: 512", "memory_mb: lots");
    assertThatThrownBy(() -> diff(CHECKOUT, head)).isInstanceOf(ModelException.class).hasMessageContaining("head.yaml:").hasMessageContaining("memory_mb");
  }

  /** Random edits of the checkout model: the drivers and the interaction always add up to the delta, and every driver is measured. */
  @Test
  void driversAlwaysAddUpExactly() {
    Random rnd = new Random(20251101L);
    String[][] edits = {
      {"memory_mb: 512", "memory_mb: 1536"},
      {"monthly: 30000000", "monthly: 45000000"},
      {"per_call: 2", "per_call: 4"},
      {"storage_gb: 40", "storage_gb: 400"},
      {"gsi_count: 1", "gsi_count: 3"},
      {"batch_size: 10", "batch_size: 2"},
      {"duration_ms: 300", "duration_ms: { uniform: { min: 100, max: 900 } }"},
      {"architecture: arm64", "architecture: x86_64"},
      {"  as_of: 2025-11-01\n", "  as_of: 2025-11-01\n  free_tier: true\n"},
      {"      - { to: email-queue }\n", "      - { to: email-queue }\n      - { to: send-email }\n"},
    };
    for (int run = 0; run < 12; run++) {
      String head = CHECKOUT;
      int applied = 0;
      for (String[] e : edits) {
        if (rnd.nextBoolean()) {
          head = head.replace(e[0], e[1]);
          applied++;
        }
      }
      CostDiff d = diff(CHECKOUT, head);
      assertThat(d.drivers()).as("run %d", run).hasSize(applied);
      assertThat(d.drivers()).noneMatch(x -> x.measured() == Driver.Measure.NOT_PRICED);
      assertThat(d.headTotalUsd()).isEqualByComparingTo(total(head));
      assertExactSum(d);
    }
  }
}
