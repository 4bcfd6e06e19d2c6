package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud Functions (1st gen). Invocations, and compute time rounded up to 100 ms per
 * invocation, billed twice: GB-seconds of the memory provisioned and GHz-seconds of the CPU that
 * comes with that memory size. Rules and sources: docs/billing-rules.md#google-cloud-functions-1st-gen.
 */
public final class CloudFunctionsKind implements ServiceKind {
  public static final double INCREMENT_MS = 100;

  /** CPU clock (GHz) of each memory size, MB. */
  public static final Map<Integer, Double> GHZ_BY_MEMORY_MB = Map.of(128, 0.2, 256, 0.4, 512, 0.8, 1024, 1.4, 2048, 2.4, 4096, 4.8, 8192, 4.8);

  public record Spec(int memoryMb, Distribution durationMs) implements ServiceSpec {
    public double ghz() {
      return GHZ_BY_MEMORY_MB.get(memoryMb);
    }
  }

  @Override
  public String type() {
    return "gcp.cloudfunctions";
  }

  @Override
  public Cloud cloud() {
    return Cloud.GCP;
  }

  @Override
  public String title() {
    return "Google Cloud Functions (1st gen)";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("memory_mb", "memory: 128, 256 (default), 512, 1024, 2048, 4096 or 8192 MB; sets the CPU (200 MHz … 4.8 GHz)");
    k.put("duration_ms", "duration of one invocation in ms, number or distribution (default 100)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    int memory = (int) r.integer("memory_mb", 256, 128, 8192, "MB");
    if (!GHZ_BY_MEMORY_MB.containsKey(memory)) {
      r.error("memory_mb", "1st gen functions have 128, 256, 512, 1024, 2048, 4096 or 8192 MB, got " + memory);
      memory = 256;
    }
    return new Spec(memory, r.distribution("duration_ms", new Fixed(100), "ms", 540_000));
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] invocations = ctx.load().calls();
    List<MeteredLine> lines = new ArrayList<>();
    lines.add(new Accumulator(hours).add(invocations, 1).line("invocations", "gcp.cloudfunctions.invocations", "1 per invocation"));
    double gb = s.memoryMb() / 1024.0;
    // Billed 100 ms increments per invocation: E[ceil(D / 100 ms)] (at least one).
    Accumulator increments = new Accumulator(hours).addUnits(ctx.quantities(), invocations, s.durationMs(), INCREMENT_MS, 1, Distribution.NO_CAP, 1);
    String timed = s.durationMs().describe() + " ms per invocation, rounded up to 100 ms";
    lines.add(scaled(increments, gb * INCREMENT_MS, 1000, "memory time", "gcp.cloudfunctions.memory_gb_seconds", s.memoryMb() + " MB × " + timed));
    lines.add(scaled(increments, s.ghz() * INCREMENT_MS, 1000, "CPU time", "gcp.cloudfunctions.cpu_ghz_seconds", NodeReader.fmt(s.ghz()) + " GHz (the " + s.memoryMb() + " MB size's CPU) × " + timed));
    return lines;
  }

  /** A line of {@code a} × k ÷ d (the division last, so round inputs give round totals). */
  static MeteredLine scaled(Accumulator a, double k, double d, String name, String meterId, String detail) {
    return new MeteredLine(name, meterId, Math.max(0, a.total() * k / d), java.util.Optional.of(Arrays2.scale(a.hourly(), k / d)), true, detail);
  }
}
