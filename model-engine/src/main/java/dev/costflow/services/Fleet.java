package dev.costflow.services;

import dev.costflow.model.NodeReader;
import java.util.Map;
import java.util.Optional;

/**
 * How many always-on tasks or instances serve a service's calls: a fixed count, or sized from the
 * CPU each call needs — per hour, ceil(calls × cpu_ms_per_call ÷ 3,600,000 ÷ (vCPU per unit ×
 * target utilization)), at least {@code min}; either for every hour (scaling {@code hourly},
 * like target-tracking auto scaling) or the busiest hour's count all period (scaling
 * {@code peak}, a fleet sized to the peak). Rules: docs/compare.md#sizing.
 */
public final class Fleet {
  public static final double DEFAULT_TARGET_UTILIZATION = 0.6;

  public enum Scaling {
    PEAK,
    HOURLY
  }

  /** A fixed count, or the sizing rule. */
  public record Sizing(Optional<Integer> count, Optional<Double> cpuMsPerCall, double targetUtilization, int min, Scaling scaling) {
    public String describe(String unit, double vcpuPerUnit) {
      if (count.isPresent()) {
        return count.get() + " " + unit + (count.get() == 1 ? "" : "s") + ", every hour";
      }
      return (scaling == Scaling.PEAK ? "sized to the peak hour" : "sized to each hour") + ": " + NodeReader.fmt(cpuMsPerCall.orElse(0.0)) + " vCPU-ms per call at "
          + NodeReader.fmt(targetUtilization * 100) + " % of " + NodeReader.fmt(vcpuPerUnit) + " vCPU per " + unit + ", at least " + min;
    }
  }

  private Fleet() {}

  /** Reads {@code countKey}, {@code cpu_ms_per_call}, {@code target_utilization}, {@code minKey} and {@code scaling}. */
  public static Sizing read(NodeReader r, String countKey, String minKey, String unit) {
    Optional<Integer> count = r.optInteger(countKey, 0, 100_000, unit + "s").map(Long::intValue);
    Optional<Double> cpu = r.optNumber("cpu_ms_per_call", 0, 1e9, "vCPU-ms");
    double util = r.number("target_utilization", DEFAULT_TARGET_UTILIZATION, 0.05, 1, "");
    int min = (int) r.integer(minKey, 1, 0, 100_000, unit + "s");
    Scaling scaling = r.choice("scaling", Scaling.PEAK, Map.of("peak", Scaling.PEAK, "hourly", Scaling.HOURLY));
    if (count.isPresent() && cpu.isPresent()) {
      r.error("cpu_ms_per_call", "give either " + countKey + " (a fixed count) or cpu_ms_per_call (sized from the load), not both");
    }
    return new Sizing(count, cpu, util, min, scaling);
  }

  /** Units running in each hour. */
  public static double[] units(Sizing s, double[] calls, double vcpuPerUnit) {
    int hours = calls.length;
    if (s.count().isPresent()) {
      return Arrays2.filled(hours, s.count().get());
    }
    double cpuMs = s.cpuMsPerCall().orElse(0.0);
    double[] out = new double[hours];
    double peak = 0;
    for (int h = 0; h < hours; h++) {
      double busyVcpu = calls[h] * cpuMs / 1000.0 / 3600.0;
      out[h] = Math.max(s.min(), Math.ceil(busyVcpu / (vcpuPerUnit * s.targetUtilization()) - 1e-9));
      peak = Math.max(peak, out[h]);
    }
    if (s.scaling() == Scaling.PEAK) {
      java.util.Arrays.fill(out, peak);
    }
    return out;
  }
}
