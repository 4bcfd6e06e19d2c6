package dev.costflow.bench;

import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.view.MainView;
import dev.costflow.desktop.vm.FieldViewModel;
import dev.costflow.desktop.vm.Integrations;
import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Selection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * What an edit costs the UI thread of the desktop window (headless, Monocle): after the worker
 * has recomputed, the time to apply the result to the whole window — graph, breakdown, curve,
 * inspector, header — and lay it out, as the JavaFX thread's CPU time and wall time per edit.
 *
 * <pre>java -cp "benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/*" dev.costflow.bench.DesktopUiTiming 100</pre>
 */
public final class DesktopUiTiming {
  private DesktopUiTiming() {}

  public static void main(String[] args) throws Exception {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("headless.geometry", "1920x1200-32");
    java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
    Path model = Files.createTempFile("desktop-ui-timing", ".yaml");
    Files.writeString(model, ModelGenerator.generate(services, 42));
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    ExecutorService worker = Executors.newSingleThreadExecutor();
    ConcurrentLinkedQueue<Runnable> toUi = new ConcurrentLinkedQueue<>();
    CompletableFuture<double[][]> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        MainViewModel vm = new MainViewModel(Evaluator.bundled(), worker, toUi::add, RecentFiles.none(), Integrations.none());
        MainView view = new MainView(vm, null, () -> {});
        Stage stage = new Stage();
        stage.setScene(new Scene(view, 1440, 900));
        stage.show();
        vm.openPath(model, null);
        await(toUi).run();
        vm.select(new Selection.OfService("g0-front"));
        FieldViewModel memory = vm.inspector().field("services.g0-front.memory_mb").orElseThrow();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
          memory.text().set(Integer.toString(512 + 64 * (i % 16)));
          Runnable apply = await(toUi);
          long c0 = mx.getCurrentThreadCpuTime();
          long w0 = System.nanoTime();
          apply.run();
          view.applyCss();
          view.layout();
          if (i >= warmup) {
            cpu[i - warmup] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            wall[i - warmup] = (System.nanoTime() - w0) / 1e6;
          }
        }
        result.complete(new double[][] {cpu, wall});
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    double[][] r = result.get(10, TimeUnit.MINUTES);
    System.out.printf(Locale.US, "desktop UI thread per edit, %d services, %d edits after %d warm-up:%n", services, runs, warmup);
    System.out.printf(Locale.US, "  cpu  ms: median %.2f  p95 %.2f%n", DesktopRecomputeTiming.pct(r[0], 50), DesktopRecomputeTiming.pct(r[0], 95));
    System.out.printf(Locale.US, "  wall ms: median %.2f  p95 %.2f%n", DesktopRecomputeTiming.pct(r[1], 50), DesktopRecomputeTiming.pct(r[1], 95));
    Files.deleteIfExists(model);
    System.exit(0);
  }

  /** Waits (on the FX thread: this is a benchmark) for the worker's result and returns it. */
  private static Runnable await(ConcurrentLinkedQueue<Runnable> q) throws InterruptedException {
    Runnable r;
    while ((r = q.poll()) == null) {
      Thread.sleep(1);
    }
    return r;
  }
}
