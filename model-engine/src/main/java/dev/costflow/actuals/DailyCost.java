package dev.costflow.actuals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Billed cost of one service and usage type on one day (UTC): what the dashboard charts. */
public record DailyCost(LocalDate day, String service, String usageType, String meterId, double quantity, String unit, BigDecimal billedUsd, BigDecimal listUsd) {
  public DailyCost {
    Objects.requireNonNull(day);
    Objects.requireNonNull(service);
    Objects.requireNonNull(usageType);
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(billedUsd);
    Objects.requireNonNull(listUsd);
  }
}
