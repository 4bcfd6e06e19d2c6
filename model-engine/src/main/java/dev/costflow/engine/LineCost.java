package dev.costflow.engine;

import dev.costflow.pricing.PricedUsage;
import dev.costflow.services.MeteredLine;
import java.math.BigDecimal;

/** One priced line of a service: what was metered and what it costs. */
public record LineCost(MeteredLine metered, PricedUsage priced) {
  public String meter() {
    return metered.meter();
  }

  public String meterId() {
    return metered.meterId();
  }

  public String unit() {
    return priced.unit();
  }

  public double quantity() {
    return metered.quantity();
  }

  public BigDecimal billableQuantity() {
    return priced.billableQuantity();
  }

  public BigDecimal freeQuantity() {
    return priced.freeQuantity();
  }

  public BigDecimal costUsd() {
    return priced.costUsd();
  }

  public BigDecimal listCostUsd() {
    return priced.listCostUsd();
  }

  public String detail() {
    return metered.detail();
  }
}
