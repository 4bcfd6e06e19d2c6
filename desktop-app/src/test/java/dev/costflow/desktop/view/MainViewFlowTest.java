package dev.costflow.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.desktop.Fixtures;
import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.vm.FakePrompter;
import dev.costflow.desktop.vm.Integrations;
import dev.costflow.desktop.vm.MainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window as a user drives it, headless (Monocle): open, select, type, see the total move, save, reopen. */
@ExtendWith(ApplicationExtension.class)
class MainViewFlowTest {
  @TempDir static Path dir;
  static Evaluator evaluator = Evaluator.bundled();
  ExecutorService worker;
  ExecutorService simulations;
  /** Closed by a test to hold the bands worker (simulations wait for a permit). */
  final java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(1_000_000);
  MainViewModel vm;
  FakePrompter prompter;

  @Start
  void start(Stage stage) {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-recompute");
      t.setDaemon(true);
      return t;
    });
    simulations = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "test-bands");
      t.setDaemon(true);
      return t;
    });
    prompter = new FakePrompter();
    // few runs: the test checks the drawing, not the statistics
    vm = new MainViewModel(evaluator, worker, Platform::runLater, RecentFiles.none(), Integrations.none(),
        new BandSimulator(evaluator.estimator(), 8, 1, 1), r -> simulations.execute(() -> {
          gate.acquireUninterruptibly();
          r.run();
        }));
    MainView view = new MainView(vm, prompter, stage::close);
    Scene scene = new Scene(view, 1440, 900);
    scene.getStylesheets().add(dev.costflow.desktop.DesktopApp.class.getResource("costflow.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() {
    worker.shutdownNow();
    simulations.shutdownNow();
  }

  void openAndWait(FxRobot robot, Path file) throws Exception {
    robot.interact(() -> vm.openPath(file, prompter));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.evaluation().get() != null && !vm.busy().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  @Test
  void openEditSeeTheTotalMoveSaveAndReopen(FxRobot robot) throws Exception {
    Path file = Fixtures.copy("checkout.yaml", Files.createTempDirectory(dir, "flow"));
    openAndWait(robot, file);
    assertThat(prompter.errors).isEmpty();
    String before = text(robot, "#total");
    assertThat(before).startsWith("$");

    robot.clickOn("#node-checkout");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.inspector().title().get()).isEqualTo("checkout");
    TextField memory = robot.lookup("#field-services_checkout_memory_mb").queryAs(TextField.class);
    assertThat(memory.getText()).isEqualTo("1024");

    robot.clickOn(memory).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("2048");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text(robot, "#total").equals(before) && !vm.busy().get());
    WaitForAsyncUtils.waitForFxEvents();
    String after = text(robot, "#total");
    assertThat(after).isNotEqualTo(before);
    assertThat(text(robot, "#model-name")).endsWith("unsaved");

    // an invalid value: the reader's message under the field, the total stays
    robot.clickOn(memory).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("64");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.inspector().field("services.checkout.memory_mb").orElseThrow().error().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    Label error = robot.lookup("#error-services_checkout_memory_mb").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText()).startsWith("services.checkout.memory_mb: must be between 128 and 10240 MB, got 64");
    assertThat(text(robot, "#total")).isEqualTo(after);
    robot.clickOn(memory).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("2048");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.inspector().field("services.checkout.memory_mb").orElseThrow().error().get().isEmpty() && !vm.busy().get());

    // save with the keyboard
    robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.readString(file).contains("memory_mb: 2048"));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.dirty().get());
    assertThat(Files.readString(file)).contains("# Graviton: cheaper GB-s, its own tiers");

    // reopen: the saved value and the same total
    openAndWait(robot, file);
    robot.clickOn("#node-checkout");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#field-services_checkout_memory_mb").queryAs(TextField.class).getText()).isEqualTo("2048");
    assertThat(text(robot, "#total")).isEqualTo(after);
  }

  @Test
  void keepABaselineEditAndSeeTheDifferenceThenQuitAsksAboutChanges(FxRobot robot) throws Exception {
    openAndWait(robot, Fixtures.copy("checkout.yaml", Files.createTempDirectory(dir, "scenario")));
    robot.clickOn("#tab-scenarios");
    robot.clickOn("#keep-baseline");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.busy().get());
    assertThat(text(robot, "#delta")).isEqualTo("= baseline");
    robot.clickOn("#node-checkout");
    TextField memory = robot.lookup("#field-services_checkout_memory_mb").queryAs(TextField.class);
    robot.clickOn(memory).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("2048");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#delta").startsWith("+$") && !vm.busy().get());
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.ListView<?> drivers = robot.lookup("#drivers").queryAs(javafx.scene.control.ListView.class);
    assertThat(drivers.getItems()).singleElement().asString().contains("memory_mb 1024 → 2048");
    // Quit with unsaved changes: the question is asked, Cancel keeps the window
    prompter.answers.add(dev.costflow.desktop.vm.Prompter.Answer.CANCEL);
    robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(prompter.asked).containsExactly("checkout.yaml");
    assertThat(robot.lookup("#total").tryQuery()).isPresent();
  }

  @Test
  void clickingACallLabelInspectsTheCall(FxRobot robot) throws Exception {
    openAndWait(robot, Fixtures.copy("checkout.yaml", Files.createTempDirectory(dir, "call")));
    robot.clickOn("#edge-label-order-events-1");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(vm.inspector().title().get()).isEqualTo("order-events → audit-queue");
    TextField probability = robot.lookup("#field-services_order-events_calls_1_probability").queryAs(TextField.class);
    assertThat(probability.getText()).isEqualTo("0.25");
    String label = text(robot, "#edge-label-order-events-1");
    robot.clickOn(probability).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("0.5");
    // each keystroke is a value ("0", "0.", "0.5"): the label follows and settles at half the 30 M
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#edge-label-order-events-1").equals("15.0M/mo"));
    assertThat(vm.inspector().field("services.order-events.calls.1.probability").orElseThrow().error().get()).isEmpty();
    // undo with the keyboard
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#edge-label-order-events-1").equals(label));
  }

  @Test
  void tickingTheBandsBoxDrawsTheSimulatedBandBehindTheCurve(FxRobot robot) throws Exception {
    openAndWait(robot, Fixtures.copy("checkout.yaml", Files.createTempDirectory(dir, "bands")));
    javafx.scene.shape.Path band = robot.lookup("#sim-band").queryAs(javafx.scene.shape.Path.class);
    assertThat(band.isVisible()).isFalse();
    assertThat(robot.lookup("#curve-legend").query().isVisible()).isFalse();

    robot.clickOn("#bands-toggle");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.bands().bands().get() != null && !vm.bands().simulating().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(band.isVisible()).isTrue();
    // a closed outline: along p95 over the 720 hours, back along p5
    assertThat(band.getElements()).hasSize(2 * 720 + 1);
    assertThat(band.getFill()).isNotNull();
    assertThat(band.getBoundsInParent().getWidth()).isGreaterThan(100);
    Label legend = robot.lookup("#bands-legend").queryAs(Label.class);
    assertThat(robot.lookup("#curve-legend").query().isVisible()).isTrue();
    assertThat(legend.getText()).isEqualTo("p5–p95 of 8 simulated runs");
    assertThat(robot.lookup("#bands-detail").queryAs(Label.class).getText()).startsWith("each hour typically ±");
    assertThat(robot.lookup("#bands-simulating").queryAs(Label.class).isVisible()).isFalse();

    // daily: the same simulation, drawn per day
    robot.clickOn("Daily");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(band.getElements()).hasSize(2 * 30 + 1);

    // an edit simulates again; meanwhile the old band stays, greyed, and "simulating…" shows
    var first = vm.bands().bands().get();
    robot.clickOn("#node-checkout");
    TextField memory = robot.lookup("#field-services_checkout_memory_mb").queryAs(TextField.class);
    gate.drainPermits();
    robot.clickOn(memory).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("2048");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.bands().stale().get() && !vm.busy().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(band.isVisible()).isTrue();
    assertThat(band.getPseudoClassStates()).anyMatch(pc -> pc.getPseudoClassName().equals("stale"));
    assertThat(robot.lookup("#bands-simulating").queryAs(Label.class).isVisible()).isTrue();
    assertThat(robot.lookup("#bands-detail").queryAs(Label.class).getText()).isEqualTo("of the previous version; simulating the new one…");
    gate.release(1_000_000);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.bands().bands().get() != first && vm.bands().bands().get().evaluation() == vm.evaluation().get()
        && !vm.bands().simulating().get() && !vm.busy().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(band.isVisible()).isTrue();
    assertThat(band.getPseudoClassStates()).noneMatch(pc -> pc.getPseudoClassName().equals("stale"));
    assertThat(robot.lookup("#bands-detail").queryAs(Label.class).getText()).startsWith("each day typically ±");

    // unticked: gone
    robot.clickOn("#bands-toggle");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(band.isVisible()).isFalse();
    assertThat(robot.lookup("#curve-legend").query().isVisible()).isFalse();
    assertThat(vm.bands().bands().get()).isNull();
  }
}
