package dev.costflow.importers.bills;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on a terminal: at most five redraws a second, on one line that the end erases.
 * {@link #NONE} when standard error is not a terminal (pipes, CI logs, tests).
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void update(String what, long done, long total, long rows) {}

    @Override
    public void finish() {}
  };

  /** {@code done} of {@code total} units (0 total: unknown) of {@code what}, {@code rows} rows so far. */
  void update(String what, long done, long total, long rows);

  /** Clears the bar. */
  void finish();

  /** A bar drawn on {@code err}. */
  static Progress terminal(PrintWriter err) {
    return new Progress() {
      private long last;
      private final long started = System.nanoTime();
      private boolean drawn;

      @Override
      public void update(String what, long done, long total, long rows) {
        long now = System.nanoTime();
        if (now - last < 200_000_000L) {
          return;
        }
        last = now;
        double secs = Math.max(1e-3, (now - started) / 1e9);
        int width = 30;
        String bar;
        String pct;
        if (total > 0) {
          double f = Math.min(1, done / (double) total);
          int filled = (int) Math.round(f * width);
          bar = "#".repeat(filled) + ".".repeat(width - filled);
          pct = String.format(Locale.ROOT, "%3.0f%%", f * 100);
        } else {
          bar = ".".repeat(width);
          pct = "  ?%";
        }
        String name = what.length() > 40 ? "…" + what.substring(what.length() - 39) : what;
        err.print(String.format(Locale.ROOT, "\r[%s] %s %,d rows %,.0f rows/s  %s\u001b[K", bar, pct, rows, rows / secs, name));
        err.flush();
        drawn = true;
      }

      @Override
      public void finish() {
        if (drawn) {
          err.print("\r\u001b[K");
          err.flush();
        }
      }
    };
  }
}
