package dev.costflow.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Two models simulated with common random numbers: run i of both draws the same numbers for
 * every part they share, so {@code deltaUsd} — the distribution of head − base over the runs —
 * measures the change, not the noise. {@code independentSdUsd} is the standard deviation the
 * difference would have if the two were simulated independently (√(sd_base² + sd_head²)).
 */
public record Comparison(Simulation base, Simulation head, MoneyStats deltaUsd, BigDecimal independentSdUsd, List<ServiceDelta> services) {
  public Comparison {
    services = List.copyOf(services);
  }

  /** A service's change; {@code status} is added, removed or kept. */
  public record ServiceDelta(String id, String type, String status, Optional<MoneyStats> baseUsd, Optional<MoneyStats> headUsd, MoneyStats deltaUsd) {}

  public Optional<ServiceDelta> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
