package dev.costflow.diff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cost of one service in the base and head models.
 *
 * @param id service id
 * @param status added, removed, changed (its definition differs, or its cost by at least
 *     {@link CostDiff#NEGLIGIBLE_USD}) or unchanged
 * @param baseType its type in the base model (empty when added)
 * @param headType its type in the head model (empty when removed)
 * @param baseUsd cost in the base model (0 when added)
 * @param headUsd cost in the head model (0 when removed)
 * @param definitionChanged whether the service's own definition differs (a service can change
 *     cost only because traffic upstream changed)
 * @param lines per metered line, base and head
 */
public record ServiceDelta(
    String id,
    Status status,
    Optional<String> baseType,
    Optional<String> headType,
    BigDecimal baseUsd,
    BigDecimal headUsd,
    boolean definitionChanged,
    List<LineDelta> lines) {

  public enum Status {
    ADDED,
    REMOVED,
    CHANGED,
    UNCHANGED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ServiceDelta {
    Objects.requireNonNull(id);
    Objects.requireNonNull(status);
    Objects.requireNonNull(baseType);
    Objects.requireNonNull(headType);
    Objects.requireNonNull(baseUsd);
    Objects.requireNonNull(headUsd);
    lines = List.copyOf(lines);
  }

  public BigDecimal deltaUsd() {
    return headUsd.subtract(baseUsd);
  }

  /** Change in percent of the base cost; empty when the base cost is 0. */
  public Optional<BigDecimal> deltaPct() {
    return CostDiff.percent(deltaUsd(), baseUsd);
  }

  public String type() {
    return headType.or(() -> baseType).orElse("");
  }
}
