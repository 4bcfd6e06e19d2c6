package dev.costflow.pricing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One price step of a rate: the unit price that applies to the pooled monthly quantity from
 * {@code fromQuantity} (inclusive) up to {@code upToQuantity} (exclusive; empty = no upper end).
 */
public record Tier(BigDecimal fromQuantity, Optional<BigDecimal> upToQuantity, BigDecimal usdPerUnit) {
  public Tier {
    Objects.requireNonNull(fromQuantity);
    Objects.requireNonNull(upToQuantity);
    Objects.requireNonNull(usdPerUnit);
    if (usdPerUnit.signum() < 0) {
      throw new IllegalArgumentException("negative price " + usdPerUnit);
    }
    upToQuantity.ifPresent(
        up -> {
          if (up.compareTo(fromQuantity) <= 0) {
            throw new IllegalArgumentException("tier upper bound " + up + " <= lower bound " + fromQuantity);
          }
        });
  }
}
