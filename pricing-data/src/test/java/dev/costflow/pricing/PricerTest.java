package dev.costflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PricerTest {
  static final LocalDate D = LocalDate.of(2024, 1, 1);

  /** A small catalog: a tiered meter sharing a free tier with a flat one. */
  static Catalog catalog() {
    Meter tiered =
        new Meter(
            "t.duration.x86",
            "GB-s",
            "",
            List.of(
                new Rate("t.duration.x86", "r1", D, List.of(
                    new Tier(BigDecimal.ZERO, Optional.of(new BigDecimal("100")), new BigDecimal("1.0")),
                    new Tier(new BigDecimal("100"), Optional.of(new BigDecimal("300")), new BigDecimal("0.5")),
                    new Tier(new BigDecimal("300"), Optional.empty(), new BigDecimal("0.25"))), "s", Optional.empty())),
            List.of(new FreeTier("free.gbs", new BigDecimal("40"), D, Optional.empty(), "s")));
    Meter arm =
        new Meter("t.duration.arm", "GB-s", "", List.of(Rate.flat("t.duration.arm", "r1", D, new BigDecimal("0.8"), "s")),
            List.of(new FreeTier("free.gbs", new BigDecimal("40"), D, Optional.empty(), "s")));
    Meter dated =
        new Meter("t.requests", "requests", "", List.of(
            Rate.flat("t.requests", "r1", LocalDate.of(2020, 1, 1), new BigDecimal("2"), "old"),
            Rate.flat("t.requests", "r1", LocalDate.of(2024, 11, 1), new BigDecimal("1"), "new")), List.of());
    return new Catalog(List.of(tiered, arm, dated), LocalDate.of(2025, 1, 1));
  }

  static PriceSettings settings(boolean freeTier) {
    return new PriceSettings("r1", Optional.of(D), freeTier, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
  }

  @Test
  void tiersApplyToThePooledQuantityAndCostIsSharedByShare() {
    // a: 150, b: 250 → pool 400: 100×1 + 200×0.5 + 100×0.25 = 225; a gets 150/400, b 250/400
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(
        new Usage("a", "t.duration.x86", 150, true), new Usage("b", "t.duration.x86", 250, true)), settings(false));
    assertThat(p.get(0).costUsd()).isEqualByComparingTo("84.375");
    assertThat(p.get(1).costUsd()).isEqualByComparingTo("140.625");
    assertThat(p.get(0).tiers()).hasSize(3);
    assertThat(p.get(0).tiers().get(1).quantity()).isEqualByComparingTo("75");
  }

  @Test
  void pooledTiersNeverCostMoreThanPricingEachServiceAlone() {
    Random r = new Random(1);
    Pricer pricer = new Pricer(catalog());
    for (int i = 0; i < 200; i++) {
      double a = r.nextDouble() * 500;
      double b = r.nextDouble() * 500;
      BigDecimal pooled = sum(pricer.price(List.of(new Usage("a", "t.duration.x86", a, true), new Usage("b", "t.duration.x86", b, true)), settings(false)));
      BigDecimal alone = sum(pricer.price(List.of(new Usage("a", "t.duration.x86", a, true)), settings(false)))
          .add(sum(pricer.price(List.of(new Usage("b", "t.duration.x86", b, true)), settings(false))));
      assertThat(pooled).isLessThanOrEqualTo(alone);
    }
  }

  @Test
  void aFreeTierGroupIsSharedAcrossMetersByShare() {
    // x86 60, arm 20 → eligible 80, allowance 40: x86 gets 30 free, arm 10 free
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(
        new Usage("a", "t.duration.x86", 60, true), new Usage("b", "t.duration.arm", 20, true)), settings(true));
    assertThat(p.get(0).freeQuantity()).isEqualByComparingTo("30");
    assertThat(p.get(1).freeQuantity()).isEqualByComparingTo("10");
    assertThat(p.get(0).costUsd()).isEqualByComparingTo("30");
    assertThat(p.get(1).costUsd()).isEqualByComparingTo("8");
  }

  @Test
  void ineligibleUsageGetsNoFreeTier() {
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(
        new Usage("a", "t.duration.x86", 60, false), new Usage("b", "t.duration.x86", 20, true)), settings(true));
    assertThat(p.get(0).freeQuantity()).isEqualByComparingTo("0");
    assertThat(p.get(1).freeQuantity()).isEqualByComparingTo("20");
  }

  @Test
  void freeTierAndTierBoundsScaleWithThePeriodLength() {
    PriceSettings twoMonths = new PriceSettings("r1", Optional.of(D), true, BigDecimal.ZERO, Map.of(), new BigDecimal("2"));
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(new Usage("a", "t.duration.x86", 280, true)), twoMonths);
    // free 80 → billable 200, all in the first (doubled) tier of 200
    assertThat(p.get(0).costUsd()).isEqualByComparingTo("200");
  }

  @Test
  void ratesAreChosenByDate() {
    Pricer pricer = new Pricer(catalog());
    PriceSettings before = new PriceSettings("r1", Optional.of(LocalDate.of(2024, 10, 31)), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
    PriceSettings after = new PriceSettings("r1", Optional.of(LocalDate.of(2024, 11, 1)), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
    assertThat(pricer.price(List.of(new Usage("a", "t.requests", 10, true)), before).get(0).costUsd()).isEqualByComparingTo("20");
    assertThat(pricer.price(List.of(new Usage("a", "t.requests", 10, true)), after).get(0).costUsd()).isEqualByComparingTo("10");
    PriceSettings tooEarly = new PriceSettings("r1", Optional.of(LocalDate.of(2019, 1, 1)), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
    assertThatThrownBy(() -> pricer.price(List.of(new Usage("a", "t.requests", 10, true)), tooEarly))
        .isInstanceOf(CatalogException.class).hasMessageContaining("no price for t.requests in r1 as of 2019-01-01 (earliest price is from 2020-01-01)");
  }

  @Test
  void unknownRegionsAreNamed() {
    PriceSettings elsewhere = new PriceSettings("r9", Optional.of(D), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
    assertThatThrownBy(() -> new Pricer(catalog()).price(List.of(new Usage("a", "t.requests", 1, true)), elsewhere))
        .hasMessageContaining("no price for t.requests in region r9");
  }

  @Test
  void anOverridePricesAMeterTheRegionHasNoRateFor() {
    PriceSettings elsewhere = new PriceSettings("r9", Optional.of(D), false, BigDecimal.ZERO, Map.of("t.requests", new BigDecimal("0.5")), BigDecimal.ONE);
    PricedUsage p = new Pricer(catalog()).price(List.of(new Usage("a", "t.requests", 10, true)), elsewhere).get(0);
    assertThat(p.costUsd()).isEqualByComparingTo("5");
    assertThat(p.overridden()).isTrue();
    assertThat(p.rate().source()).isEqualTo("pricing.overrides of the model");
    // without the override the region is still named
    assertThatThrownBy(() -> new Pricer(catalog()).price(List.of(new Usage("a", "t.duration.x86", 1, true)), elsewhere))
        .hasMessageContaining("no price for t.duration.x86 in region r9");
  }

  @Test
  void overridesMatchTheLongestPrefixAndReplaceTiers() {
    PriceSettings s = new PriceSettings("r1", Optional.of(D), false, BigDecimal.ZERO, Map.of("t.duration", new BigDecimal("0.1"), "t.duration.arm", new BigDecimal("0.3")), BigDecimal.ONE);
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(new Usage("a", "t.duration.x86", 400, true), new Usage("b", "t.duration.arm", 10, true)), s);
    assertThat(p.get(0).costUsd()).isEqualByComparingTo("40");
    assertThat(p.get(0).overridden()).isTrue();
    assertThat(p.get(1).costUsd()).isEqualByComparingTo("3");
  }

  @Test
  void discountAppliesToEveryLine() {
    PriceSettings s = new PriceSettings("r1", Optional.of(LocalDate.of(2025, 1, 1)), false, new BigDecimal("12.5"), Map.of(), BigDecimal.ONE);
    List<PricedUsage> p = new Pricer(catalog()).price(List.of(new Usage("a", "t.requests", 10, true)), s);
    assertThat(p.get(0).listCostUsd()).isEqualByComparingTo("10");
    assertThat(p.get(0).costUsd()).isEqualByComparingTo("8.75");
  }

  @Test
  void moneyIsExactDecimal() {
    // 0.1 + 0.2 priced at 1 is exactly 0.3 (decimal arithmetic, not binary floating point)
    Catalog c = catalog();
    List<PricedUsage> p = new Pricer(c).price(List.of(new Usage("a", "t.requests", 0.1, true), new Usage("b", "t.requests", 0.2, true)),
        new PriceSettings("r1", Optional.of(LocalDate.of(2025, 1, 1)), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE));
    assertThat(p.get(0).costUsd().add(p.get(1).costUsd())).isEqualByComparingTo("0.3");
  }

  @Test
  void theBundledCatalogLoadsAndEveryRateHasASource() {
    Catalog c = CatalogLoader.bundled();
    assertThat(c.meters()).isNotEmpty();
    for (Meter m : c.meters()) {
      assertThat(m.rates()).as(m.id()).isNotEmpty();
      for (Rate r : m.rates()) {
        assertThat(r.source()).as(m.id()).isNotBlank();
      }
    }
    assertThat(c.rate("aws.lambda.duration.x86_64", "us-east-1", Optional.of(LocalDate.of(2019, 6, 1))).firstTierUsd()).isEqualByComparingTo("0.0000166667");
    assertThat(c.rate("aws.dynamodb.write_request_units", "us-east-1", Optional.of(LocalDate.of(2024, 10, 31))).firstTierUsd()).isEqualByComparingTo("0.00000125");
    assertThat(c.rate("aws.dynamodb.write_request_units", "us-east-1", Optional.of(LocalDate.of(2024, 11, 1))).firstTierUsd()).isEqualByComparingTo("0.000000625");
  }

  private static BigDecimal sum(List<PricedUsage> p) {
    return p.stream().map(PricedUsage::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
