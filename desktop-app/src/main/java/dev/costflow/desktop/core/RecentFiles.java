package dev.costflow.desktop.core;

import dev.costflow.reports.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The most recently opened or saved models, newest first, kept in a text file (one absolute path
 * a line) under the costflow home ({@code COSTFLOW_HOME}, default {@code ~/.costflow}). Losing
 * the list is harmless, so read and write problems are ignored.
 */
public final class RecentFiles {
  public static final int MAX = 10;
  private final Optional<Path> store;
  private final List<Path> files = new ArrayList<>();

  public RecentFiles(Optional<Path> store) {
    this.store = store;
    store.ifPresent(this::load);
  }

  /** The list in {@code home}/desktop-recent.txt. */
  public static RecentFiles in(Path home) {
    return new RecentFiles(Optional.of(home.resolve("desktop-recent.txt")));
  }

  /** The costflow home: {@code COSTFLOW_HOME}, else {@code ~/.costflow} (SPEC section 5). */
  public static Path home() {
    return dev.costflow.billing.BillingStore.defaultHome();
  }

  public static RecentFiles none() {
    return new RecentFiles(Optional.empty());
  }

  private void load(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && files.size() < MAX) {
            files.add(Path.of(line.strip()));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      files.clear();
    }
  }

  public synchronized List<Path> files() {
    return List.copyOf(files);
  }

  /** Moves a file to the top of the list and stores the list. */
  public synchronized List<Path> add(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    files.remove(abs);
    files.add(0, abs);
    while (files.size() > MAX) {
      files.remove(files.size() - 1);
    }
    persist();
    return List.copyOf(files);
  }

  public synchronized List<Path> remove(Path file) {
    files.remove(file.toAbsolutePath().normalize());
    persist();
    return List.copyOf(files);
  }

  private void persist() {
    if (store.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (Path p : files) {
      b.append(p).append('\n');
    }
    try {
      AtomicFiles.write(store.get(), b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // the list is a convenience
    }
  }
}
