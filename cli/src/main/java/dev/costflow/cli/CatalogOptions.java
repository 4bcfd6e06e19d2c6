package dev.costflow.cli;

import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.CatalogLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which price catalog a command uses: the bundled one plus the rates imported with
 * {@code costflow pricing import} into {@code $COSTFLOW_HOME/catalog/} (default {@code ~/.costflow}).
 */
public final class CatalogOptions {
  public static final String HOME_ENV = "COSTFLOW_HOME";

  @Option(names = "--home", paramLabel = "DIR", description = "costflow's data directory, with imported prices in DIR/catalog (default: $COSTFLOW_HOME, else ~/.costflow).")
  Path home;

  @Option(names = "--bundled-prices", description = "Use only the prices bundled with costflow, not imported ones.")
  boolean bundledOnly;

  /** The data directory: --home, else $COSTFLOW_HOME, else ~/.costflow. */
  public Path home() {
    if (home != null) {
      return home;
    }
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".costflow");
  }

  /** Where imported price files live. */
  public Path importedDir() {
    return importedDir(home());
  }

  /** Where imported price files live under a data directory. */
  public static Path importedDir(Path home) {
    return home.resolve("catalog").resolve("imported");
  }

  public Catalog catalog() {
    return bundledOnly ? CatalogLoader.bundled() : CatalogLoader.installed(importedDir());
  }

  /**
   * Starts reading the catalog on another thread, so it overlaps with reading the model; the
   * supplier waits for it and rethrows what the read threw.
   */
  public java.util.function.Supplier<Catalog> catalogInBackground() {
    java.util.concurrent.FutureTask<Catalog> task = new java.util.concurrent.FutureTask<>(this::catalog);
    Thread t = new Thread(task, "costflow-catalog");
    t.setDaemon(true);
    t.start();
    return () -> {
      try {
        return task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    };
  }
}
