package dev.costflow.diff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One metered line of a service in the base and head models (quantity 0 and cost 0 where the
 * line does not exist on that side).
 */
public record LineDelta(String meter, String meterId, String unit, double baseQuantity, double headQuantity, BigDecimal baseUsd, BigDecimal headUsd) {
  public LineDelta {
    Objects.requireNonNull(meter);
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(baseUsd);
    Objects.requireNonNull(headUsd);
  }

  public BigDecimal deltaUsd() {
    return headUsd.subtract(baseUsd);
  }
}
