package dev.costflow.diff;

import dev.costflow.engine.Estimate;
import dev.costflow.model.Diagnostic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cost difference between a base and a head model: totals, per-service deltas and the drivers
 * (which change caused how much). Amounts are USD for each model's own period, unrounded.
 *
 * <p>The drivers add up exactly: {@code deltaUsd() == sum(drivers.effectUsd) + interactionUsd}.
 * How each driver is measured and what the interaction holds is described on {@link ModelDiff}.
 *
 * @param base the base model's estimate; empty when the base model does not exist (a new model)
 * @param head the head model's estimate; empty when the head model does not exist (a deleted model)
 * @param services every service of either model: head order, then services only in the base
 * @param drivers every change with its effect, largest absolute effect first (ties: model order)
 * @param interactionUsd the part of the change no single driver explains: changes acting together
 *     (pooled tiers crossed, traffic × per-call changes) and changes that could not be priced alone
 * @param warnings notes about the comparison (e.g. a change that could not be priced alone)
 */
public record CostDiff(
    Optional<Estimate> base,
    Optional<Estimate> head,
    List<ServiceDelta> services,
    List<Driver> drivers,
    BigDecimal interactionUsd,
    List<Diagnostic> warnings) {

  /** Below this absolute amount (USD) an effect is reported as "no cost effect". */
  public static final BigDecimal NEGLIGIBLE_USD = new BigDecimal("1e-9");

  public CostDiff {
    Objects.requireNonNull(base);
    Objects.requireNonNull(head);
    services = List.copyOf(services);
    drivers = List.copyOf(drivers);
    Objects.requireNonNull(interactionUsd);
    warnings = List.copyOf(warnings);
  }

  public BigDecimal baseTotalUsd() {
    return base.map(Estimate::totalUsd).orElse(BigDecimal.ZERO);
  }

  public BigDecimal headTotalUsd() {
    return head.map(Estimate::totalUsd).orElse(BigDecimal.ZERO);
  }

  public BigDecimal deltaUsd() {
    return headTotalUsd().subtract(baseTotalUsd());
  }

  /** Total change in percent of the base total; empty when the base total is 0. */
  public Optional<BigDecimal> deltaPct() {
    return percent(deltaUsd(), baseTotalUsd());
  }

  /** Drivers whose effect is not negligible, largest first. */
  public List<Driver> costDrivers() {
    return drivers.stream().filter(d -> d.effectUsd().abs().compareTo(NEGLIGIBLE_USD) >= 0 || d.measured() == Driver.Measure.NOT_PRICED).toList();
  }

  /** Changes whose effect is negligible (descriptions, tags, settings that do not change cost). */
  public List<Change> changesWithoutCostEffect() {
    return drivers.stream().filter(d -> d.effectUsd().abs().compareTo(NEGLIGIBLE_USD) < 0 && d.measured() != Driver.Measure.NOT_PRICED)
        .map(Driver::change).toList();
  }

  /** Whether the two models differ at all (in definition or cost). */
  public boolean hasChanges() {
    return !drivers.isEmpty() || deltaUsd().abs().compareTo(NEGLIGIBLE_USD) >= 0;
  }

  /** The services that are not unchanged. */
  public List<ServiceDelta> changedServices() {
    return services.stream().filter(s -> s.status() != ServiceDelta.Status.UNCHANGED).toList();
  }

  static Optional<BigDecimal> percent(BigDecimal delta, BigDecimal base) {
    if (base.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(delta.multiply(BigDecimal.valueOf(100)).divide(base, MathContext.DECIMAL64));
  }

  static final Comparator<Driver> LARGEST_FIRST = Comparator.comparing((Driver d) -> d.effectUsd().abs()).reversed();
}
