package dev.costflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dated price of one meter in one region. Effective from {@code effectiveFrom} (inclusive) until
 * the next rate of the same meter and region starts. Tier bounds are monthly quantities.
 */
public record Rate(
    String meterId,
    String region,
    LocalDate effectiveFrom,
    List<Tier> tiers,
    String source,
    Optional<String> note) {

  public Rate {
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(region);
    Objects.requireNonNull(effectiveFrom);
    tiers = List.copyOf(tiers);
    Objects.requireNonNull(source);
    Objects.requireNonNull(note);
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("rate of " + meterId + " has no price");
    }
    if (tiers.get(0).fromQuantity().signum() != 0) {
      throw new IllegalArgumentException("first tier of " + meterId + " must start at 0");
    }
    for (int i = 1; i < tiers.size(); i++) {
      Optional<BigDecimal> prevUp = tiers.get(i - 1).upToQuantity();
      if (prevUp.isEmpty() || prevUp.get().compareTo(tiers.get(i).fromQuantity()) != 0) {
        throw new IllegalArgumentException("tiers of " + meterId + " are not contiguous");
      }
    }
    if (tiers.get(tiers.size() - 1).upToQuantity().isPresent()) {
      throw new IllegalArgumentException("last tier of " + meterId + " must be open-ended");
    }
  }

  /** A single flat price. */
  public static Rate flat(String meterId, String region, LocalDate from, BigDecimal usdPerUnit, String source) {
    return new Rate(meterId, region, from, List.of(new Tier(BigDecimal.ZERO, Optional.empty(), usdPerUnit)), source, Optional.empty());
  }

  public boolean isTiered() {
    return tiers.size() > 1;
  }

  /** The first tier's unit price, the price a small user pays. */
  public BigDecimal firstTierUsd() {
    return tiers.get(0).usdPerUnit();
  }
}
