package dev.costflow.sim;

import dev.costflow.engine.Estimate;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The result of simulating a model: the cost distribution over the runs in total and per
 * service, what functions' environments did, the analytic estimate for reference, the account
 * throttles and the runs themselves.
 */
public record Simulation(
    Model model,
    LocalDate asOf,
    SimOptions options,
    Estimate estimate,
    MoneyStats totalUsd,
    List<ServiceStats> services,
    Stats accountThrottles,
    int throttledHours,
    List<RunResult> runs,
    List<Diagnostic> warnings) {
  public Simulation {
    services = List.copyOf(services);
    runs = List.copyOf(runs);
    warnings = List.copyOf(warnings);
  }

  public Optional<ServiceStats> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public int concurrencyLimit() {
    return model.limits().concurrency();
  }

  /** p5, p50, p95 and mean of the cost in each hour over the runs; empty unless simulated with curves. */
  public java.util.Optional<CurveBands> hourlyBands() {
    if (runs.isEmpty() || runs.get(0).hourlyCostUsd() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(CurveBands.of(runs.stream().map(RunResult::hourlyCostUsd).toList()));
  }

  /**
   * The same per day of the period (each run's hours summed into days before the percentiles are
   * taken; a partial last day is a day); empty unless simulated with curves.
   */
  public java.util.Optional<CurveBands> dailyBands() {
    if (runs.isEmpty() || runs.get(0).hourlyCostUsd() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(CurveBands.of(runs.stream().map(r -> CurveBands.daily(r.hourlyCostUsd())).toList()));
  }
}
