package dev.costflow.sim;

/**
 * How to simulate: how many runs (periods drawn), the seed, how many threads run them (results do
 * not depend on it), and whether to keep each run's hourly cost for p5–p95 bands of the cost
 * curve ({@link Simulation#hourlyBands()}, e.g. for the desktop app's chart).
 */
public record SimOptions(int runs, long seed, int threads, boolean curves) {
  public static final int DEFAULT_RUNS = 100;
  public static final long DEFAULT_SEED = 1;
  public static final int MAX_RUNS = 100_000;

  public SimOptions {
    if (runs < 1 || runs > MAX_RUNS) {
      throw new IllegalArgumentException("runs must be between 1 and " + MAX_RUNS + ", got " + runs);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  public SimOptions(int runs, long seed, int threads) {
    this(runs, seed, threads, false);
  }

  public static SimOptions of(int runs, long seed) {
    return new SimOptions(runs, seed, Runtime.getRuntime().availableProcessors());
  }

  /** The same options, keeping each run's hourly cost curve. */
  public SimOptions withCurves() {
    return new SimOptions(runs, seed, threads, true);
  }
}
