package dev.costflow.pricing;

import java.util.List;
import java.util.Objects;

/**
 * A billed dimension of a service type, e.g. {@code aws.lambda.duration.x86_64} in GB-s. Its rates
 * are dated and per region; its free tiers are dated and may be shared with other meters.
 * {@code billing} names the usage types of real bills that map to the meter.
 */
public record Meter(String id, String unit, String description, List<Rate> rates, List<FreeTier> freeTiers, BillingNames billing) {
  public Meter {
    Objects.requireNonNull(id);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(description);
    rates = List.copyOf(rates);
    freeTiers = List.copyOf(freeTiers);
    Objects.requireNonNull(billing);
  }

  /** A meter that no bill usage type maps to. */
  public Meter(String id, String unit, String description, List<Rate> rates, List<FreeTier> freeTiers) {
    this(id, unit, description, rates, freeTiers, BillingNames.NONE);
  }
}
