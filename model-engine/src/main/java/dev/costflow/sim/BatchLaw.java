package dev.costflow.sim;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Batches of an event source mapping (queue or stream → function) in one hour. Records arrive as
 * a Poisson stream of rate λ per stream (queue or shard). With a batching window W the mapping
 * collects, after the first record, what arrives within W: a batch holds S = min(cap, 1 + P)
 * records, P ~ Poisson(λW); without a window a batch holds what accumulated while the pollers
 * were busy for τ, at least one: S = min(cap, max(1, P)), P ~ Poisson(λτ). (The estimate uses the
 * means 1 + λW and max(1, λτ) of these before the cap.) The hour's n records are used up by
 * successive batches, a renewal process: the number of batches is drawn batch by batch when
 * there are few, else from the renewal theorem's normal law with mean n/E[S] and variance
 * n·Var[S]/E[S]³.
 */
final class BatchLaw {
  /** Up to this many expected batches an hour, batches are drawn one by one. */
  static final int DIRECT_MAX_BATCHES = 64;
  /** Up to this many records an hour on several streams, each record's stream is drawn. */
  static final int DIRECT_MAX_SPREAD = 256;

  private BatchLaw() {}

  /** Invocations carrying n records spread over {@code streams} streams in one hour. */
  static double sample(RandomGenerator r, long n, int streams, double cap, double windowS, double busyS) {
    if (n <= 0) {
      return 0;
    }
    double c = Math.max(1, Math.floor(cap));
    if (c <= 1) {
      return n;
    }
    boolean window = windowS > 0;
    double perStreamRate = n / 3600.0 / streams;
    double m = perStreamRate * (window ? windowS : busyS);
    double[] mom = moments(m, c, window);
    double mean = mom[0];
    double var = mom[1];
    if (streams == 1 && n / mean <= DIRECT_MAX_BATCHES) {
      return batchesOf(r, n, m, c, window);
    }
    if (streams > 1 && n <= DIRECT_MAX_SPREAD) {
      int[] at = new int[(int) n];
      for (int i = 0; i < at.length; i++) {
        at[i] = r.nextInt(streams);
      }
      java.util.Arrays.sort(at);
      double b = 0;
      int i = 0;
      while (i < at.length) {
        int j = i;
        while (j < at.length && at[j] == at[i]) {
          j++;
        }
        b += batchesOf(r, j - i, m, c, window);
        i = j;
      }
      return b;
    }
    double nb = n / mean;
    double sd = Math.sqrt(n * var / (mean * mean * mean));
    double v = Math.rint(nb + sd * r.nextGaussian());
    return Math.max(Math.ceil(n / c), Math.min(n, v));
  }

  private static long batchesOf(RandomGenerator r, long n, double m, double c, boolean window) {
    long left = n;
    long b = 0;
    while (left > 0) {
      long p = Samplers.poisson(r, m);
      long s = (long) Math.min(c, window ? 1 + p : Math.max(1, p));
      left -= s;
      b++;
    }
    return b;
  }

  /** {E[S], Var[S]} of one batch's size. */
  static double[] moments(double m, double c, boolean window) {
    if (!(m > 0)) {
      return new double[] {1, 0};
    }
    double spread = 12 * Math.sqrt(m) + 20;
    if (c - 1 > m + spread) {
      // the cap is never reached
      if (window) {
        return new double[] {1 + m, m};
      }
      double e0 = Math.exp(-m);
      double mean = m + e0;
      return new double[] {mean, Math.max(0, m + m * m + e0 - mean * mean)};
    }
    if (m - spread > c) {
      return new double[] {c, 0}; // always full
    }
    // E[S] = Σ_{k=0}^{c−1} P(S > k), E[S²] = Σ (2k+1) P(S > k); P(S > 0) = 1 and for k ≥ 1
    // P(S > k) = P(P ≥ k) with a window, P(P > k) without.
    long cap = (long) c;
    double e1 = 1;
    double e2 = 1;
    long kA = Math.max(1, (long) Math.floor(m - spread));
    // below kA every P(S > k) is 1
    for (long k = 1; k < Math.min(kA, cap); k++) {
      e1 += 1;
      e2 += 2 * k + 1;
    }
    if (kA < cap) {
      // P(P ≤ kA − 1) and the pmf at kA − 1
      double cdfBelow = PoolFormulas.poissonCdf(kA - 1, m);
      double pmf = Math.exp(PoolFormulas.logPmf(kA - 1, m));
      for (long k = kA; k < cap; k++) {
        // cdfBelow = P(P ≤ k − 1), pmf = P(P = k − 1)
        double pAtLeastK = 1 - cdfBelow;
        pmf *= m / k; // P(P = k)
        double pAboveK = pAtLeastK - pmf;
        double tail = window ? pAtLeastK : pAboveK;
        if (tail < 1e-17 && k > m) {
          break;
        }
        e1 += tail;
        e2 += (2.0 * k + 1) * tail;
        cdfBelow += pmf;
      }
    }
    return new double[] {e1, Math.max(0, e2 - e1 * e1)};
  }
}
