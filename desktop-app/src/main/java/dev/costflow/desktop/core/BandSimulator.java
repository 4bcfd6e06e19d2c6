package dev.costflow.desktop.core;

import dev.costflow.engine.Estimator;
import dev.costflow.sim.CurveBands;
import dev.costflow.sim.SimOptions;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Simulator;

/**
 * Simulates a priced model for the p5–p95 bands of its cost curve, with the project's
 * {@link Simulator} (the engine of {@code costflow simulate}) and a fixed seed, so the same model
 * always shows the same bands. Stateless and safe to call from any thread; a call stops early
 * (with an {@link IllegalStateException}) when its thread is interrupted.
 */
public final class BandSimulator {
  /**
   * Runs per simulation: enough for stable 5th and 95th percentiles of each hour's cost (the
   * percentiles of 50 runs interpolate between the 3rd and 4th smallest and largest values) while
   * a checkout-sized model takes well under a second (BENCHMARKS.md, "Desktop").
   */
  public static final int DEFAULT_RUNS = 50;
  /** The seed: fixed, so bands do not flicker between two simulations of the same model. */
  public static final long DEFAULT_SEED = 1;

  private final Simulator simulator;
  private final int runs;
  private final long seed;
  private final int threads;

  public BandSimulator(Estimator estimator, int runs, long seed, int threads) {
    new SimOptions(runs, seed, threads); // validates
    this.simulator = new Simulator(estimator);
    this.runs = runs;
    this.seed = seed;
    this.threads = threads;
  }

  /** 50 runs, seed 1, on all cores but one (the recompute and the window keep a core). */
  public static BandSimulator of(Estimator estimator) {
    return new BandSimulator(estimator, DEFAULT_RUNS, DEFAULT_SEED, defaultThreads());
  }

  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  public int runs() {
    return runs;
  }

  public long seed() {
    return seed;
  }

  /** Simulates the evaluation's model; the bands line up with its {@link CostCurve}'s hours and days. */
  public CostBands simulate(Evaluation.Valid ev) {
    long start = System.nanoTime();
    Simulation s = simulator.simulate(ev.model(), new SimOptions(runs, seed, threads).withCurves());
    CurveBands hourly = s.hourlyBands().orElseThrow();
    CurveBands daily = s.dailyBands().orElseThrow();
    CostCurve c = ev.curve();
    if (hourly.steps() != c.hourlyUsd().length || daily.steps() != c.dailyUsd().length) {
      // Periods start at midnight UTC, so the simulator's days are the curve's days; say so if that ever changes.
      throw new IllegalStateException("the simulated curve has " + hourly.steps() + " hours and " + daily.steps() + " days, the estimate " + c.hourlyUsd().length
          + " hours and " + c.dailyUsd().length + " days");
    }
    return new CostBands(ev, runs, seed, hourly, daily, s.totalUsd(), System.nanoTime() - start);
  }
}
