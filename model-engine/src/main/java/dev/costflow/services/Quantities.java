package dev.costflow.services;

import dev.costflow.dist.Distribution;

/**
 * How per-call quantities add up over the calls of each hour. The estimate uses {@link #EXPECTED}:
 * exact expectations (calls × E[clamp(ceil(X/g), min, max)], calls × p, calls × E[per_call]).
 * The simulator supplies an implementation that samples them. Kinds must route every per-call
 * rounding, branch and count through this interface (via {@link MeterContext#quantities()} and
 * {@link EdgeContext#quantities()}) so that both modes share one set of billing rules.
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
}
