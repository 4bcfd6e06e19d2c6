package dev.costflow.sim;

import java.math.BigDecimal;
import java.util.List;

/**
 * One run: the period's total and each service's cost and calls (in the model's service order),
 * for functions what their environments did ({@code functions[i]} is null for other services),
 * and — when the options ask for curves — the run's cost per hour (display only; else null).
 */
public record RunResult(int run, BigDecimal totalUsd, List<String> serviceIds, BigDecimal[] costUsd, double[] calls, FunctionRun[] functions, double[] hourlyCostUsd) {

  /** What one function's environments did in one run. */
  public record FunctionRun(
      double invocations,
      double coldStarts,
      double initBilledMs,
      double throttles,
      double peakConcurrency,
      double provisionedUtilization,
      int callByCallHours,
      int formulaHours) {}

  public int indexOf(String serviceId) {
    return serviceIds.indexOf(serviceId);
  }
}
