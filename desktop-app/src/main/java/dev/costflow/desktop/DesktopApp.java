package dev.costflow.desktop;

import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.view.FxPrompter;
import dev.costflow.desktop.view.MainView;
import dev.costflow.desktop.vm.Integrations;
import dev.costflow.desktop.vm.MainViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started through {@link Desktop#launch} (a main class that extends
 * Application cannot start from the classpath); the parameters are {@value #BANDS} (the cost
 * curve's simulation bands on) and a model to open, both optional.
 */
public final class DesktopApp extends Application {
  static final String BANDS = "--bands";

  private ExecutorService worker;
  private ExecutorService simulations;

  @Override
  public void start(Stage stage) {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "costflow-recompute");
      t.setDaemon(true);
      return t;
    });
    // The p5–p95 bands are simulated on a worker of their own: a simulation never delays a recompute.
    simulations = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "costflow-bands");
      t.setDaemon(true);
      t.setPriority(Thread.NORM_PRIORITY - 1);
      return t;
    });
    Evaluator evaluator = Evaluator.bundled();
    MainViewModel vm = new MainViewModel(evaluator, worker, Platform::runLater, RecentFiles.in(RecentFiles.home()), Desktop.integrations(),
        BandSimulator.of(evaluator.estimator()), simulations);
    FxPrompter prompter = new FxPrompter(stage);
    MainView view = new MainView(vm, prompter, () -> {
      stage.close();
      Platform.exit();
    });
    Scene scene = new Scene(view, 1440, 900);
    Desktop.style(scene);
    stage.setScene(scene);
    stage.titleProperty().bind(vm.title());
    stage.setMinWidth(960);
    stage.setMinHeight(600);
    stage.setOnCloseRequest(e -> {
      e.consume();
      view.quit();
    });
    stage.show();
    List<String> args = getParameters().getRaw();
    vm.bands().enabled().set(args.contains(BANDS));
    args.stream().filter(a -> !a.equals(BANDS)).findFirst().ifPresent(m -> vm.openPath(Path.of(m), prompter));
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
    }
    if (simulations != null) {
      simulations.shutdownNow();
    }
  }
}
