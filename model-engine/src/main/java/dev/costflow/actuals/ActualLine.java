package dev.costflow.actuals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One normalized line of an actual bill, per day (UTC): the shape every importer writes to the
 * billing store and every consumer (actuals, reconcile, calibrate, dashboard, desktop) reads.
 * {@code meterId} is the catalog meter the usage type maps to, when it maps to one.
 * Strings come from bills and are untrusted: renderers escape them.
 */
public record ActualLine(
    LocalDate day,
    String cloud,
    String account,
    String region,
    String service,
    String usageType,
    Optional<String> meterId,
    String operation,
    String resourceId,
    Map<String, String> tags,
    double quantity,
    String unit,
    BigDecimal billedUsd,
    BigDecimal listUsd,
    String chargeCategory) {
  public ActualLine {
    Objects.requireNonNull(day);
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(account);
    Objects.requireNonNull(region);
    Objects.requireNonNull(service);
    Objects.requireNonNull(usageType);
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(operation);
    Objects.requireNonNull(resourceId);
    tags = Map.copyOf(tags);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(billedUsd);
    Objects.requireNonNull(listUsd);
    Objects.requireNonNull(chargeCategory);
  }
}
