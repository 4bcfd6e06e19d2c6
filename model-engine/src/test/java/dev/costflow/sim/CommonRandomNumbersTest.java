package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonRandomNumbersTest {
  static final Simulator SIM = Simulator.bundled();
  static final Path CHECKOUT = TestModels.repoRoot().resolve("examples/checkout.yaml");

  @Test
  void aModelComparedWithItselfDiffersByNothingInEveryRun() {
    Model m = ModelReader.read(CHECKOUT);
    Comparison c = SIM.compare(m, m, new SimOptions(12, 4, 2));
    assertThat(c.deltaUsd().min()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(c.deltaUsd().max()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(c.independentSdUsd()).isPositive();
    assertThat(c.services()).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo("kept");
      assertThat(s.deltaUsd().max()).isEqualByComparingTo(BigDecimal.ZERO);
    });
  }

  @Test
  void aWhatIfIsMeasuredNotDrownedInNoise() {
    Model base = ModelReader.read(CHECKOUT);
    Model head = ModelReader.read(CHECKOUT, List.of("services.checkout.memory_mb=1536"));
    Comparison c = SIM.compare(base, head, new SimOptions(30, 4, 2));
    // the paired difference is far more certain than the difference of independent runs
    assertThat(c.deltaUsd().sd()).isLessThan(c.independentSdUsd().multiply(new BigDecimal("0.2")));
    // only the function changed: every other service costs the same in every run
    for (Comparison.ServiceDelta s : c.services()) {
      if (!s.id().equals("checkout")) {
        assertThat(s.deltaUsd().max()).as(s.id()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(s.deltaUsd().min()).as(s.id()).isEqualByComparingTo(BigDecimal.ZERO);
      }
    }
    // 50 % more memory: about 50 % more on-demand duration cost
    BigDecimal estimateDelta = SIM.estimator().estimate(head).totalUsd().subtract(SIM.estimator().estimate(base).totalUsd());
    assertThat(c.deltaUsd().mean().subtract(estimateDelta).abs()).isLessThan(estimateDelta.multiply(new BigDecimal("0.001")));
  }

  @Test
  void addingAServiceKeepsTheRandomNumbersOfTheOthers() {
    // a REST API shares no meter with the model (its HTTP API is priced separately), so no pooled tier moves
    Model base = ModelReader.read(CHECKOUT);
    Model head = ModelReader.read(CHECKOUT, List.of("services.reports={type: aws.apigateway.rest, traffic: {daily: 5000}}"));
    Comparison c = SIM.compare(base, head, new SimOptions(8, 9, 2));
    for (Comparison.ServiceDelta s : c.services()) {
      if (s.id().equals("reports")) {
        assertThat(s.status()).isEqualTo("added");
        assertThat(s.baseUsd()).isEmpty();
        assertThat(s.deltaUsd().min()).isPositive();
      } else {
        assertThat(s.deltaUsd().max()).as(s.id()).isEqualByComparingTo(BigDecimal.ZERO);
      }
    }
  }
}
