package dev.costflow.services;

import java.util.Objects;
import java.util.Optional;

/**
 * One metered quantity of a service: a display name ("duration"), the catalog meter id
 * ({@code aws.lambda.duration.x86_64}), the quantity in the meter's unit over the period, its
 * split over the hours when known, whether the free tier may apply, and a short explanation of
 * how the quantity was derived.
 */
public record MeteredLine(String meter, String meterId, double quantity, Optional<double[]> hourly, boolean freeTierEligible, String detail) {
  public MeteredLine {
    Objects.requireNonNull(meter);
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(hourly);
    Objects.requireNonNull(detail);
    if (!(quantity >= 0) || Double.isInfinite(quantity)) {
      throw new IllegalArgumentException(meter + " of " + meterId + ": quantity must be finite and >= 0, got " + quantity);
    }
  }

  public static MeteredLine of(String meter, String meterId, double[] hourly, String detail) {
    return new MeteredLine(meter, meterId, Arrays2.sum(hourly), Optional.of(hourly), true, detail);
  }

  public static MeteredLine flat(String meter, String meterId, double quantity, String detail) {
    return new MeteredLine(meter, meterId, quantity, Optional.empty(), true, detail);
  }

  public MeteredLine notFreeTierEligible() {
    return new MeteredLine(meter, meterId, quantity, hourly, false, detail);
  }
}
