package dev.costflow.actuals;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Actual cost aggregated by one key ({@code costflow actuals --by service|day|meter|usage_type}):
 * billed (cash), amortized (effective) and list cost, and the quantity when every line of the group
 * has the same unit (empty when units are mixed; {@code unit} is then "mixed").
 */
public record ActualTotal(String key, Optional<Double> quantity, String unit, BigDecimal billedUsd, BigDecimal amortizedUsd, BigDecimal listUsd, long lines) {
  public static final String MIXED = "mixed";

  public ActualTotal {
    Objects.requireNonNull(key);
    Objects.requireNonNull(quantity);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(billedUsd);
    Objects.requireNonNull(amortizedUsd);
    Objects.requireNonNull(listUsd);
  }
}
