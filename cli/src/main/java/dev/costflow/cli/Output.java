package dev.costflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes a command's result to stdout, or to a file through a temp file and an atomic move. */
public final class Output {
  private Output() {}

  public static void write(String text, Path file, PrintWriter stdout) {
    if (file == null) {
      stdout.print(text);
      stdout.flush();
      return;
    }
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes to a temp file next to the target, then moves it over the target. */
  public static void writeAtomically(Path file, byte[] bytes) {
    try {
      dev.costflow.reports.AtomicFiles.write(file, bytes);
    } catch (IOException e) {
      throw new UserException(file + ": cannot write: " + e.getMessage(), e);
    }
  }
}
