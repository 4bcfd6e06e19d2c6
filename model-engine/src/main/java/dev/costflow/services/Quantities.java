package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Traffic;

/**
 * How per-call quantities add up over the calls of each hour. The estimate uses {@link #EXPECTED}:
 * exact expectations (calls × E[clamp(ceil(X/g), min, max)], calls × p, calls × E[per_call]).
 * The simulator supplies an implementation that samples them. Kinds must route every per-call
 * rounding, branch and count through this interface (via {@link MeterContext#quantities()} and
 * {@link EdgeContext#quantities()}) so that both modes share one set of billing rules.
 *
 * <p>Besides the three sums every kind uses, the interface carries the few places where what
 * happens depends on more than one call at a time — arrivals within the hour, batches, the
 * account's concurrency limit and a function's execution environments. Their defaults are the
 * analytic estimate's formulas; the simulator replaces them with its state simulation
 * (docs/simulation.md).
 */
public interface Quantities {
  /** Exact expectations: the analytic estimate. */
  Quantities EXPECTED = new Quantities() {
    @Override
    public boolean expected() {
      return true;
    }

    @Override
    public double[] units(double[] calls, Distribution x, double g, long minUnits, long maxUnits) {
      return Arrays2.scale(calls, x.expectedUnits(g, minUnits, maxUnits));
    }

    @Override
    public double[] sum(double[] calls, Distribution perCall) {
      return Arrays2.scale(calls, perCall.mean());
    }

    @Override
    public double[] thin(double[] calls, double p) {
      return p == 1 ? calls.clone() : Arrays2.scale(calls, p);
    }
  };

  /** True for exact expectations (lets callers keep exact period totals). */
  boolean expected();

  /** Per hour: Σ over the hour's calls of clamp(ceil(X / g), minUnits, maxUnits). */
  double[] units(double[] calls, Distribution x, double g, long minUnits, long maxUnits);

  /** Per hour: Σ over the hour's calls of one draw of {@code perCall} (e.g. calls made per call). */
  double[] sum(double[] calls, Distribution perCall);

  /** Per hour: how many of the hour's calls pass a branch taken with probability p. */
  double[] thin(double[] calls, double p);

  /**
   * Per hour: a whole number of events whose expected number a kind derives by a formula (e.g.
   * the empty receives of idle pollers). The estimate keeps the expectation; the simulator rounds
   * it at random (up with probability of its fractional part), which keeps the mean.
   */
  default double[] whole(double[] expectedPerHour) {
    return expectedPerHour;
  }

  /**
   * The same quantities for one part of the model — a service's traffic, one call edge, a
   * service's meters. The simulator keys its random numbers by the scope, so two variants of a
   * model draw the same random numbers for the parts they share (common random numbers).
   */
  default Quantities scoped(String scope) {
    return this;
  }

  /**
   * Calls entering the graph through a service's traffic in each hour, given the expected calls
   * per hour laid out by the traffic's shape, schedule or series.
   */
  default double[] traffic(Traffic traffic, double[] expectedPerHour) {
    return expectedPerHour;
  }

  /**
   * Invocations per hour when an event source mapping batches records into a function, with the
   * records spread evenly over {@code streams} shards (1 for a queue). The estimate applies
   * {@link Batching#invocations} to each stream's mean rate.
   */
  default double[] batches(double[] records, int streams, double batchSize, double windowS, double busySecondsWithoutWindow, double meanRecordKb) {
    double[] perStream = Arrays2.scale(records, 1.0 / streams);
    return Arrays2.scale(Batching.invocations(perStream, batchSize, windowS, busySecondsWithoutWindow, meanRecordKb), streams);
  }

  /**
   * The calls a function admits from one edge under the account's concurrency limit, with the
   * attempts it rejected (throttles) in {@link EdgeFlow#rejected()}. The estimate admits every
   * call; the simulator throttles by the account's offered concurrency (docs/simulation.md).
   */
  default EdgeFlow admit(EdgeContext edge, EdgeFlow flow) {
    return flow;
  }

  /**
   * How a function's execution environments serve its invocations each hour: how many
   * provisioned environments serve, how many invocations start cold and their INIT units. The
   * estimate uses the analytic formulas ({@link Environments#expected}); the simulator follows
   * the warm pool, keep-alive and provisioned concurrency call by call.
   */
  default Environments environments(FunctionDemand demand) {
    return Environments.expected(demand);
  }
}
