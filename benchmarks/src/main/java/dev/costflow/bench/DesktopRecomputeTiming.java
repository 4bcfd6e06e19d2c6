package dev.costflow.bench;

import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.Workspace;
import dev.costflow.yaml.YamlWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A timed run of the desktop's recompute after an edit (the same work as
 * {@link DesktopRecomputeBench#editMemory}) that reports the distribution of wall time and of the
 * thread's CPU time per edit. CPU time shows the cost of the work itself when the machine is
 * shared and wall times are inflated by waiting for a core.
 *
 * <pre>java -cp "benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*" dev.costflow.bench.DesktopRecomputeTiming 100</pre>
 */
public final class DesktopRecomputeTiming {
  private DesktopRecomputeTiming() {}

  public static void main(String[] args) {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    Workspace ws = new Workspace(Evaluator.bundled());
    Workspace.Result r = ws.openText(Optional.empty(), "generated.yaml", ModelGenerator.generate(services, 42));
    if (!r.ok()) {
      throw new IllegalStateException(r.errors().toString());
    }
    List<String> path = List.of("services", "g0-front", "memory_mb");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < warmup + runs; i++) {
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      Workspace.Result e = ws.edit(path, YamlWriter.num(512 + 64 * (i % 16)), "memory", "timing");
      long c1 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      if (!e.ok()) {
        throw new IllegalStateException(e.errors().toString());
      }
      if (i >= warmup) {
        wall[i - warmup] = (w1 - w0) / 1e6;
        cpu[i - warmup] = (c1 - c0) / 1e6;
      }
    }
    System.out.printf(Locale.US, "desktop recompute, %d services, %d edits after %d warm-up:%n", services, runs, warmup);
    System.out.printf(Locale.US, "  wall ms: median %.2f  p95 %.2f  max %.2f%n", pct(wall, 50), pct(wall, 95), pct(wall, 100));
    System.out.printf(Locale.US, "  cpu  ms: median %.2f  p95 %.2f  max %.2f%n", pct(cpu, 50), pct(cpu, 95), pct(cpu, 100));
  }

  static double pct(double[] xs, double p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }
}
