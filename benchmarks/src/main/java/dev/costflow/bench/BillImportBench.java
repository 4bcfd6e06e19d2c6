package dev.costflow.bench;

import dev.costflow.billing.BillingStore;
import dev.costflow.importers.bills.BillImport;
import dev.costflow.importers.bills.CurImporter;
import dev.costflow.importers.bills.Progress;
import dev.costflow.pricing.UsageTypeIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Timed harness for the billing import (BENCHMARKS.md, "Billing import"). One measurement per JVM:
 *
 * <pre>
 *   generate FILE ROWS      write a synthetic hourly legacy CUR (gzip CSV)
 *   floor FILE              just decompress and split every line into fields (String.split)
 *   import FILE HOME        costflow's import of FILE into a fresh store at HOME
 * </pre>
 *
 * Each prints one line: what, rows, seconds, rows per second and the process's peak resident
 * memory (VmHWM from /proc/self/status).
 */
public final class BillImportBench {
  private BillImportBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: BillImportBench generate FILE ROWS | floor FILE | import FILE HOME");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    long rows;
    switch (args[0]) {
      case "generate" -> {
        rows = Long.parseLong(args[2]);
        CurGenerator.write(Path.of(args[1]), rows, 42);
      }
      case "floor" -> rows = floor(Path.of(args[1]));
      case "import" -> {
        Path home = Path.of(args[2]);
        Files.deleteIfExists(home.resolve(BillingStore.FILE));
        Files.deleteIfExists(home.resolve(BillingStore.FILE + ".wal"));
        try (BillingStore store = BillingStore.open(home)) {
          BillImport.Outcome o = BillImport.files(store, new CurImporter(CurImporter.Flavor.LEGACY, UsageTypeIndex.bundled()), List.of(Path.of(args[1])),
              Progress.NONE);
          rows = o.stats().rowsRead();
          System.err.println("stored " + o.result().linesStored() + " lines, billed " + o.stats().billedUsd().toPlainString());
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds();
    System.out.println(String.format(Locale.ROOT, "%s rows=%d seconds=%.2f rows_per_s=%.0f cpu_s=%.2f rows_per_cpu_s=%.0f peak_rss_mb=%d file_mb=%.0f", args[0],
        rows, secs, rows / secs, cpu, rows / cpu, peakRssMb(), Files.size(Path.of(args[1])) / 1048576.0));
  }

  /** Decompress and split: the least any importer of this file must do. */
  static long floor(Path file) throws IOException {
    long rows = 0;
    long fields = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 20)) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        fields += line.split(",", -1).length;
        rows++;
      }
    }
    if (fields == 0) {
      System.err.println("no fields");
    }
    return rows;
  }

  /** CPU time of the whole process (all threads: the JIT, GC and DuckDB's too): steadier than wall time on a shared machine. */
  static double cpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  static long peakRssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
