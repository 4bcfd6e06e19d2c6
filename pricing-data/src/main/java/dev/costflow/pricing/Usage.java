package dev.costflow.pricing;

import java.util.Objects;

/**
 * A quantity of one meter used by one consumer (a service of the model) in the period, before
 * free tier and tiers. {@code freeTierEligible} is false where the provider excludes the usage
 * from the free tier (for example Lambda functions with provisioned concurrency).
 */
public record Usage(String consumer, String meterId, double quantity, boolean freeTierEligible) {
  public Usage {
    Objects.requireNonNull(consumer);
    Objects.requireNonNull(meterId);
    if (!(quantity >= 0) || Double.isInfinite(quantity)) {
      throw new IllegalArgumentException("usage of " + meterId + " by " + consumer + " is not a finite non-negative number: " + quantity);
    }
  }
}
