package dev.costflow.services;

import dev.costflow.dist.Distribution;
import java.util.Optional;

/**
 * Builds a metered quantity that is linear in calls: Σ factor × calls, kept both per hour and as
 * an exact period total (factor × the compensated sum of each array), so round inputs give round
 * totals (1,000 calls × 3 chunks is 3,000, not 2,999.9999999999995).
 */
public final class Accumulator {
  private final double[] hourly;
  private double total;
  private double compensation;

  public Accumulator(int hours) {
    this.hourly = new double[hours];
  }

  public Accumulator add(double[] perHour, double factor) {
    Arrays2.addInto(hourly, perHour, factor);
    addTotal(factor * Arrays2.sum(perHour));
    return this;
  }

  /**
   * Adds the billed units of calls whose per-call quantity X is rounded up to increments of g
   * (at least minUnits, at most maxUnits), times {@code factor}: exact expectations when
   * {@code q} is expected, else the sampled units.
   */
  public Accumulator addUnits(Quantities q, double[] calls, Distribution x, double g, long minUnits, long maxUnits, double factor) {
    if (q.expected()) {
      return add(calls, factor * x.expectedUnits(g, minUnits, maxUnits));
    }
    return add(q.units(calls, x, g, minUnits, maxUnits), factor);
  }

  /**
   * Adds Σ over calls of one draw of {@code perCall} (a per-call count or size that is summed, not
   * rounded), times {@code factor}: calls × E[perCall] when {@code q} is expected, else the sampled sums.
   */
  public Accumulator addSum(Quantities q, double[] calls, Distribution perCall, double factor) {
    if (q.expected()) {
      return add(calls, factor * perCall.mean());
    }
    return add(q.sum(calls, perCall), factor);
  }

  /** Adds the calls that pass a branch taken with probability p, times {@code factor}. */
  public Accumulator addThinned(Quantities q, double[] calls, double p, double factor) {
    if (q.expected()) {
      return add(calls, factor * p);
    }
    return add(q.thin(calls, p), factor);
  }

  private void addTotal(double v) {
    double t = total + v;
    if (Math.abs(total) >= Math.abs(v)) {
      compensation += (total - t) + v;
    } else {
      compensation += (v - t) + total;
    }
    total = t;
  }

  public double total() {
    return total + compensation;
  }

  public double[] hourly() {
    return hourly;
  }

  public MeteredLine line(String meter, String meterId, String detail) {
    return new MeteredLine(meter, meterId, Math.max(0, total()), Optional.of(hourly), true, detail);
  }
}
