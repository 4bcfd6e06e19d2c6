package dev.costflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to price usage: the region, the catalog day ({@code asOf}; empty = newest), whether the
 * monthly free tiers apply, a flat discount in percent, custom unit prices by meter id (an
 * override of {@code aws.lambda.duration} also covers {@code aws.lambda.duration.arm64}), and the
 * length of the period in months (tier bounds and free allowances are monthly).
 */
public record PriceSettings(
    String region,
    Optional<LocalDate> asOf,
    boolean freeTier,
    BigDecimal discountPct,
    Map<String, BigDecimal> overrides,
    BigDecimal months) {
  public PriceSettings {
    Objects.requireNonNull(region);
    Objects.requireNonNull(asOf);
    Objects.requireNonNull(discountPct);
    overrides = Map.copyOf(overrides);
    Objects.requireNonNull(months);
    if (discountPct.signum() < 0 || discountPct.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("discount must be between 0 and 100 percent");
    }
    if (months.signum() <= 0) {
      throw new IllegalArgumentException("period must be longer than 0 months");
    }
  }

  public static PriceSettings simple(String region) {
    return new PriceSettings(region, Optional.empty(), false, BigDecimal.ZERO, Map.of(), BigDecimal.ONE);
  }

  /** The override that applies to a meter: the exact id, else the longest dotted prefix. */
  public Optional<BigDecimal> overrideFor(String meterId) {
    String key = meterId;
    while (true) {
      BigDecimal v = overrides.get(key);
      if (v != null) {
        return Optional.of(v);
      }
      int dot = key.lastIndexOf('.');
      if (dot <= 0) {
        return Optional.empty();
      }
      key = key.substring(0, dot);
    }
  }
}
