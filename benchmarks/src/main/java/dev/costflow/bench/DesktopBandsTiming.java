package dev.costflow.bench;

import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.CostBands;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.Workspace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Times the desktop's simulation bands of the cost curve ({@link BandSimulator#simulate}, the work
 * its bands worker does after an edit while the p5–p95 box is ticked): 50 runs with curves, seed 1.
 * MODEL is a model file or {@code gen:N} for {@code ModelGenerator.generate(N, 42)}; THREADS
 * defaults to the desktop's choice (all cores but one). Reports wall time and the CPU time of the
 * calling thread (the whole work when THREADS is 1) per simulation. With a fifth argument
 * {@code recompute}, then also times the desktop's recompute after an edit of the same model
 * ({@code Workspace.edit}, as {@link DesktopRecomputeTiming}) alone and while bands are simulated
 * without pause on another thread, as in the window while a slider is dragged with the bands on.
 *
 * <pre>java -cp "benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*" dev.costflow.bench.DesktopBandsTiming examples/checkout.yaml
 * java -cp "benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*" dev.costflow.bench.DesktopBandsTiming gen:100 1 3 10 recompute</pre>
 */
public final class DesktopBandsTiming {
  private DesktopBandsTiming() {}

  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "gen:100";
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : BandSimulator.defaultThreads();
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Evaluator evaluator = Evaluator.bundled();
    Workspace ws = new Workspace(evaluator);
    Workspace.Result r = model.startsWith("gen:")
        ? ws.openText(Optional.empty(), "generated.yaml", ModelGenerator.generate(Integer.parseInt(model.substring(4)), 42))
        : ws.openText(Optional.of(Path.of(model)), Path.of(model).getFileName().toString(), Files.readString(Path.of(model), StandardCharsets.UTF_8));
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().toString());
    }
    Evaluation.Valid ev = r.snapshot().orElseThrow().evaluation();
    BandSimulator sim = new BandSimulator(evaluator.estimator(), BandSimulator.DEFAULT_RUNS, BandSimulator.DEFAULT_SEED, threads);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    CostBands b = null;
    double first = 0;
    for (int i = 0; i < warmup + rounds; i++) {
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      b = sim.simulate(ev);
      long c1 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      if (i == 0) {
        first = (w1 - w0) / 1e6;
      }
      if (i >= warmup) {
        wall[i - warmup] = (w1 - w0) / 1e6;
        cpu[i - warmup] = (c1 - c0) / 1e6;
      }
    }
    System.out.printf(Locale.US, "desktop bands, %s (%d services, %d hours), %d runs on %d thread(s), %d rounds after %d warm-up:%n", model,
        ev.model().services().size(), ev.curve().hourlyUsd().length, sim.runs(), threads, rounds, warmup);
    System.out.printf(Locale.US, "  wall ms: median %.0f  p95 %.0f  max %.0f  (the first, on a cold JVM: %.0f)%n", DesktopRecomputeTiming.pct(wall, 50),
        DesktopRecomputeTiming.pct(wall, 95), DesktopRecomputeTiming.pct(wall, 100), first);
    System.out.printf(Locale.US, "  calling thread cpu ms: median %.0f%n", DesktopRecomputeTiming.pct(cpu, 50));
    System.out.printf(Locale.US, "  total p5 %s  p95 %s  (estimate %s)%n", b.totalUsd().p5().toPlainString(), b.totalUsd().p95().toPlainString(),
        ev.estimate().totalUsd().toPlainString());
    if (args.length > 4 && args[4].equals("recompute")) {
      recompute(ws, ev, sim);
    }
  }

  /** Edits of one function's memory, timed alone and then with simulations running meanwhile. */
  static void recompute(Workspace ws, Evaluation.Valid ev, BandSimulator sim) throws InterruptedException {
    String fn = ev.model().services().stream().filter(s -> s.type().equals("aws.lambda")).findFirst().orElseThrow().id();
    java.util.List<String> path = java.util.List.of("services", fn, "memory_mb");
    int edits = 300;
    for (boolean background : new boolean[] {false, true}) {
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger simulations = new java.util.concurrent.atomic.AtomicInteger();
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          sim.simulate(ev);
          simulations.incrementAndGet();
        }
      }, "bands");
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      if (background) {
        t.start();
      }
      double[] wall = new double[edits];
      long start = System.nanoTime();
      for (int i = 0; i < 100 + edits; i++) {
        long w0 = System.nanoTime();
        Workspace.Result e = ws.edit(path, dev.costflow.yaml.YamlWriter.num(512 + 64 * (i % 16)), "memory", "timing");
        long w1 = System.nanoTime();
        if (!e.ok()) {
          throw new IllegalStateException(e.errors().toString());
        }
        if (i >= 100) {
          wall[i - 100] = (w1 - w0) / 1e6;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      if (background) {
        t.join();
      }
      System.out.printf(Locale.US, "  recompute after an edit, %s: wall ms median %.1f  p95 %.1f  max %.1f%s%n", background ? "bands simulating meanwhile" : "alone",
          DesktopRecomputeTiming.pct(wall, 50), DesktopRecomputeTiming.pct(wall, 95), DesktopRecomputeTiming.pct(wall, 100),
          background ? String.format(Locale.US, " (%d simulations finished in %.1f s)", simulations.get(), seconds) : "");
    }
  }
}
