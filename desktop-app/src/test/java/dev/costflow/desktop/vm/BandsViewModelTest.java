package dev.costflow.desktop.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.desktop.Fixtures;
import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.CostBands;
import dev.costflow.desktop.core.CostCurve;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.core.Workspace;
import dev.costflow.sim.CurveBands;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation bands of the cost curve as plain Java: the real simulator, small run counts. */
class BandsViewModelTest {
  static Evaluator evaluator;
  static BandSimulator sim;
  @TempDir Path dir;

  @BeforeAll
  static void load() {
    evaluator = Evaluator.bundled();
    sim = new BandSimulator(evaluator.estimator(), 20, 1, 1);
  }

  /** Runs what it is given only when told to: the worker or the UI thread, driven by the test. */
  static final class Manual implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    int runAll() {
      int n = 0;
      while (!tasks.isEmpty()) {
        tasks.poll().run();
        n++;
      }
      return n;
    }
  }

  Workspace open(String resourceOrYaml) throws Exception {
    Workspace ws = new Workspace(evaluator);
    Path file = resourceOrYaml.endsWith(".yaml") ? Fixtures.copy(resourceOrYaml, dir) : Files.writeString(dir.resolve("m.yaml"), resourceOrYaml);
    assertThat(ws.open(file).errors()).isEmpty();
    return ws;
  }

  static Evaluation.Valid setMemory(Workspace ws, String fn, int mb) {
    Workspace.Result r = ws.edit(List.of("services", fn, "memory_mb"), YamlWriter.num(mb), "memory", "");
    assertThat(r.errors()).isEmpty();
    return r.snapshot().orElseThrow().evaluation();
  }

  static Evaluation.Valid current(Workspace ws) {
    return ws.snapshot().orElseThrow().evaluation();
  }

  @Test
  void bandsAppearAfterEnablingAndSpanEveryHourAndDayOfTheCurve() throws Exception {
    Workspace ws = open("checkout.yaml");
    BandsViewModel vm = new BandsViewModel(sim, Runnable::run, Runnable::run);
    Evaluation.Valid ev = current(ws);
    vm.show(ev, true);
    assertThat(vm.bands().get()).isNull(); // off by default: nothing is simulated
    assertThat(vm.status().get()).isEmpty();

    vm.enabled().set(true);
    CostBands b = vm.bands().get();
    assertThat(b).isNotNull();
    assertThat(b.evaluation()).isSameAs(ev);
    assertThat(b.runs()).isEqualTo(20);
    assertThat(vm.simulating().get()).isFalse();
    assertThat(vm.stale().get()).isFalse();
    assertThat(vm.status().get()).startsWith("p5–p95 of 20 simulated runs (");
    CostCurve c = ev.curve();
    assertThat(b.hourly().steps()).isEqualTo(c.hourlyUsd().length).isEqualTo(720);
    assertThat(b.daily().steps()).isEqualTo(c.dailyUsd().length).isEqualTo(30);
    for (CurveBands cb : List.of(b.hourly(), b.daily())) {
      for (int i = 0; i < cb.steps(); i++) {
        assertThat(cb.p5()[i]).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(cb.p50()[i]);
        assertThat(cb.p50()[i]).isLessThanOrEqualTo(cb.p95()[i]);
        assertThat(cb.mean()[i]).isBetween(0.0, Double.MAX_VALUE);
      }
    }
    // the points drawn: x as the curve's, p5 ≤ p95, and a legend naming the runs
    for (boolean hourly : new boolean[] {true, false}) {
      CurveViewModel.Series s = CurveViewModel.series(c, hourly);
      CurveViewModel.Band band = CurveViewModel.band(b, c, hourly).orElseThrow();
      assertThat(band.x()).containsExactly(s.x());
      for (int i = 0; i < band.x().length; i++) {
        assertThat(band.p5()[i]).isLessThanOrEqualTo(band.p95()[i]);
      }
      assertThat(band.legend()).isEqualTo("p5–p95 of 20 simulated runs");
      assertThat(band.detail()).startsWith(hourly ? "each hour typically ±" : "each day typically ±").contains("total $").contains("(estimate $302.86)");
    }
  }

  /** API → function → table, a topic to a queue nobody drains: no cold-start INIT, no batches, no throttles. */
  static final String STATELESS = """
      costflow: 1
      name: stateless
      period: 2025-11
      pricing: {as_of: 2025-11-01}
      services:
        api:
          type: aws.apigateway.http
          traffic: {monthly: 2000000, shape: diurnal, peak_to_mean: 2.5}
          calls: [{to: fn, kb: 2}]
        fn:
          type: aws.lambda
          memory_mb: 1024
          duration_ms: {lognormal: {p50: 150, p99: 1200}}
          calls: [{to: table, op: write, per_call: 2}, {to: events, probability: 0.3}]
        table: {type: aws.dynamodb}
        events: {type: aws.sns, calls: [{to: audit}]}
        audit: {type: aws.sqs}
      """;

  @Test
  void theEstimateLiesInTheBandOfAModelWithoutStateEffects() throws Exception {
    Workspace ws = open(STATELESS);
    BandsViewModel vm = new BandsViewModel(new BandSimulator(evaluator.estimator(), 40, 1, 1), Runnable::run, Runnable::run);
    vm.enabled().set(true);
    Evaluation.Valid ev = current(ws);
    vm.show(ev, true);
    CostBands b = vm.bands().get();
    double[] hourly = ev.curve().hourlyUsd();
    int inside = 0;
    for (int h = 0; h < hourly.length; h++) {
      double lo = b.hourly().p5()[h];
      double hi = b.hourly().p95()[h];
      double slack = (hi - lo) * 0.25 + 1e-12;
      assertThat(hourly[h]).as("hour %d", h).isBetween(lo - slack, hi + slack); // near the band everywhere
      if (hourly[h] >= lo && hourly[h] <= hi) {
        inside++;
      }
      // the simulated mean agrees with the estimate hour by hour (a few percent: 40 runs)
      assertThat(b.hourly().mean()[h]).isCloseTo(hourly[h], org.assertj.core.data.Percentage.withPercentage(3));
    }
    assertThat(inside).as("hours with the estimate inside p5–p95").isGreaterThanOrEqualTo(hourly.length * 95 / 100);
    double[] daily = ev.curve().dailyUsd();
    for (int d = 0; d < daily.length; d++) {
      assertThat(daily[d]).as("day %d", d).isBetween(b.daily().p5()[d] * 0.999, b.daily().p95()[d] * 1.001);
    }
  }

  @Test
  void turningTheBandsOffClearsThemAndOnSimulatesAgain() throws Exception {
    Workspace ws = open("checkout.yaml");
    BandsViewModel vm = new BandsViewModel(sim, Runnable::run, Runnable::run);
    vm.enabled().set(true);
    vm.show(current(ws), true);
    CostBands first = vm.bands().get();
    assertThat(first).isNotNull();

    vm.enabled().set(false);
    assertThat(vm.bands().get()).isNull();
    assertThat(vm.simulating().get()).isFalse();
    assertThat(vm.status().get()).isEmpty();

    vm.enabled().set(true);
    CostBands again = vm.bands().get();
    assertThat(again).isNotSameAs(first);
    // a fixed seed: the same model gets the same bands
    assertThat(again.hourly().p95()).containsExactly(first.hourly().p95());
    assertThat(again.totalUsd()).isEqualTo(first.totalUsd());
  }

  @Test
  void anEditSimulatesAgainAndNoModelClearsTheBands() throws Exception {
    Workspace ws = open("checkout.yaml");
    BandsViewModel vm = new BandsViewModel(sim, Runnable::run, Runnable::run);
    vm.enabled().set(true);
    vm.show(current(ws), true);
    CostBands before = vm.bands().get();

    Evaluation.Valid edited = setMemory(ws, "checkout", 4096);
    vm.show(edited, false);
    CostBands after = vm.bands().get();
    assertThat(after.evaluation()).isSameAs(edited);
    assertThat(after.totalUsd().mean()).isGreaterThan(before.totalUsd().mean());
    double sumBefore = java.util.Arrays.stream(before.daily().mean()).sum();
    double sumAfter = java.util.Arrays.stream(after.daily().mean()).sum();
    assertThat(sumAfter).isGreaterThan(sumBefore);

    // the same evaluation again (a save that did not move the file): nothing is simulated
    vm.show(edited, false);
    assertThat(vm.bands().get()).isSameAs(after);

    vm.show(null, false);
    assertThat(vm.bands().get()).isNull();
    assertThat(vm.simulating().get()).isFalse();
  }

  @Test
  void newerVersionsReplaceAWaitingSimulationAndStaleResultsAreDropped() throws Exception {
    Workspace ws = open("checkout.yaml");
    Manual worker = new Manual();
    Manual ui = new Manual();
    BandsViewModel vm = new BandsViewModel(sim, worker, ui);
    vm.enabled().set(true);
    Evaluation.Valid v1 = current(ws);
    vm.show(v1, true);
    Evaluation.Valid v2 = setMemory(ws, "checkout", 1536);
    vm.show(v2, false);
    Evaluation.Valid v3 = setMemory(ws, "checkout", 2048);
    vm.show(v3, false);
    assertThat(vm.simulating().get()).isTrue();
    assertThat(vm.status().get()).isEqualTo("simulating 20 runs…");
    assertThat(vm.bands().get()).isNull();

    // one drain of the queue: only the newest version is simulated
    assertThat(worker.runAll()).isEqualTo(1);
    assertThat(ui.tasks).hasSize(1);
    ui.runAll();
    assertThat(vm.bands().get().evaluation()).isSameAs(v3);
    assertThat(vm.simulating().get()).isFalse();

    // a result that arrives after a newer edit is dropped; the old bands stay, marked stale
    Evaluation.Valid v4 = setMemory(ws, "checkout", 3008);
    vm.show(v4, false);
    assertThat(vm.stale().get()).isTrue();
    worker.runAll(); // v4 simulated, its result on the way to the UI thread
    Evaluation.Valid v5 = setMemory(ws, "checkout", 4096);
    vm.show(v5, false);
    ui.runAll();
    assertThat(vm.bands().get().evaluation()).isSameAs(v3);
    assertThat(vm.stale().get()).isTrue();
    assertThat(vm.simulating().get()).isTrue();
    worker.runAll();
    ui.runAll();
    assertThat(vm.bands().get().evaluation()).isSameAs(v5);
    assertThat(vm.stale().get()).isFalse();

    // turned off while a simulation waits: it never runs, nothing arrives
    vm.show(setMemory(ws, "checkout", 512), false);
    vm.enabled().set(false);
    worker.runAll();
    ui.runAll();
    assertThat(vm.bands().get()).isNull();
    assertThat(vm.simulating().get()).isFalse();
  }

  @Test
  void openingAnotherModelDropsTheOldBandsAtOnce() throws Exception {
    Workspace ws = open("checkout.yaml");
    Manual worker = new Manual();
    BandsViewModel vm = new BandsViewModel(sim, worker, Runnable::run);
    vm.enabled().set(true);
    vm.show(current(ws), true);
    worker.runAll();
    assertThat(vm.bands().get()).isNotNull();
    Workspace other = open(STATELESS);
    vm.show(current(other), true);
    assertThat(vm.bands().get()).isNull(); // not drawn around another model's curve
    assertThat(vm.simulating().get()).isTrue();
    assertThat(vm.stale().get()).isFalse();
    worker.runAll();
    assertThat(vm.bands().get().evaluation()).isSameAs(current(other));
  }

  @Test
  void turningTheBandsOffStopsARunningSimulation() throws Exception {
    Workspace ws = open(Fixtures.hundredServices());
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-bands");
      t.setDaemon(true); // should the interrupt ever fail, the test fails without holding up the JVM
      return t;
    });
    try {
      // far more runs than the test waits for: only an interrupted simulation ends in time
      BandsViewModel vm = new BandsViewModel(new BandSimulator(evaluator.estimator(), 100_000, 1, 1), worker, Runnable::run);
      vm.enabled().set(true);
      vm.show(current(ws), true);
      Thread.sleep(300);
      assertThat(vm.simulating().get()).isTrue();
      vm.enabled().set(false);
      CountDownLatch idle = new CountDownLatch(1);
      worker.execute(() -> {
        assertThat(Thread.currentThread().isInterrupted()).isFalse(); // the interrupt did not leak into the next task
        idle.countDown();
      });
      assertThat(idle.await(20, TimeUnit.SECONDS)).as("the worker is free again").isTrue();
      assertThat(vm.bands().get()).isNull();
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void theMainViewModelFeedsTheBandsEveryValidEvaluation() throws Exception {
    Path file = Fixtures.checkout(dir);
    FakePrompter p = new FakePrompter();
    MainViewModel main = new MainViewModel(evaluator, Runnable::run, Runnable::run, RecentFiles.none(), Integrations.none(), sim, Runnable::run);
    main.bands().enabled().set(true);
    main.openPath(file, p);
    assertThat(main.bands().bands().get().evaluation()).isSameAs(main.evaluation().get());
    main.select(new Selection.OfService("checkout"));
    main.inspector().field("services.checkout.memory_mb").orElseThrow().text().set("2048");
    assertThat(main.bands().bands().get().evaluation()).isSameAs(main.evaluation().get());
    // a value the reader rejects keeps the last valid estimate, and its bands
    CostBands kept = main.bands().bands().get();
    main.inspector().field("services.checkout.memory_mb").orElseThrow().text().set("64");
    assertThat(main.bands().bands().get()).isSameAs(kept);
    main.undo();
    assertThat(main.bands().bands().get().evaluation()).isSameAs(main.evaluation().get());
    assertThat(Optional.ofNullable(main.bands().bands().get())).isPresent();
  }

  @Test
  void axisLabelsHaveTheDecimalsTheirTicksNeed() {
    assertThat(CurveViewModel.yLabel(1250, 250)).isEqualTo("$1,250");
    assertThat(CurveViewModel.yLabel(1.25, 0.25)).isEqualTo("$1.25");
    assertThat(CurveViewModel.yLabel(0.5, 0.25)).isEqualTo("$0.50");
    assertThat(CurveViewModel.yLabel(0.0225, 0.0025)).isEqualTo("$0.0225");
    assertThat(CurveViewModel.yLabel(0.00004, 0.00002)).isEqualTo("$0.00004");
    assertThat(CurveViewModel.yLabel(0, 0.00002)).isEqualTo("$0.00000");
    assertThat(CurveViewModel.yLabel(12, 2)).isEqualTo("$12.00");
    assertThat(CurveViewModel.yLabel(0.1, 0.1 + 2e-17)).isEqualTo("$0.10");
  }

  @Test
  void bandWidthIsSummarizedAsATypicalPercentage() {
    assertThat(CurveViewModel.halfWidthPercent(0.0083)).isEqualTo("0.8%");
    assertThat(CurveViewModel.halfWidthPercent(0.0000004)).isEqualTo("<0.1%");
    assertThat(CurveViewModel.halfWidthPercent(0.38)).isEqualTo("38%");
    CurveBands cb = new CurveBands(new double[] {0, 9, 8, 0}, new double[] {0, 10, 10, 0}, new double[] {0, 11, 14, 0}, new double[] {0, 10, 10, 0});
    assertThat(CurveViewModel.typicalHalfWidth(cb)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12)); // median of 0.1 and 0.3, hours without cost left out
    assertThat(CurveViewModel.typicalHalfWidth(new CurveBands(new double[2], new double[2], new double[2], new double[2]))).isNaN();
  }
}
