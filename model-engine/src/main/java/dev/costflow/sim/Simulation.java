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
}
