package dev.costflow.services;

/**
 * The analytic estimate of cold starts per hour (the simulator measures them exactly). With
 * Poisson arrivals at rate λ, an invocation finds no warm environment when none was used within
 * the last keep-alive K plus the duration d: probability e^{−λ(K + d)}. When the mean concurrency
 * λ·d rises from one hour to the next, the new environments start cold too. Invocations served
 * by provisioned concurrency are never cold. A model's {@code cold_start_rate} replaces all this.
 */
public final class ColdStarts {
  private ColdStarts() {}

  public static double[] perHour(double[] invocations, LambdaKind.Spec s, double billedMs, double[] provisionedServed) {
    return perHour(invocations, s.coldStartRate(), s.keepAliveMin(), billedMs, provisionedServed);
  }

  /** Cold starts per hour of a function with the given cold-start rate (if any) and keep-alive. */
  public static double[] perHour(double[] invocations, java.util.Optional<Double> coldStartRate, double keepAliveMin, double billedMs, double[] provisionedServed) {
    int hours = invocations.length;
    double[] cold = new double[hours];
    if (coldStartRate.isPresent()) {
      double rate = coldStartRate.get();
      for (int h = 0; h < hours; h++) {
        cold[h] = (invocations[h] - provisionedServed[h]) * rate;
      }
      return cold;
    }
    double keepS = keepAliveMin * 60;
    double dS = billedMs / 1000.0;
    double prevConcurrency = hours == 0 ? 0 : invocations[hours - 1] / 3600.0 * dS; // steady state: the period repeats
    for (int h = 0; h < hours; h++) {
      double onDemand = invocations[h] - provisionedServed[h];
      double lambda = onDemand / 3600.0;
      double concurrency = invocations[h] / 3600.0 * dS;
      double idleCold = onDemand * Math.exp(-lambda * (keepS + dS));
      double scaleUp = Math.max(0, concurrency - prevConcurrency) * (invocations[h] > 0 ? onDemand / invocations[h] : 0);
      cold[h] = Math.min(onDemand, idleCold + scaleUp);
      prevConcurrency = concurrency;
    }
    return cold;
  }
}
