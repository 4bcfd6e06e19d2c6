package dev.costflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Model;
import dev.costflow.services.LambdaKind;
import dev.costflow.testing.RandomModels;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Seeded property tests over random models (RandomModels). */
class EnginePropertiesTest {
  static final int CASES = 60;

  @Test
  void moreTrafficNeverCostsLess() {
    for (long seed = 1; seed <= CASES; seed++) {
      BigDecimal base = TestModels.estimate(RandomModels.generate(seed, 1).yaml()).totalUsd();
      BigDecimal doubled = TestModels.estimate(RandomModels.generate(seed, 2).yaml()).totalUsd();
      assertThat(doubled).as("seed %d", seed).isGreaterThanOrEqualTo(base);
    }
  }

  @Test
  void resultsDoNotDependOnTheOrderOfServicesInTheFile() {
    for (long seed = 1; seed <= CASES; seed++) {
      RandomModels.Generated g = RandomModels.generate(seed, 1);
      Estimate a = TestModels.estimate(g.yaml());
      Estimate b = TestModels.estimate(g.shuffled(seed * 31));
      assertThat(b.totalUsd()).as("seed %d", seed).isEqualByComparingTo(a.totalUsd());
      for (ServiceCost s : a.services()) {
        ServiceCost t = b.service(s.id()).orElseThrow();
        assertThat(t.costUsd()).as("seed %d %s", seed, s.id()).isEqualByComparingTo(s.costUsd());
        assertThat(t.calls()).as("seed %d %s", seed, s.id()).isEqualTo(s.calls());
      }
    }
  }

  @Test
  void roundingNeverBillsLessDurationThanTheMean() {
    for (long seed = 1; seed <= CASES; seed++) {
      Estimate e = TestModels.estimate(RandomModels.generate(seed, 1).yaml());
      Model m = e.model();
      for (ServiceCost s : e.services()) {
        if (!s.type().equals("aws.lambda")) {
          continue;
        }
        LambdaKind.Spec spec = m.service(s.id()).orElseThrow().spec(LambdaKind.Spec.class);
        double unrounded = s.calls() * spec.durationMs().mean() / 1000 * spec.memoryMb() / 1024.0;
        double billed = s.lines().stream().filter(l -> l.meter().equals("duration")).mapToDouble(LineCost::quantity).sum();
        assertThat(billed).as("seed %d %s", seed, s.id()).isGreaterThanOrEqualTo(unrounded * (1 - 1e-12));
      }
    }
  }

  @Test
  void pooledTiersNeverCostMoreThanPricingEachLineAlone() {
    for (long seed = 1; seed <= 30; seed++) {
      RandomModels.Generated g = RandomModels.generate(seed, 50);
      // free tiers are shared when pooled (each line alone would get the whole allowance): tiers only
      Estimate pooled = TestModels.estimate(g.yaml().replace("free_tier: true", "free_tier: false"));
      BigDecimal alone = BigDecimal.ZERO;
      for (ServiceCost s : pooled.services()) {
        // a model where this service's lines stand alone: price each line separately through the pricer
        for (LineCost l : s.lines()) {
          alone = alone.add(new dev.costflow.pricing.Pricer(Estimator.bundled().catalog())
              .price(java.util.List.of(l.priced().usage()), settings(pooled)).get(0).costUsd());
        }
      }
      // shares are computed to 34 significant digits: allow that much, no more
      assertThat(pooled.totalUsd()).as("seed %d", seed).isLessThanOrEqualTo(alone.add(new BigDecimal("1e-25")));
    }
  }

  static dev.costflow.pricing.PriceSettings settings(Estimate e) {
    Model m = e.model();
    return new dev.costflow.pricing.PriceSettings(m.region(), java.util.Optional.of(e.asOf()), m.pricing().freeTier(), m.pricing().discountPct(),
        m.pricing().overrides(), m.period().months());
  }

  @Test
  void totalsAddUpExactly() {
    for (long seed = 1; seed <= CASES; seed++) {
      Estimate e = TestModels.estimate(RandomModels.generate(seed, 1).yaml());
      BigDecimal sum = BigDecimal.ZERO;
      for (ServiceCost s : e.services()) {
        BigDecimal lines = s.lines().stream().map(LineCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(lines).isEqualByComparingTo(s.costUsd());
        sum = sum.add(s.costUsd());
      }
      assertThat(sum).isEqualByComparingTo(e.totalUsd());
    }
  }

  @Test
  void shapesMovePeaksButNeverThePeriodTotal() {
    for (String shape : new String[] {"flat", "diurnal", "weekly", "business_hours"}) {
      for (String period : new String[] {"2025-02", "2025-03", "{hours: 100}", "{hours: 730}"}) {
        Estimate e = TestModels.estimate("period: " + period + "\nservices:\n  f:\n    type: aws.lambda\n    traffic: {monthly: 1234567, shape: " + shape + ", peak_to_mean: 2.2, growth_pct: 15}\n");
        double expected = period.startsWith("{") ? 1234567.0 * Integer.parseInt(period.replaceAll("\\D", "")) / 730 : 1234567;
        assertThat(e.service("f").orElseThrow().calls()).as(shape + " " + period).isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-14));
      }
    }
  }
}
