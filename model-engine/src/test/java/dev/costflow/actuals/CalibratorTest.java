package dev.costflow.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalibratorTest {
  static final String MODEL = """
      costflow: 1
      name: shop   # the shop
      period: 2025-11
      pricing: { as_of: 2025-11-01 }
      services:
        web:
          type: aws.apigateway.http
          traffic: { monthly: 3000000, shape: diurnal }   # launch estimate
          calls: [ { to: checkout } ]
        checkout:
          type: aws.lambda
          memory_mb: 512
          # measured in staging
          duration_ms: { lognormal: { p50: 120, p99: 900 } }
          calls:
            - { to: orders, op: write }
        orders:
          type: aws.dynamodb
      """;

  static Model read(String text) {
    return ModelReader.read(text, "shop.yaml", Path.of("."), List.of(), Optional.empty());
  }

  @Test
  void recoversTrafficDurationAndFanOutAndWritesACommentedModel() {
    Model m = read(MODEL);
    String truthText = MODEL.replace("monthly: 3000000", "monthly: 4200000").replace("p50: 120, p99: 900", "p50: 96, p99: 720")
        .replace("{ to: orders, op: write }", "{ to: orders, op: write, per_call: 3 }");
    List<ActualLine> bill = ActualsFixtures.billOf(read(truthText), LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30), true);
    Calibrator.Result r = new Calibrator(Estimator.bundled()).calibrate(m, MODEL, bill, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30), Optional.empty());
    assertThat(r.parameters()).extracting(f -> f.parameter().key())
        .contains("services.web.traffic.monthly", "services.checkout.duration_ms", "services.checkout.calls.0.per_call");
    for (Calibrator.Fitted f : r.parameters()) {
      switch (f.parameter().key()) {
        case "services.web.traffic.monthly" -> assertThat(f.factor()).isCloseTo(1.4, org.assertj.core.data.Offset.offset(0.01));
        case "services.checkout.duration_ms" -> assertThat(f.factor()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.02));
        case "services.checkout.calls.0.per_call" -> assertThat(f.factor()).isCloseTo(3, org.assertj.core.data.Offset.offset(0.05));
        default -> { }
      }
    }
    assertThat(r.fit()).allSatisfy(f -> assertThat(Math.abs(f.totalErrorPctAfter())).as(f.serviceId() + " " + f.meterId()).isLessThan(1.5));
    assertThat(r.fit()).anySatisfy(f -> assertThat(Math.abs(f.totalErrorPctBefore())).isGreaterThan(20));
    Model written = read(r.modelText());
    assertThat(r.modelText()).contains("# the shop", "# measured in staging", "calibrated to actuals 2025-11-01..2025-11-30", "monthly 3000000 → 4")
        .contains("per_call");
    assertThat(written.services()).hasSize(3);
    assertThat(r.forecast()).isEmpty();
  }

  @Test
  void heldOutDaysAreForecast() {
    Model m = read(MODEL);
    String truthText = MODEL.replace("monthly: 3000000", "monthly: 6000000");
    List<ActualLine> bill = ActualsFixtures.billOf(read(truthText), LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30), true);
    Calibrator.Result r = new Calibrator(Estimator.bundled()).calibrate(m, MODEL, bill, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30),
        Optional.of(LocalDate.of(2025, 11, 20)));
    assertThat(r.fitUntil()).isEqualTo(LocalDate.of(2025, 11, 20));
    assertThat(r.forecast()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.days()).isEqualTo(10);
      assertThat(Math.abs(f.totalErrorPctAfter())).isLessThan(2);
      assertThat(Math.abs(f.totalErrorPctBefore())).isGreaterThan(40);
    });
    assertThat(r.fit()).allSatisfy(f -> assertThat(f.days()).isEqualTo(20));
  }

  @Test
  void nothingToFitLeavesTheModelAsItWas() {
    Model m = read(MODEL);
    Calibrator.Result r = new Calibrator(Estimator.bundled()).calibrate(m, MODEL, List.of(), LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30), Optional.empty());
    assertThat(r.modelText()).isEqualTo(MODEL);
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("nothing to fit"));
  }
}
