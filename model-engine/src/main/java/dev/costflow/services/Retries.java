package dev.costflow.services;

/**
 * Attempts when a failed call is retried: of n first attempts, a share e fails and is tried
 * again, up to {@code maxRetries} more times — n · Σ_{k=0}^{r} e^k attempts in expectation. The
 * failures of each round go through {@link Quantities#thin}, so the simulator samples them.
 */
public final class Retries {
  private Retries() {}

  /** Expected attempts per first attempt: Σ_{k=0}^{maxRetries} e^k. */
  public static double attemptsPerCall(double errorRate, int maxRetries) {
    double attempts = 0;
    double p = 1;
    for (int k = 0; k <= maxRetries; k++) {
      attempts += p;
      p *= errorRate;
    }
    return attempts;
  }

  /** Attempts per hour of the given first attempts, each failure tried again up to maxRetries times. */
  public static double[] attempts(Quantities q, double[] first, double errorRate, int maxRetries) {
    if (errorRate <= 0 || maxRetries <= 0) {
      return first.clone();
    }
    if (q.expected()) {
      return Arrays2.scale(first, attemptsPerCall(errorRate, maxRetries));
    }
    double[] total = first.clone();
    double[] round = first;
    for (int k = 0; k < maxRetries; k++) {
      round = q.thin(round, errorRate);
      Arrays2.addInto(total, round);
    }
    return total;
  }
}
