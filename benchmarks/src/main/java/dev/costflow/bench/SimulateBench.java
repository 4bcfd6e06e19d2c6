package dev.costflow.bench;

import dev.costflow.dist.CeilSums;
import dev.costflow.dist.LogNormal;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.sim.ServiceStats;
import dev.costflow.sim.SimOptions;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well512a;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulated calls per second on one core, beside a floor: a plain loop that only samples the
 * same log-normal durations and rounds them up to 1 ms (what simulating every call would cost at
 * the very least).
 *
 * <ul>
 *   <li>{@code target}: the target model — a month of 100 M calls through 20 services
 *       (2 groups of an HTTP API, 5 functions, a table, a topic and 2 queues), diurnal traffic;
 *   <li>{@code quiet}: 20 functions called about 60 times an hour, so every hour is simulated
 *       call by call (the warm pool's state machine).
 * </ul>
 *
 * The counters {@code calls} (calls into every service: requests, invocations, messages …) and
 * {@code entryCalls} (calls entering the model) are reported per second; the score is runs per
 * second. Each invocation simulates 10 runs on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class SimulateBench {
  static final int RUNS_PER_INVOCATION = 10;

  Model target;
  Model quiet;
  Simulator simulator;
  long seed;

  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Calls {
    public double calls;
    public double entryCalls;

    @Setup(Level.Iteration)
    public void reset() {
      calls = 0;
      entryCalls = 0;
    }
  }

  @Setup
  public void setup() {
    target = ModelReader.read(ModelGenerator.generate(20, 42, 50_000_000), "target.yaml", Path.of("."), List.of(), Optional.empty());
    StringBuilder q = new StringBuilder("costflow: 1\nname: quiet\nperiod: 2025-11\npricing: {as_of: 2025-11-01}\nservices:\n");
    for (int i = 0; i < 20; i++) {
      q.append("  f").append(i).append(":\n    type: aws.lambda\n    duration_ms: {lognormal: {p50: 120, p99: 900}}\n    init_ms: 400\n")
          .append("    traffic: {hourly: ").append(40 + 2 * i).append(", shape: diurnal, peak_to_mean: 1.5}\n");
    }
    quiet = ModelReader.read(q.toString(), "quiet.yaml", Path.of("."), List.of(), Optional.empty());
    simulator = Simulator.bundled();
  }

  private Simulation simulate(Model m, Calls c) {
    Simulation s = simulator.simulate(m, new SimOptions(RUNS_PER_INVOCATION, ++seed, 1));
    for (ServiceStats ss : s.services()) {
      c.calls += ss.calls().mean() * RUNS_PER_INVOCATION;
    }
    for (var svc : m.services()) {
      if (svc.traffic().isPresent()) {
        c.entryCalls += s.service(svc.id()).orElseThrow().calls().mean() * RUNS_PER_INVOCATION;
      }
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(RUNS_PER_INVOCATION)
  public Simulation target(Calls c) {
    return simulate(target, c);
  }

  @Benchmark
  @OperationsPerInvocation(RUNS_PER_INVOCATION)
  public Simulation quiet(Calls c) {
    return simulate(quiet, c);
  }

  /** The floor: draw a log-normal duration and round it up to 1 ms, per call. */
  @State(Scope.Thread)
  public static class Floor {
    final RandomGenerator rng = new Well512a(42);
    final LogNormal duration = LogNormal.ofPercentiles(120, 900);
  }

  static final int FLOOR_CALLS = 1_000_000;

  @Benchmark
  @OperationsPerInvocation(FLOOR_CALLS)
  public long floorSampleAndRound(Floor f) {
    long units = 0;
    for (int i = 0; i < FLOOR_CALLS; i++) {
      units += CeilSums.ceilUnits(f.duration.sample(f.rng), 1);
    }
    return units;
  }
}
