package dev.costflow.desktop;

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
 * Application cannot start from the classpath); the first parameter, if any, is a model to open.
 */
public final class DesktopApp extends Application {
  private ExecutorService worker;

  @Override
  public void start(Stage stage) {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "costflow-recompute");
      t.setDaemon(true);
      return t;
    });
    MainViewModel vm = new MainViewModel(Evaluator.bundled(), worker, Platform::runLater, RecentFiles.in(RecentFiles.home()), Desktop.integrations());
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
    if (!args.isEmpty()) {
      vm.openPath(Path.of(args.get(0)), prompter);
    }
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
    }
  }
}
