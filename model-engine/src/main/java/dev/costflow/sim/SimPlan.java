package dev.costflow.sim;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.Propagator;
import dev.costflow.engine.Workload;
import dev.costflow.model.Call;
import dev.costflow.model.Model;
import dev.costflow.model.Service;
import dev.costflow.model.Traffic;
import dev.costflow.services.Inflow;
import dev.costflow.services.Invocation;
import dev.costflow.services.LambdaKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every run of one model shares, computed once: the analytic estimate (and the expected
 * workload it came from), when each service's calls happen within the hour, and the share of
 * calls the account's concurrency limit turns away in each hour.
 */
final class SimPlan {
  final Model model;
  final Estimator estimator;
  final Workload expected;
  final Estimate estimate;
  final Map<String, Timing> timing;
  /** Share of attempts throttled in each hour; null when the limit is never reached. */
  final double[] blocking;
  /** Hours in which the offered concurrency reaches the limit (blocking above 10⁻⁶). */
  final int throttledHours;

  SimPlan(Model model, Estimator estimator) {
    this.model = model;
    this.estimator = estimator;
    this.expected = Propagator.propagate(model);
    this.estimate = estimator.price(model, expected);
    this.timing = timings(model);
    this.blocking = blocking(model, expected);
    int n = 0;
    if (blocking != null) {
      for (double b : blocking) {
        if (b > 1e-6) {
          n++;
        }
      }
    }
    this.throttledHours = n;
  }

  Timing timing(String serviceId) {
    return timing.getOrDefault(serviceId, Timing.POISSON);
  }

  double blocking(int hour) {
    return blocking == null ? 0 : blocking[hour];
  }

  // ------------------------------------------------------------------ timing

  /**
   * Services reached only by schedule traffic are called at the schedules' firing times; calls
   * made by a function are spread over its mean duration after the firing (the sum of the mean
   * durations of the functions on the way). A queue or stream consumed through an event source
   * mapping delivers at the mapping's own pace: its consumers count as Poisson-timed.
   */
  private static Map<String, Timing> timings(Model model) {
    final String poisson = "\u0000poisson";
    Map<String, Set<String>> origins = new HashMap<>();
    Map<String, Double> spread = new HashMap<>();
    ArrayDeque<String[]> todo = new ArrayDeque<>(); // {service, origin}
    for (Service s : model.services()) {
      if (s.traffic().isPresent()) {
        boolean scheduled = s.traffic().get().rate() instanceof Traffic.ScheduleRate;
        todo.add(new String[] {s.id(), scheduled ? s.id() : poisson});
        spread.put(s.id(), 0.0);
      }
    }
    while (!todo.isEmpty()) {
      String[] at = todo.poll();
      String id = at[0];
      String origin = at[1];
      if (!origins.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(origin)) {
        continue;
      }
      Service s = model.service(id).orElseThrow();
      double next = spread.getOrDefault(id, 0.0) + (s.kind() instanceof LambdaKind ? s.spec(LambdaKind.Spec.class).durationMs().mean() / 1000.0 : 0);
      for (Call c : s.calls()) {
        Service t = model.service(c.to()).orElseThrow();
        boolean polled = invocation(s, c, t) == Invocation.POLL;
        spread.merge(t.id(), next, Math::max);
        todo.add(new String[] {t.id(), polled ? poisson : origin});
      }
    }
    Map<String, Timing> out = new HashMap<>();
    int hours = model.period().hours();
    for (Map.Entry<String, Set<String>> e : origins.entrySet()) {
      if (e.getValue().contains(poisson)) {
        continue;
      }
      List<long[]> firings = new ArrayList<>();
      for (String src : e.getValue()) {
        Traffic t = model.service(src).orElseThrow().traffic().orElseThrow();
        Traffic.ScheduleRate sr = (Traffic.ScheduleRate) t.rate();
        firings.add(sr.schedule().firingMinutes(model.period().start(), hours, t.zone()));
      }
      out.put(e.getKey(), Timing.scheduled(merge(firings), hours, spread.getOrDefault(e.getKey(), 0.0)));
    }
    return out;
  }

  /** How a call invokes its target (the same rule as {@link dev.costflow.services.EdgeContext#invocation()}). */
  static Invocation invocation(Service source, Call c, Service target) {
    String op = c.op().orElse(target.kind().defaultOp());
    if (op.equals("sync")) {
      return Invocation.SYNC;
    }
    if (op.equals("async")) {
      return Invocation.ASYNC;
    }
    return source.kind().invocationInto(target);
  }

