package dev.costflow.compare;

import dev.costflow.engine.Estimate;
import dev.costflow.model.Model;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Serverless next to containers or VMs for the same traffic: each side's infrastructure (an
 * estimate of its model) and people's cost, the functions replaced and how, the traffic scale at
 * which the two totals cross, and a sweep of both totals over traffic scales.
 */
public record Comparison(Model model, CompareSettings settings, Side serverless, Side alternative, List<Replacement> replacements,
    Optional<Crossover> crossover, List<SweepPoint> sweep, double entryCallsPerMonth) {

  public Comparison {
    replacements = List.copyOf(replacements);
    sweep = List.copyOf(sweep);
  }

  /** One side: its estimate, infrastructure cost, people's hours and cost. */
  public record Side(String label, Estimate estimate, double opsHours, BigDecimal peopleUsd) {
    public BigDecimal infraUsd() {
      return estimate.totalUsd();
    }

    public BigDecimal totalUsd() {
      return estimate.totalUsd().add(peopleUsd);
    }
  }

  /** A function and what serves its calls instead. */
  public record Replacement(String serviceId, int memoryMb, double meanDurationMs, double cpuMsPerCall, String size, double peakUnits, double meanUnits,
      BigDecimal functionUsd, BigDecimal replacementUsd) {}

  /**
   * Where the total costs of ownership cross: at {@code scale} × today's traffic
   * ({@code entryCallsPerMonth} calls a month into the model), above which {@code cheaperAbove}
   * costs less.
   */
  public record Crossover(double scale, double entryCallsPerMonth, String cheaperAbove) {}

  /** Both totals of ownership at a traffic scale. */
  public record SweepPoint(double scale, double entryCallsPerMonth, BigDecimal serverlessUsd, BigDecimal alternativeUsd) {}

  /** The difference alternative − serverless (positive: serverless costs less). */
  public BigDecimal differenceUsd() {
    return alternative.totalUsd().subtract(serverless.totalUsd());
  }
}
