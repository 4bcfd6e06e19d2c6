package dev.costflow.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * One usage with its price: the billable quantity after this consumer's share of the free
 * allowance, the cost (its share of the pooled charge, after discount), the list cost before
 * discount, the rate used and how the billable quantity spread over the tiers.
 *
 * <p>{@code unitPriceUsd} is cost ÷ billable quantity before discount (the effective blended rate);
 * for an untiered meter it is the catalog price.
 */
public record PricedUsage(
    Usage usage,
    String unit,
    BigDecimal quantity,
    BigDecimal freeQuantity,
    BigDecimal billableQuantity,
    BigDecimal listCostUsd,
    BigDecimal costUsd,
    Rate rate,
    boolean overridden,
    List<TierCharge> tiers) {
  public PricedUsage {
    tiers = List.copyOf(tiers);
  }
}
