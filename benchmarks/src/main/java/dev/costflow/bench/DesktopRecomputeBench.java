package dev.costflow.bench;

import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.Workspace;
import dev.costflow.desktop.graph.GraphLayout;
import dev.costflow.engine.Estimate;
import dev.costflow.model.Model;
import dev.costflow.yaml.YamlWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The desktop's recompute after one edit in the inspector — what runs off the UI thread between
 * a keystroke or slider step and the new numbers: set the key in the tree, read and validate the
 * model, estimate it, lay out the graph, build the breakdown and the cost curve. The target is
 * under 50 ms for a 100-service model (BENCHMARKS.md, "Desktop").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DesktopRecomputeBench {
  @Param({"100", "1000"})
  int services;

  Workspace workspace;
  List<String> memoryPath;
  int step;
  Model model;
  Estimate estimate;

  @Setup
  public void setup() {
    workspace = new Workspace(Evaluator.bundled());
    Workspace.Result r = workspace.openText(Optional.empty(), "generated.yaml", ModelGenerator.generate(services, 42));
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().toString());
    }
    memoryPath = List.of("services", "g0-front", "memory_mb");
    model = r.snapshot().orElseThrow().evaluation().model();
    estimate = r.snapshot().orElseThrow().evaluation().estimate();
  }

  /** One slider step on a function's memory: the full recompute, as the inspector triggers it. */
  @Benchmark
  public Object editMemory() {
    step++;
    Workspace.Result r = workspace.edit(memoryPath, YamlWriter.num(512 + 64 * (step % 16)), "memory", "bench");
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().toString());
    }
    return r.snapshot().orElseThrow().evaluation();
  }

  /** The graph layout alone (part of every recompute). */
  @Benchmark
  public GraphLayout layout() {
    return GraphLayout.of(model, estimate);
  }
}
