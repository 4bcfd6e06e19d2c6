package dev.costflow.engine;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The expected cost of one period: per service and line, unrounded. {@code asOf} is the day whose
 * prices and billing rules were applied.
 */
public record Estimate(Model model, Workload workload, LocalDate asOf, BigDecimal totalUsd, List<ServiceCost> services, List<Diagnostic> warnings) {
  public static final String CURRENCY = "USD";

  public Estimate {
    services = List.copyOf(services);
    warnings = List.copyOf(warnings);
  }

  public Period period() {
    return model.period();
  }

  public Optional<ServiceCost> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * Cost per hour of the period, for charts: each line's cost spread over the hours in proportion
   * to its hourly quantity (evenly where a line has no hourly split). Display only.
   */
  public double[] hourlyCostUsd() {
    int hours = model.period().hours();
    double[] out = new double[hours];
    for (ServiceCost s : services) {
      for (LineCost l : s.lines()) {
        double cost = l.costUsd().doubleValue();
        if (cost == 0) {
          continue;
        }
        Optional<double[]> hourly = l.metered().hourly();
        double total = hourly.map(dev.costflow.services.Arrays2::sum).orElse(0.0);
        if (hourly.isPresent() && total > 0) {
          double[] q = hourly.get();
          for (int h = 0; h < hours; h++) {
            out[h] += cost * q[h] / total;
          }
        } else {
          for (int h = 0; h < hours; h++) {
            out[h] += cost / hours;
          }
        }
      }
    }
    return out;
  }
}
