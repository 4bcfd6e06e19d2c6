package dev.costflow.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code pricing:} of the model file. */
public record PricingSettings(
    Optional<LocalDate> asOf, boolean freeTier, BigDecimal discountPct, Map<String, BigDecimal> overrides) {
  public PricingSettings {
    Objects.requireNonNull(asOf);
    Objects.requireNonNull(discountPct);
    overrides = Map.copyOf(overrides);
  }

  public static PricingSettings defaults() {
    return new PricingSettings(Optional.empty(), false, BigDecimal.ZERO, Map.of());
  }
}