  private static long[] merge(List<long[]> lists) {
    int n = 0;
    for (long[] l : lists) {
      n += l.length;
    }
    long[] all = new long[n];
    int i = 0;
    for (long[] l : lists) {
      System.arraycopy(l, 0, all, i, l.length);
      i += l.length;
    }
    java.util.Arrays.sort(all);
    return all;
  }

  // ------------------------------------------------------------------ throttling

  /**
   * The share of attempts the account's concurrency limit turns away in each hour: the Erlang loss
   * formula over all functions' offered on-demand concurrency (provisioned environments are
   * reserved out of the limit and serve their share first), solved together with the retries the
   * throttles cause — throttled async events and queue/stream batches are retried until they run,
   * throttled synchronous calls from a function are retried {@code limits.sync_retries} times and
   * those from other callers fail at once. Null when no hour comes near the limit.
   */
  static double[] blocking(Model model, Workload w) {
    int hours = model.period().hours();
    int limit = model.limits().concurrency();
    int syncRetries = model.limits().syncRetries();
    List<double[]> perClass = new ArrayList<>(); // offered spill-over concurrency of each (function, retry class)
    List<Integer> classRetries = new ArrayList<>(); // retries of the class; -1 = until admitted
    double[] reserved = new double[hours];
    for (Service s : model.services()) {
      if (!(s.kind() instanceof LambdaKind)) {
        continue;
      }
      LambdaKind.Spec spec = s.spec(LambdaKind.Spec.class);
      double[] inv = w.load(s.id()).calls();
      double occupancyS = occupancyMs(spec) / 1000.0;
      double[] enabled = LambdaKind.provisionedEnabledHours(spec, inv);
      int pc = spec.provisioned().map(LambdaKind.Provisioned::count).orElse(0);
      double[] spill = new double[hours];
      for (int h = 0; h < hours; h++) {
        double a = inv[h] / 3600.0 * occupancyS;
        double pcPart = pc > 0 && enabled[h] > 0 ? enabled[h] * a * (1 - ErlangB.blocking(pc, a)) : 0;
        spill[h] = Math.max(0, a - pcPart);
        reserved[h] += pc * enabled[h];
      }
      Map<Integer, double[]> shares = new HashMap<>();
      for (Inflow f : w.load(s.id()).inflows()) {
        int r = f.invocation() == Invocation.SYNC
            ? (model.service(f.from()).map(src -> src.kind() instanceof LambdaKind).orElse(false) ? syncRetries : 0)
            : -1;
        double[] share = shares.computeIfAbsent(r, k -> new double[hours]);
        for (int h = 0; h < hours; h++) {
          if (inv[h] > 0) {
            share[h] += spill[h] * f.calls()[h] / inv[h];
          }
        }
      }
      for (Map.Entry<Integer, double[]> e : shares.entrySet()) {
        perClass.add(e.getValue());
        classRetries.add(e.getKey());
      }
    }
    if (perClass.isEmpty()) {
      return null;
    }
    double[] b = new double[hours];
    boolean any = false;
    for (int h = 0; h < hours; h++) {
      long c = (long) Math.floor(limit - reserved[h] + 1e-9);
      double offered = 0;
      for (double[] a : perClass) {
        offered += a[h];
      }
      if (offered <= 0) {
        continue;
      }
      double bh = ErlangB.blocking(c, offered);
      for (int it = 0; it < 500 && bh > 0 && bh < 1; it++) {
        double total = 0;
        for (int i = 0; i < perClass.size(); i++) {
          total += perClass.get(i)[h] * attemptsPerCall(bh, classRetries.get(i));
        }
        double next = ErlangB.blocking(c, total);
        if (Math.abs(next - bh) < 1e-13) {
          bh = next;
          break;
        }
        bh = next;
      }
      b[h] = bh;
      any |= bh > 0;
    }
    return any ? b : null;
  }

  /** Attempts per call when each attempt is throttled with probability b and retried r times (r &lt; 0: until admitted). */
  static double attemptsPerCall(double b, int r) {
    double bb = Math.min(b, 1 - 1e-9);
    if (r < 0) {
      return 1 / (1 - bb);
    }
    return (1 - Math.pow(bb, r + 1)) / (1 - bb);
  }

  /** Mean time an invocation occupies its environment, ms: E[min(D, timeout)]. */
  static double occupancyMs(LambdaKind.Spec s) {
    if (s.timeoutMs().isEmpty()) {
      return s.durationMs().mean();
    }
    double t = s.timeoutMs().get();
    double step = t / 4096;
    // E[min(D, T)] = ∫_0^T P(D > x) dx, by the midpoint rule
    double acc = 0;
    for (int i = 0; i < 4096; i++) {
      acc += s.durationMs().survival((i + 0.5) * step);
    }
    return acc * step;
  }
}
