package dev.costflow.sim;

import dev.costflow.dist.Distribution;
import dev.costflow.services.Environments;
import dev.costflow.services.FunctionDemand;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One function's execution environments over the period of one run: the warm pool with its
 * keep-alive, provisioned concurrency with spill-over, cold starts with their INIT time, and the
 * number of invocations in flight.
 *
 * <p>Hours with few invocations (where whether an environment is still warm depends on the gaps
 * between calls) are simulated call by call: each invocation arrives at its time (uniform in its
 * hour for Poisson traffic, at the firing times for scheduled traffic), takes a free provisioned
 * environment if one is enabled, else the most recently used idle environment, else starts a new
 * one cold (occupied for INIT + duration); idle environments are reclaimed after the keep-alive.
 * Busier hours use {@link PoolFormulas}, which give the same quantities from the statistics of
 * the number in flight; the pool's size is handed over between the two at hour boundaries.
 */
final class FunctionSimulation {
  /** Poisson-timed hours with at most this many invocations are simulated call by call. */
  static final int EXACT_MAX = 128;
  /** Scheduled hours with at most this many invocations are simulated call by call. */
  static final int SCHEDULED_EXACT_MAX = 50_000;

  private final FunctionDemand d;
  private final Timing timing;
  private final int limit;
  private final RandomStreams streams;
  private final long key;
  private final FunctionMetrics metrics;
  private final long exactMax;

  private final DoubleHeap busy = new DoubleHeap();
  private final DoubleHeap pcBusy = new DoubleHeap();
  private final DoubleDeque idle = new DoubleDeque();
  private double[] times = new double[64];
  private int[] order = new int[64];

  FunctionSimulation(FunctionDemand d, Timing timing, int limit, RandomStreams streams, long key, FunctionMetrics metrics) {
    this(d, timing, limit, streams, key, metrics, EXACT_MAX);
  }

  /** With another threshold for call-by-call hours (tests compare the two methods). */
  FunctionSimulation(FunctionDemand d, Timing timing, int limit, RandomStreams streams, long key, FunctionMetrics metrics, long exactMax) {
    this.exactMax = exactMax;
    this.d = d;
    this.timing = timing;
    this.limit = limit;
    this.streams = streams;
    this.key = key;
    this.metrics = metrics;
  }

  Environments run() {
    int hours = d.hours();
    double keepS = d.keepAliveMin() * 60;
    int windowHours = keepS <= 0 ? 0 : (int) Math.ceil(keepS / 3600 - 1e-12);
    int c = d.provisionedCount();
    double[] pcServed = new double[hours];
    double[] cold = new double[hours];
    double[] initUnits = new double[hours];
    double[] levels = new double[hours];
    boolean initSampled = d.initMs().mean() > 0;
    UnitLaw initLaw = initSampled ? UnitLaw.of(d.initMs(), d.granularityMs(), 0, Distribution.NO_CAP) : null;
    double timeoutMs = d.timeoutMs().orElse(Double.POSITIVE_INFINITY);
    double occupancyS = occupancyMs() / 1000.0;
    boolean exactMode = true;
    double peak = 0;
    for (int h = 0; h < hours; h++) {
      double t0 = h * 3600.0;
      double f = d.provisionedEnabledHours()[h];
      if (c > 0 && f > 0) {
        metrics.provisionedEnabledSeconds += c * f * 3600;
      }
      double x = d.invocations()[h];
      if (!(x > 0)) {
        // no calls: what is left of the pool at the hour's end (formulas: nothing new)
        levels[h] = exactMode ? warmAt(t0 + 3600, keepS) : 0;
        continue;
      }
      RandomGenerator rng = streams.at(RandomStreams.key(key, h));
      long n = Samplers.whole(x) ? (long) x : Samplers.stochasticRound(rng, x);
      metrics.invocations += n;
      boolean exact = timing.isScheduled() ? n <= Math.max(SCHEDULED_EXACT_MAX, exactMax) : n <= exactMax;
      long served;
      long coldH;
      double initH = 0;
      if (exact) {
        if (!exactMode) {
          // hand over from the formulas: the pool's environments, idle since the hour began
          long pool = historyLevel(levels, h, windowHours);
          busy.clear();
          pcBusy.clear();
          idle.clear();
          for (long i = 0; i < pool; i++) {
            idle.pushTop(t0);
          }
          exactMode = true;
        }
        fillTimes(rng, h, n);
        served = 0;
        coldH = 0;
        double pcEnd = t0 + f * 3600;
        for (int i = 0; i < n; i++) {
          double t = times[i];
          while (busy.size() > 0 && busy.peek() <= t) {
            idle.pushTop(busy.pop());
          }
          while (pcBusy.size() > 0 && pcBusy.peek() <= t) {
            pcBusy.pop();
          }
          while (idle.size() > 0 && idle.bottom() < t - keepS) {
            idle.popBottom();
          }
          double dur = Math.min(d.durationMs().sample(rng), timeoutMs) / 1000.0;
          double init = initSampled ? d.initMs().sample(rng) : 0;
          if (c > 0 && t < pcEnd && pcBusy.size() < c) {
            pcBusy.push(t + dur);
            served++;
            metrics.provisionedBusySeconds += dur;
          } else if (idle.size() > 0) {
            idle.popTop();
            busy.push(t + dur);
          } else {
            coldH++;
            if (initSampled) {
              initH += initLaw.units(init);
            }
            busy.push(t + dur + init / 1000.0);
          }
          peak = Math.max(peak, busy.size() + pcBusy.size());
        }
        levels[h] = warmAt(t0 + 3600, keepS);
        metrics.exactHours++;
      } else {
        long prevPool = exactMode ? warmAt(t0, keepS) : historyLevel(levels, h, windowHours);
        exactMode = false;
        double lambda = n / 3600.0;
        double a = lambda * occupancyS;
        served = 0;
        if (c > 0 && f > 0) {
          // the provisioned environments are a loss system: a call finding all c busy spills over
          double share = Math.min(1, f * (1 - ErlangB.blocking(c, a)));
          served = Samplers.binomial(rng, n, share);
          metrics.provisionedBusySeconds += served * occupancyS;
        }
        long onDemand = n - served;
        long base = c > 0 && f >= 0.5 ? c : 0;
        long level;
        double perSecond;
        if (keepS <= 0) {
          level = 0;
          perSecond = onDemand / 3600.0; // nothing is kept: every on-demand call starts cold
        } else {
          level = Math.max(0, PoolFormulas.medianMax(lambda, a, base, keepS) - base);
          perSecond = c > 0 && f > 0
              ? f * PoolFormulas.coldPerSecond(lambda, a, c, keepS) + (1 - f) * PoolFormulas.coldPerSecond(lambda, a, 0, keepS)
              : PoolFormulas.coldPerSecond(lambda, a, 0, keepS);
        }
        long growth = Math.max(0, level - prevPool);
        long churn = Samplers.poissonInversion(rng.nextDouble(), perSecond * 3600);
        coldH = Math.min(onDemand, churn + growth);
        double hourMax = PoolFormulas.quantileOfMax(lambda, a, 0, 3600, rng.nextDouble());
        peak = Math.max(peak, Math.min(n, hourMax));
        if (initSampled) {
          initH = initLaw.sum(rng, coldH);
        }
        levels[h] = level;
        metrics.aggregateHours++;
      }
      if (d.coldStartRate().isPresent()) {
        // the model gives the share of cold starts: it replaces the measured one
        coldH = Samplers.binomial(rng, n - served, d.coldStartRate().get());
        initH = initSampled ? initLaw.sum(rng, coldH) : 0;
      }
      pcServed[h] = served;
      cold[h] = coldH;
      initUnits[h] = initH;
      metrics.coldStarts += coldH;
      if (d.initBilled()) {
        metrics.initBilledMs += initH * d.granularityMs();
      }
    }
    metrics.peakConcurrency = Math.max(metrics.peakConcurrency, Math.min(limit, peak));
    return new Environments(pcServed, cold, initUnits);
  }

