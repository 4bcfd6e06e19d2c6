package dev.costflow.bench;

import dev.costflow.dist.LogNormal;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.Propagator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import java.nio.file.Path;
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
 * The estimate pipeline on a generated model with diurnal traffic over a calendar month:
 * read (parse + validate), propagate, the whole estimate, and the exact rounding of one
 * log-normal duration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EstimateBench {
  @Param({"100", "1000"})
  int services;

  String yaml;
  Model model;
  Estimator estimator;

  @Setup
  public void setup() {
    yaml = ModelGenerator.generate(services, 42);
    model = ModelReader.read(yaml, "generated.yaml", Path.of("."), List.of(), Optional.empty());
    estimator = Estimator.bundled();
  }

  @Benchmark
  public Model read() {
    return ModelReader.read(yaml, "generated.yaml", Path.of("."), List.of(), Optional.empty());
  }

  @Benchmark
  public Object propagate() {
    return Propagator.propagate(model);
  }

  @Benchmark
  public Estimate estimate() {
    return estimator.estimate(model);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double exactRoundingOfALogNormal() {
    return LogNormal.ofPercentiles(120 + services * 1e-9, 900).expectedCeil(1);
  }
}
