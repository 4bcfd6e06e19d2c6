package dev.costflow.sim;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.Propagator;
import dev.costflow.engine.ServiceCost;
import dev.costflow.engine.Workload;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.Service;
import dev.costflow.services.LambdaKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Monte Carlo simulation of a model's period (docs/simulation.md). Each run samples the period —
 * arrivals in each hour, every call's duration and payload, fan-out, branches, errors and
 * retries, batches, the warm pools of functions and the account's concurrency limit — through
 * the engine's own billing rules (a sampling {@link dev.costflow.services.Quantities} passed to
 * {@link Propagator} and {@link Estimator#price(Model, Workload, dev.costflow.services.Quantities)}),
 * and prices its whole-number usage with the same pricer as the estimate. Runs are independent,
 * seeded from (seed, run), executed in parallel and summarized in run order, so the result does
 * not depend on the number of threads.
 */
public final class Simulator {
  private final Estimator estimator;

  public Simulator(Estimator estimator) {
    this.estimator = estimator;
  }

  public static Simulator bundled() {
    return new Simulator(Estimator.bundled());
  }

  public Estimator estimator() {
    return estimator;
  }

  /**
   * Simulates {@code options.runs()} periods of the model. Interrupting the calling thread stops
   * the simulation between runs with an {@link IllegalStateException} (the desktop app cancels a
   * simulation of a model that was edited meanwhile).
   */
  public Simulation simulate(Model model, SimOptions options) {
    SimPlan plan = new SimPlan(model, estimator);
    RunResult[] runs = new RunResult[options.runs()];
    parallel(options, i -> runs[i] = run(plan, options.seed(), i, options.curves()));
    return summarize(plan, options, runs);
  }

  /** Simulates two models with common random numbers and measures head − base run by run. */
  public Comparison compare(Model base, Model head, SimOptions options) {
    SimPlan pb = new SimPlan(base, estimator);
    SimPlan ph = new SimPlan(head, estimator);
    RunResult[] rb = new RunResult[options.runs()];
    RunResult[] rh = new RunResult[options.runs()];
    parallel(options, i -> {
      rb[i] = run(pb, options.seed(), i, options.curves());
      rh[i] = run(ph, options.seed(), i, options.curves());
      return null;
    });
    Simulation sb = summarize(pb, options, rb);
    Simulation sh = summarize(ph, options, rh);
    BigDecimal[] delta = new BigDecimal[rb.length];
    for (int i = 0; i < rb.length; i++) {
      delta[i] = rh[i].totalUsd().subtract(rb[i].totalUsd());
    }
    BigDecimal independent = sb.totalUsd().sd().pow(2).add(sh.totalUsd().sd().pow(2)).sqrt(MathContext.DECIMAL128);
    List<Comparison.ServiceDelta> services = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Service s : base.services()) {
      types.put(s.id(), s.type());
    }
    for (Service s : head.services()) {
      types.putIfAbsent(s.id(), s.type());
    }
    for (Map.Entry<String, String> e : types.entrySet()) {
      String id = e.getKey();
      int ib = rb[0].indexOf(id);
      int ih = rh[0].indexOf(id);
      BigDecimal[] d = new BigDecimal[rb.length];
      for (int i = 0; i < rb.length; i++) {
        BigDecimal hb = ib >= 0 ? rb[i].costUsd()[ib] : BigDecimal.ZERO;
        BigDecimal hh = ih >= 0 ? rh[i].costUsd()[ih] : BigDecimal.ZERO;
        d[i] = hh.subtract(hb);
      }
      String status = ib < 0 ? "added" : ih < 0 ? "removed" : "kept";
      Optional<MoneyStats> bs = sb.service(id).map(ServiceStats::costUsd);
      Optional<MoneyStats> hs = sh.service(id).map(ServiceStats::costUsd);
      services.add(new Comparison.ServiceDelta(id, e.getValue(), status, bs, hs, MoneyStats.of(d)));
    }
    return new Comparison(sb, sh, MoneyStats.of(delta), MoneyStats.strip(independent), services);
  }

  /** One run: propagate and price the model with sampling quantities seeded from (seed, run). */
  static RunResult run(SimPlan plan, long seed, int run) {
    return run(plan, seed, run, false);
  }

  static RunResult run(SimPlan plan, long seed, int run, boolean curve) {
    SimRun r = new SimRun(plan, seed, run);
    SimQuantities q = r.root();
    Workload w = Propagator.propagate(plan.model, q);
    Estimate e = plan.estimator.price(plan.model, w, q);
    List<Service> services = plan.model.services();
    int n = services.size();
    List<String> ids = new ArrayList<>(n);
    BigDecimal[] cost = new BigDecimal[n];
    double[] calls = new double[n];
    RunResult.FunctionRun[] functions = new RunResult.FunctionRun[n];
    for (int i = 0; i < n; i++) {
      ServiceCost sc = e.services().get(i);
      ids.add(sc.id());
      cost[i] = sc.costUsd();
      calls[i] = sc.calls();
      Service s = services.get(i);
      if (s.kind() instanceof LambdaKind) {
        FunctionMetrics m = r.functions().getOrDefault(s.id(), new FunctionMetrics());
        functions[i] = new RunResult.FunctionRun(sc.calls(), m.coldStarts, m.initBilledMs, m.throttles, m.peakConcurrency, m.provisionedUtilization(),
            m.exactHours, m.aggregateHours);
      }
    }
    return new RunResult(run, e.totalUsd(), List.copyOf(ids), cost, calls, functions, curve ? e.hourlyCostUsd() : null);
  }

  private static Simulation summarize(SimPlan plan, SimOptions options, RunResult[] runs) {
    Model model = plan.model;
    int n = runs.length;
    BigDecimal[] totals = new BigDecimal[n];
    double[] accountThrottles = new double[n];
    for (int i = 0; i < n; i++) {
      totals[i] = runs[i].totalUsd();
    }
    List<ServiceStats> services = new ArrayList<>();
    for (int si = 0; si < model.services().size(); si++) {
      Service s = model.services().get(si);
      BigDecimal[] cost = new BigDecimal[n];
      double[] calls = new double[n];
      for (int i = 0; i < n; i++) {
        cost[i] = runs[i].costUsd()[si];
        calls[i] = runs[i].calls()[si];
      }
      Optional<FunctionStats> fs = Optional.empty();
      if (runs[0].functions()[si] != null) {
        double[] inv = new double[n];
        double[] cold = new double[n];
        double[] init = new double[n];
        double[] thr = new double[n];
        double[] peak = new double[n];
        double[] util = new double[n];
        double exact = 0;
        double busyHours = 0;
        boolean pc = false;
        for (int i = 0; i < n; i++) {
          RunResult.FunctionRun f = runs[i].functions()[si];
          inv[i] = f.invocations();
          cold[i] = f.coldStarts();
          init[i] = f.initBilledMs();
          thr[i] = f.throttles();
          peak[i] = f.peakConcurrency();
          util[i] = f.provisionedUtilization();
          pc |= !Double.isNaN(f.provisionedUtilization());
          accountThrottles[i] += f.throttles();
          exact += f.callByCallHours();
          busyHours += f.callByCallHours() + f.formulaHours();
        }
        fs = Optional.of(new FunctionStats(Stats.of(inv), Stats.of(cold), Stats.of(init), Stats.of(thr), Stats.of(peak),
            pc ? Optional.of(Stats.of(Arrays.stream(util).map(u -> Double.isNaN(u) ? 0 : u).toArray())) : Optional.empty(),
            busyHours > 0 ? exact / busyHours : 1));
      }
      services.add(new ServiceStats(s.id(), s.type(), Stats.of(calls), MoneyStats.of(cost), fs));
    }
    List<Diagnostic> warnings = new ArrayList<>(model.warnings());
    return new Simulation(model, plan.estimate.asOf(), options, plan.estimate, MoneyStats.of(totals), services, Stats.of(accountThrottles),
        plan.throttledHours, List.of(runs), warnings);
  }

  /** Runs {@code task(i)} for every run index on {@code options.threads()} threads; rethrows the first failure. */
  private static void parallel(SimOptions options, IntFunction<Object> task) {
    int threads = Math.min(options.threads(), options.runs());
    if (threads <= 1) {
      for (int i = 0; i < options.runs(); i++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("simulation interrupted");
        }
        task.apply(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "costflow-simulate");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < options.runs() && !Thread.currentThread().isInterrupted(); i = next.getAndIncrement()) {
            task.apply(i);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          next.set(Integer.MAX_VALUE / 2);
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
