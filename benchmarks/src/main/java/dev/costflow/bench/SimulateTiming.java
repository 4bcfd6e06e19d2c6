package dev.costflow.bench;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.sim.SimOptions;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Times the simulator's target: a month of 100 million calls through a 20-service model, 100
 * runs, on all cores.
 *
 * <pre>java -cp benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/* dev.costflow.bench.SimulateTiming [runs] [threads]</pre>
 */
public final class SimulateTiming {
  private SimulateTiming() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Model model = ModelReader.read(ModelGenerator.generate(20, 42, 50_000_000), "target.yaml", Path.of("."), List.of(), Optional.empty());
    Simulator sim = Simulator.bundled();
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      Simulation s = sim.simulate(model, new SimOptions(runs, 1, threads));
      long t1 = System.nanoTime();
      System.out.printf("%d runs on %d threads: %.2f s; mean %s p5 %s p95 %s (estimate %s)%n", runs, threads, (t1 - t0) / 1e9, s.totalUsd().mean().toPlainString(),
          s.totalUsd().p5().toPlainString(), s.totalUsd().p95().toPlainString(), s.estimate().totalUsd().toPlainString());
      if (round == 0 && System.getProperty("detail") != null) {
        s.services().forEach(x -> System.out.printf("  %-12s est %12.4f sim %12.4f%s%n", x.id(), s.estimate().service(x.id()).get().costUsd().doubleValue(),
            x.costUsd().mean().doubleValue(), x.function().map(f -> String.format(" cold %.0f peak %.1f share %.3f calls %.0f", f.coldStarts().mean(), f.peakConcurrency().mean(), f.callByCallShare(), f.invocations().mean())).orElse("")));
      }
    }
  }
}
