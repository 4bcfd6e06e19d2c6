package dev.costflow.services;

import java.util.Objects;

/**
 * How a function's execution environments served its invocations, per hour: invocations served
 * by provisioned environments, cold starts (on-demand invocations that found no warm
 * environment) and the billed INIT units of those cold starts (increments of the demand's
 * granularity).
 */
public record Environments(double[] provisionedServed, double[] coldStarts, double[] initUnits) {
  public Environments {
    Objects.requireNonNull(provisionedServed);
    Objects.requireNonNull(coldStarts);
    Objects.requireNonNull(initUnits);
  }

  /**
   * The analytic estimate: provisioned environments serve the share E[min(N, c)] / E[N] of the
   * invocations (N ~ Poisson with mean λ·billed duration, {@link Concurrency}), and cold starts
   * follow {@link ColdStarts#perHour}.
   */
  public static Environments expected(FunctionDemand d) {
    return expected(d, true);
  }

  /** The analytic estimate, with or without the cold starts (zeros when {@code coldStarts} is false). */
  public static Environments expected(FunctionDemand d, boolean coldStarts) {
    int hours = d.hours();
    double[] invocations = d.invocations();
    double[] pcServed = new double[hours];
    if (d.provisionedCount() > 0) {
      for (int h = 0; h < hours; h++) {
        double fraction = d.provisionedEnabledHours()[h];
        if (fraction <= 0) {
          continue;
        }
        double concurrency = invocations[h] / 3600.0 * d.billedMs() / 1000.0;
        double served = Concurrency.servedFraction(concurrency, d.provisionedCount());
        pcServed[h] = invocations[h] * served * fraction;
      }
    }
    double[] cold = coldStarts ? ColdStarts.perHour(invocations, d.coldStartRate(), d.keepAliveMin(), d.billedMs(), pcServed) : new double[hours];
    double initUnits = d.initMs().mean() > 0 ? d.initMs().expectedUnits(d.granularityMs(), 0, dev.costflow.dist.Distribution.NO_CAP) : 0;
    return new Environments(pcServed, cold, Arrays2.scale(cold, initUnits));
  }
}
