package dev.costflow.desktop;

import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.view.MainView;
import dev.costflow.desktop.vm.Integrations;
import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Prompter;
import dev.costflow.desktop.vm.Selection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Entry points of the desktop app for the command line: open the window, or render it to a PNG with no display. */
public final class Desktop {
  private Desktop() {}

  /** What this build offers the desktop (importers, exporters, billing store, diff engine). */
  public static Integrations integrations() {
    return Integrations.detect(RecentFiles.home());
  }

  static void style(Scene scene) {
    scene.getStylesheets().add(Desktop.class.getResource("costflow.css").toExternalForm());
  }

  /** Whether a window can be shown: on Linux a DISPLAY or WAYLAND_DISPLAY is needed. */
  public static boolean hasDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (!os.contains("linux") && !os.contains("bsd")) {
      return true;
    }
    return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /** Opens the window (blocks until it is closed); a window system JavaFX cannot use is an {@link IOException}. */
  public static void launch(Optional<Path> model) throws IOException {
    launch(model, false);
  }

  /** The same, with the cost curve's p5–p95 simulation bands on from the start when {@code bands}. */
  public static void launch(Optional<Path> model, boolean bands) throws IOException {
    quietStartupWarning();
    List<String> args = new ArrayList<>();
    if (bands) {
      args.add(DesktopApp.BANDS);
    }
    model.ifPresent(p -> args.add(p.toString()));
    try {
      Application.launch(DesktopApp.class, args.toArray(new String[0]));
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IOException("cannot open a window: " + e.getMessage()
          + " (on Linux, JavaFX needs GTK 3: apt-get install libgtk-3-0; without a desktop, use --screenshot FILE.png)", e);
    }
  }

  /**
   * Renders the main window with {@code model} open, {@code select} (a service id) selected, to PNG
   * bytes, headless (Monocle, software rendering). Errors opening the model are returned as an
   * exception with the reader's messages.
   */
  public static byte[] screenshot(Optional<Path> model, int width, int height, Optional<String> select) throws IOException {
    return screenshot(model, width, height, select, false);
  }

  /**
   * The same, with the cost curve's p5–p95 simulation bands drawn when {@code bands} (the model is
   * simulated before the picture is taken).
   */
  public static byte[] screenshot(Optional<Path> model, int width, int height, Optional<String> select, boolean bands) throws IOException {
    headless(width, height);
    startToolkit();
    CompletableFuture<WritableImage> shot = new CompletableFuture<>();
    List<String> errors = new ArrayList<>();
    Platform.runLater(() -> {
      try {
        Prompter p = new Prompter() {
          @Override
          public Answer askSaveChanges(String documentName) {
            return Answer.CANCEL;
          }

          @Override
          public Optional<Path> chooseOpenFile(String title, List<String> extensions) {
            return Optional.empty();
          }

          @Override
          public Optional<Path> chooseSaveFile(String title, String suggestedName, List<String> extensions) {
            return Optional.empty();
          }

          @Override
          public Optional<String> askText(String title, String question, String suggestion) {
            return Optional.empty();
          }

          @Override
          public void showError(String title, String message) {
            errors.add(title + ":\n" + message);
          }

          @Override
          public void showInfo(String title, String message) {}
        };
        // Synchronous: the screenshot waits for the model anyway.
        MainViewModel vm = new MainViewModel(Evaluator.bundled(), Runnable::run, Runnable::run, RecentFiles.none(), integrations());
        vm.bands().enabled().set(bands);
        MainView view = new MainView(vm, p, () -> {});
        Stage stage = new Stage();
        Scene scene = new Scene(view, width, height);
        style(scene);
        stage.setScene(scene);
        stage.show();
        model.ifPresent(m -> vm.openPath(m, p));
        if (!errors.isEmpty()) {
          stage.close();
          shot.completeExceptionally(new IOException(String.join("\n", errors)));
          return;
        }
        select.ifPresent(id -> {
          if (vm.evaluation().get() != null && vm.evaluation().get().model().service(id).isEmpty()) {
            shot.completeExceptionally(new IOException("--select: no service '" + id + "' in the model"));
          }
          vm.select(new Selection.OfService(id));
        });
        if (bands && vm.evaluation().get() != null && vm.bands().bands().get() == null) {
          shot.completeExceptionally(new IOException("--bands: " + vm.bands().status().get()));
        }
        if (shot.isDone()) {
          stage.close();
          return;
        }
        // Let layout, CSS and the charts settle over a few pulses before taking the picture.
        settle(3, () -> {
          try {
            view.applyCss();
            view.layout();
            shot.complete(scene.snapshot(null));
          } catch (RuntimeException | Error e) {
            shot.completeExceptionally(e);
          } finally {
            stage.close();
          }
        });
      } catch (RuntimeException | Error e) {
        shot.completeExceptionally(e);
      }
    });
    WritableImage img;
    try {
      img = shot.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IOException("rendering failed: " + c, c);
    } catch (TimeoutException e) {
      throw new IOException("rendering took longer than 60 s");
    }
    return png(img);
  }

  private static void settle(int pulses, Runnable then) {
    if (pulses == 0) {
      then.run();
      return;
    }
    Platform.runLater(() -> settle(pulses - 1, then));
  }

  static byte[] png(WritableImage img) throws IOException {
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    int[] argb = new int[w * h];
    img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, "png", bytes);
    return bytes.toByteArray();
  }

  /** Monocle's headless glass and software rendering, unless a glass platform was chosen already. */
  static void headless(int width, int height) {
    if (System.getProperty("glass.platform") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
    }
    if (System.getProperty("headless.geometry") == null) {
      System.setProperty("headless.geometry", Math.max(1920, width) + "x" + Math.max(1200, height) + "-32");
    }
    System.setProperty("java.awt.headless", "true");
    System.setProperty("prism.text", System.getProperty("prism.text", "t2k"));
  }

  /** Kept so the setting is not collected: JavaFX warns that it runs from the classpath, which is how costflow runs it. */
  private static final java.util.logging.Logger FX_LOG = java.util.logging.Logger.getLogger("javafx");

  static void quietStartupWarning() {
    FX_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private static void startToolkit() throws IOException {
    quietStartupWarning();
    CountDownLatch started = new CountDownLatch(1);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyRunning) {
      started.countDown();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IOException("cannot start JavaFX headless: " + e.getMessage(), e);
    }
    Platform.setImplicitExit(false);
    try {
      started.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting JavaFX");
    }
  }
}