  /** Mean time an invocation occupies its environment, ms: E[min(D, timeout)]. */
  private double occupancyMs() {
    if (d.timeoutMs().isEmpty()) {
      return d.durationMs().mean();
    }
    double t = d.timeoutMs().get();
    double step = t / 4096;
    double acc = 0;
    for (int i = 0; i < 4096; i++) {
      acc += d.durationMs().survival((i + 0.5) * step);
    }
    return acc * step;
  }

  /** Warm on-demand environments at time t (busy, or idle within the keep-alive). */
  private long warmAt(double t, double keepS) {
    while (busy.size() > 0 && busy.peek() <= t) {
      idle.pushTop(busy.pop());
    }
    while (idle.size() > 0 && idle.bottom() < t - keepS) {
      idle.popBottom();
    }
    return busy.size() + idle.size();
  }

  /** The pool carried into hour h: the largest level of the hours within the keep-alive. */
  private static long historyLevel(double[] levels, int h, int windowHours) {
    double m = 0;
    for (int k = 1; k <= windowHours && h - k >= 0; k++) {
      m = Math.max(m, levels[h - k]);
    }
    return (long) m;
  }

  /** The arrival times of the hour's n calls, ascending, into {@code times}. */
  private void fillTimes(RandomGenerator rng, int h, long n) {
    int count = (int) n;
    if (times.length < count + 1) {
      times = new double[Math.max(count + 1, times.length * 2)];
    }
    double t0 = h * 3600.0;
    if (timing.isScheduled() && timing.firings(h) > 0) {
      int firings = timing.firings(h);
      int first = timing.firstOfHour()[h];
      long each = n / firings;
      int extra = (int) (n % firings);
      // the calls left over go to firings chosen at random
      if (order.length < firings) {
        order = new int[Math.max(firings, order.length * 2)];
      }
      for (int i = 0; i < firings; i++) {
        order[i] = 0;
      }
      if (extra > 0) {
        int[] idx = new int[firings];
        for (int i = 0; i < firings; i++) {
          idx[i] = i;
        }
        for (int i = 0; i < extra; i++) {
          int j = i + rng.nextInt(firings - i);
          int tmp = idx[i];
          idx[i] = idx[j];
          idx[j] = tmp;
          order[idx[i]] = 1;
        }
      }
      int k = 0;
      double spread = timing.spreadS();
      for (int i = 0; i < firings; i++) {
        long calls = each + order[i];
        double at = timing.firingSeconds()[first + i];
        for (long j = 0; j < calls; j++) {
          times[k++] = spread > 0 ? at + spread * rng.nextDouble() : at;
        }
      }
      if (spread > 0) {
        java.util.Arrays.sort(times, 0, count);
      }
      return;
    }
    // n uniform times in the hour, sorted: normalized partial sums of n + 1 exponential spacings
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += -Math.log1p(-rng.nextDouble());
      times[i] = s;
    }
    s += -Math.log1p(-rng.nextDouble());
    double scale = 3600.0 / s;
    for (int i = 0; i < count; i++) {
      times[i] = t0 + times[i] * scale;
    }
  }
}
