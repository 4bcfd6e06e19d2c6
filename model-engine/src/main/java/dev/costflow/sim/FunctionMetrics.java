package dev.costflow.sim;

/** What one run measured for one function. */
final class FunctionMetrics {
  double invocations;
  double coldStarts;
  double initBilledMs;
  double throttles;
  double peakConcurrency;
  double provisionedBusySeconds;
  double provisionedEnabledSeconds;
  int exactHours;
  int aggregateHours;

  /** Busy share of the provisioned environments' enabled time, NaN without provisioned concurrency. */
  double provisionedUtilization() {
    return provisionedEnabledSeconds > 0 ? Math.min(1, provisionedBusySeconds / provisionedEnabledSeconds) : Double.NaN;
  }
}
