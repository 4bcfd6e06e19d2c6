package dev.costflow.sim;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Traffic;
import dev.costflow.services.EdgeContext;
import dev.costflow.services.EdgeFlow;
import dev.costflow.services.Environments;
import dev.costflow.services.FunctionDemand;
import dev.costflow.services.Invocation;
import dev.costflow.services.LambdaKind;
import dev.costflow.services.Quantities;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The simulator's {@link Quantities}: every per-call sum is drawn, hour by hour, from its exact
 * distribution (or its normal law where {@link UnitLaw} says so), in whole numbers. Each scope
 * (a service's traffic, an edge, a service's meters) numbers its operations; operation k of a
 * scope draws hour h's numbers from the stream (run, scope, k, h).
 */
final class SimQuantities implements Quantities {
  private final SimRun run;
  private final long scopeKey;
  private int op;

  SimQuantities(SimRun run, long scopeKey) {
    this.run = run;
    this.scopeKey = scopeKey;
  }

  @Override
  public boolean expected() {
    return false;
  }

  @Override
  public Quantities scoped(String scope) {
    return new SimQuantities(run, RandomStreams.key(run.key, scope));
  }

  private long nextOp() {
    return RandomStreams.key(scopeKey, op++);
  }

  private RandomGenerator rng(long opKey, int hour) {
    return run.streams.at(RandomStreams.key(opKey, hour));
  }

  /** A whole count from an hourly value (values that are not whole are rounded at random, unbiased). */
  private long count(double x, long opKey, int h) {
    if (!(x > 0)) {
      return 0;
    }
    if (Samplers.whole(x)) {
      return (long) x;
    }
    return Samplers.stochasticRound(run.streams.at(RandomStreams.key(RandomStreams.key(opKey, h), "round")), x);
  }

  @Override
  public double[] units(double[] calls, Distribution x, double g, long minUnits, long maxUnits) {
    long opKey = nextOp();
    UnitLaw law = UnitLaw.of(x, g, minUnits, maxUnits);
    double[] out = new double[calls.length];
    for (int h = 0; h < calls.length; h++) {
      long n = count(calls[h], opKey, h);
      if (n == 0) {
        continue;
      }
      out[h] = law.constant >= 0 ? (double) n * law.constant : law.sum(rng(opKey, h), n);
    }
    return out;
  }

  @Override
  public double[] sum(double[] calls, Distribution perCall) {
    long opKey = nextOp();
    double[] out = new double[calls.length];
    boolean wholeFixed = perCall instanceof dev.costflow.dist.Fixed f && f.value() == Math.rint(f.value());
    CountLaw law = wholeFixed ? null : CountLaw.of(perCall);
    for (int h = 0; h < calls.length; h++) {
      long n = count(calls[h], opKey, h);
      if (n == 0) {
        continue;
      }
      out[h] = wholeFixed ? (double) n * perCall.mean() : law.sum(rng(opKey, h), n);
    }
    return out;
  }

  @Override
  public double[] thin(double[] calls, double p) {
    long opKey = nextOp();
    double[] out = new double[calls.length];
    for (int h = 0; h < calls.length; h++) {
      long n = count(calls[h], opKey, h);
      if (n == 0) {
        continue;
      }
      out[h] = p >= 1 ? n : p <= 0 ? 0 : Samplers.binomial(rng(opKey, h), n, p);
    }
    return out;
  }

  @Override
  public double[] whole(double[] expectedPerHour) {
    long opKey = nextOp();
    double[] out = new double[expectedPerHour.length];
    for (int h = 0; h < out.length; h++) {
      out[h] = count(expectedPerHour[h], opKey, h);
    }
    return out;
  }

  /**
   * Shaped rates (monthly, daily, hourly, rps) arrive as a Poisson count around each hour's
   * expected calls; schedules fire exactly as often as they fire; a series' counts are what was
   * observed (rounded at random when not whole).
   */
  @Override
  public double[] traffic(Traffic traffic, double[] expectedPerHour) {
    long opKey = nextOp();
    double[] out = new double[expectedPerHour.length];
    boolean poisson = !(traffic.rate() instanceof Traffic.ScheduleRate) && !(traffic.rate() instanceof Traffic.Series);
    for (int h = 0; h < out.length; h++) {
      double x = expectedPerHour[h];
      if (!(x > 0)) {
        continue;
      }
      out[h] = poisson ? Samplers.poisson(rng(opKey, h), x) : count(x, opKey, h);
    }
    return out;
  }

  @Override
  public double[] batches(double[] records, int streams, double batchSize, double windowS, double busySecondsWithoutWindow, double meanRecordKb) {
    long opKey = nextOp();
    double cap = batchSize;
    if (meanRecordKb > 0) {
      cap = Math.min(cap, Math.max(1, Math.floor(dev.costflow.services.Batching.INVOKE_PAYLOAD_KB / meanRecordKb)));
    }
    double[] out = new double[records.length];
    for (int h = 0; h < out.length; h++) {
      long n = count(records[h], opKey, h);
      if (n == 0) {
        continue;
      }
      out[h] = BatchLaw.sample(rng(opKey, h), n, Math.max(1, streams), cap, windowS, busySecondsWithoutWindow);
    }
    return out;
  }

  /**
   * Throttles: in hours where the account's offered concurrency reaches the limit, each attempt
   * into a function is turned away with the hour's blocking probability. Async events and
   * queue/stream batches are retried until they run; a synchronous call from a function is
   * retried {@code limits.sync_retries} times and then fails, one from any other caller fails at
   * once (the caller's client sees the error).
   */
  @Override
  public EdgeFlow admit(EdgeContext edge, EdgeFlow flow) {
    if (run.plan.blocking == null || !(edge.target().kind() instanceof LambdaKind)) {
      return flow;
    }
    long opKey = nextOp();
    int retries = flow.invocation() == Invocation.SYNC ? (edge.source().kind() instanceof LambdaKind ? edge.model().limits().syncRetries() : 0) : -1;
    double[] calls = flow.calls();
    int hours = calls.length;
    double[] executed = new double[hours];
    double[] items = flow.items().clone();
    double[] rejected = new double[hours];
    double throttles = 0;
    for (int h = 0; h < hours; h++) {
      long n = count(calls[h], opKey, h);
      executed[h] = n;
      double b = run.plan.blocking(h);
      if (n == 0 || b <= 0) {
        continue;
      }
      RandomGenerator r = rng(opKey, h);
      long turnedAway = 0;
      long round = Samplers.binomial(r, n, b);
      turnedAway += round;
      if (retries >= 0) {
        for (int k = 0; k < retries && round > 0; k++) {
          round = Samplers.binomial(r, round, b);
          turnedAway += round;
        }
        executed[h] = n - round; // the last round's rejections fail
        if (calls[h] > 0) {
          items[h] = items[h] * executed[h] / calls[h];
        }
      } else {
        for (int k = 0; k < 100_000 && round > 0; k++) {
          round = Samplers.binomial(r, round, b);
          turnedAway += round;
        }
      }
      rejected[h] = turnedAway;
      throttles += turnedAway;
    }
    run.metrics(edge.target().id()).throttles += throttles;
    return new EdgeFlow(executed, items, flow.kb(), flow.op(), flow.invocation(), throttles > 0 ? rejected : EdgeFlow.NONE);
  }

  @Override
  public Environments environments(FunctionDemand demand) {
    String id = demand.function().id();
    FunctionSimulation sim = new FunctionSimulation(demand, run.plan.timing(id), run.plan.model.limits().concurrency(), run.streams,
        RandomStreams.key(scopeKey, "environments"), run.metrics(id));
    return sim.run();
  }
}
