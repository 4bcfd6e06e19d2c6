package dev.costflow.sim;

/**
 * How to simulate: how many runs (periods drawn), the seed, and how many threads run them
 * (results do not depend on it).
 */
public record SimOptions(int runs, long seed, int threads) {
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

  public static SimOptions of(int runs, long seed) {
    return new SimOptions(runs, seed, Runtime.getRuntime().availableProcessors());
  }
}
