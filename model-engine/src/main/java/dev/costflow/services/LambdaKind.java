package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS Lambda function. Meters: requests (async events above 256 KB add a request per 64 KB),
 * duration in GB-s per architecture (each invocation rounded up to 1 ms, 100 ms before
 * 2020-12-01), INIT duration of cold starts (billed from 2025-08-01), ephemeral storage above
 * 512 MB, provisioned concurrency and the duration it serves, with spill-over to on-demand.
 * Rules and sources: docs/billing-rules.md#aws-lambda.
 */
public final class LambdaKind implements ServiceKind {
  /** Lambda billed duration in 1 ms increments from this day (before: 100 ms). */
  public static final LocalDate ONE_MS_BILLING_FROM = LocalDate.of(2020, 12, 1);

  /** INIT phase billed for all functions from this day. */
  public static final LocalDate INIT_BILLED_FROM = LocalDate.of(2025, 8, 1);

  /** Minutes an idle execution environment is kept when the model does not say. */
  public static final double DEFAULT_KEEP_ALIVE_MIN = 10;

  public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String id;

    Architecture(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** Provisioned concurrency: {@code count} environments for {@code hours} of the period (the busiest hours). */
  public record Provisioned(int count, Optional<Double> hours) {}

  public record Spec(
      int memoryMb,
      Architecture architecture,
      Distribution durationMs,
      Distribution initMs,
      Optional<Double> coldStartRate,
      double keepAliveMin,
      int ephemeralStorageMb,
      Optional<Provisioned> provisioned,
      double errorRate,
      int maxRetries,
      Optional<Double> timeoutMs)
      implements ServiceSpec {

    public double memoryGb() {
      return memoryMb / 1024.0;
    }
  }

  @Override
  public String type() {
    return "aws.lambda";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "AWS Lambda function";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("memory_mb", "memory in MB, 128–10240 (default 128)");
    k.put("architecture", "x86_64 (default) or arm64");
    k.put("duration_ms", "duration of one invocation in ms: a number or a distribution (default 100)");
    k.put("init_ms", "INIT duration of a cold start in ms (default 0)");
    k.put("cold_start_rate", "share of invocations that are cold starts (default: derived from traffic and keep_alive_min)");
    k.put("keep_alive_min", "idle minutes before an environment is reclaimed (default 10)");
    k.put("ephemeral_storage_mb", "ephemeral storage in MB, 512–10240 (default 512, free)");
    k.put("provisioned_concurrency", "{count: N, hours: H} environments kept initialized, H hours of the period (default all)");
    k.put("error_rate", "share of invocations that fail (default 0)");
    k.put("max_retries", "retries of failed async events, 0–2 (default 2)");
    k.put("timeout_ms", "timeout in ms, up to 900000; caps billed duration");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    int memory = (int) r.integer("memory_mb", 128, 128, 10240, "MB");
    Architecture arch = r.choice("architecture", Architecture.X86_64, Map.of("x86_64", Architecture.X86_64, "arm64", Architecture.ARM64));
    Optional<Double> timeout = r.optNumber("timeout_ms", 1, 900_000, "ms");
    Distribution duration = r.distribution("duration_ms", new Fixed(100), "ms", 900_000);
    Distribution init = r.distribution("init_ms", new Fixed(0), "ms", 900_000);
    Optional<Double> coldRate = r.optNumber("cold_start_rate", 0, 1, "");
    double keepAlive = r.number("keep_alive_min", DEFAULT_KEEP_ALIVE_MIN, 0, 24 * 60, "min");
    int ephemeral = (int) r.integer("ephemeral_storage_mb", 512, 512, 10240, "MB");
    double errorRate = r.number("error_rate", 0, 0, 0.999, "");
    int maxRetries = (int) r.integer("max_retries", 2, 0, 2, "");
    Optional<Provisioned> pc = Optional.empty();
    Optional<NodeReader> pcr = r.child("provisioned_concurrency");
    if (pcr.isPresent()) {
      NodeReader p = pcr.get();
      Optional<Long> count = p.optInteger("count", 1, 1_000_000, "environments");
      Optional<Double> hours = p.optNumber("hours", 0, 24 * 366, "hours");
      p.rejectUnknown(List.of("count", "hours"));
      if (count.isEmpty() && !p.has("count")) {
        p.errorHere("provisioned_concurrency needs 'count'");
      }
      pc = count.map(c -> new Provisioned(c.intValue(), hours));
    }
    if (timeout.isPresent() && duration instanceof Fixed f && f.value() > timeout.get()) {
      r.warning("duration_ms", "duration " + NodeReader.fmt(f.value()) + " ms is above timeout_ms " + NodeReader.fmt(timeout.get()) + "; billed duration is capped at the timeout");
    }
    return new Spec(memory, arch, duration, init, coldRate, keepAlive, ephemeral, pc, errorRate, maxRetries, timeout);
  }

  @Override
  public Set<String> ops() {
    return Set.of("sync", "async");
  }

  @Override
  public String defaultOp() {
    return "invoke";
  }

  /** Attempts per event for an async invocation: 1 + e + e² … up to max_retries retries. */
  public static double asyncAttempts(Spec s) {
    double attempts = 0;
    double p = 1;
    for (int k = 0; k <= s.maxRetries(); k++) {
      attempts += p;
      p *= s.errorRate();
    }
    return attempts;
  }

  @Override
  public EdgeFlow arrive(EdgeFlow flow, Service self, Model model) {
    if (flow.invocation() != Invocation.ASYNC) {
      return flow;
    }
    Spec s = self.spec(Spec.class);
    double attempts = asyncAttempts(s);
    return attempts == 1 ? flow : flow.withCalls(Arrays2.scale(flow.calls(), attempts));
  }

  /**
   * When simulating, calls are first admitted under the account's concurrency limit (throttles),
   * then each failed async event is retried while it fails, up to {@code max_retries} times.
   */
  @Override
  public EdgeFlow arrive(EdgeFlow flow, EdgeContext edge) {
    Quantities q = edge.quantities();
    if (q.expected()) {
      return arrive(flow, edge.target(), edge.model());
    }
    EdgeFlow admitted = q.admit(edge, flow);
    Spec s = edge.target().spec(Spec.class);
    if (admitted.invocation() != Invocation.ASYNC || s.errorRate() <= 0 || s.maxRetries() == 0) {
      return admitted;
    }
    double[] total = admitted.calls().clone();
    double[] round = admitted.calls();
    for (int k = 0; k < s.maxRetries(); k++) {
      round = q.thin(round, s.errorRate());
      Arrays2.addInto(total, round);
    }
    return admitted.withCalls(total);
  }

  /** Billing increment of duration in ms on a day. */
  public static double granularityMs(LocalDate asOf) {
    return asOf.isBefore(ONE_MS_BILLING_FROM) ? 100 : 1;
  }

  /** Expected billed ms of one invocation: E[ceil(min(D, timeout) / g)] · g. */
  public static double billedDurationMs(Spec s, LocalDate asOf) {
    double g = granularityMs(asOf);
    return s.durationMs().expectedUnits(g, 0, capUnits(s, g)) * g;
  }

  /** Billed increments of the timeout, the cap on each invocation's billed units (none without a timeout). */
  static long capUnits(Spec s, double g) {
    return s.timeoutMs().map(t -> (long) Math.ceil(t / g - 1e-9)).orElse(Distribution.NO_CAP);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] invocations = ctx.load().calls();
    LocalDate asOf = ctx.rulesAsOf();
    double g = granularityMs(asOf);
    String arch = s.architecture().id();
    Quantities q = ctx.quantities();
    List<MeteredLine> lines = new ArrayList<>();

    // Requests: 1 per invocation; an async event above 256 KB bills one more per 64 KB chunk (up to 1 MB).
    Accumulator requests = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      if (f.invocation() == Invocation.ASYNC) {
        // clamp(ceil(kb/64), 4, 16) − 3 requests per event
        requests.addUnits(q, f.calls(), f.kb(), 64, 4, 16, 1).add(f.calls(), -3);
      } else {
        requests.add(f.calls(), 1);
      }
    }
    lines.add(requests.line("requests", "aws.lambda.requests", "1 per invocation (async events: +1 per 64 KB above 256 KB)"));

    double billedMs = billedDurationMs(s, asOf);
    double meanMs = s.durationMs().mean();
    double gbPerMs = s.memoryGb() / 1000.0;
    long cap = capUnits(s, g);

    // Provisioned concurrency: which hours are enabled (the busiest ones).
    double enabledHours = provisionedHours(s, hours);
    double[] pcEnabledHours = provisionedEnabledHours(s, invocations);
    // How the environments serve: provisioned, warm or cold (measured when simulating).
    boolean initBilled = !asOf.isBefore(INIT_BILLED_FROM);
    double initBilledMs = initBilled && s.initMs().mean() > 0 ? s.initMs().expectedUnits(g, 0, Distribution.NO_CAP) * g : 0;
    FunctionDemand demand = new FunctionDemand(ctx.service(), invocations, s.durationMs(), s.timeoutMs(), billedMs, s.initMs(), g, initBilled,
        s.keepAliveMin(), s.coldStartRate(), s.provisioned().map(Provisioned::count).orElse(0), pcEnabledHours);
    // The estimate's cold starts cost only their billed INIT: it skips them when there is none.
    // The simulator always follows the environments (cold starts are reported either way).
    Environments env = q.expected() ? Environments.expected(demand, initBilledMs > 0) : q.environments(demand);
    double[] pcServed = env.provisionedServed();
    double[] cold = env.coldStarts();

    // Billed duration units (increments of g) of on-demand and provisioned invocations, when sampled.
    double[] onDemandUnits = null;
    double[] pcUnits = null;
    if (!q.expected()) {
      double[] onDemand = new double[hours];
      for (int h = 0; h < hours; h++) {
        onDemand[h] = invocations[h] - pcServed[h];
      }
      onDemandUnits = q.units(onDemand, s.durationMs(), g, 0, cap);
      pcUnits = s.provisioned().isPresent() ? q.units(pcServed, s.durationMs(), g, 0, cap) : new double[hours];
    }

    if (s.provisioned().isPresent()) {
      Provisioned pc = s.provisioned().get();
      double[] configured = Arrays2.scale(pcEnabledHours, pc.count() * s.memoryGb() * 3600);
      lines.add(MeteredLine.of("provisioned concurrency", "aws.lambda.provisioned_concurrency." + arch, configured,
          pc.count() + " environments × " + NodeReader.fmt(s.memoryMb()) + " MB × " + NodeReader.fmt(enabledHours) + " h enabled"));
      double[] pcGbs = q.expected() ? Arrays2.scale(pcServed, billedMs * gbPerMs) : Arrays2.scale(pcUnits, g * gbPerMs);
      lines.add(MeteredLine.of("provisioned duration", "aws.lambda.provisioned_duration." + arch, pcGbs,
          "invocations served by provisioned environments × " + NodeReader.fmt(billedMs) + " ms billed"));
    }

    // Cold starts and INIT.

    Accumulator onDemandGbs = new Accumulator(hours);
    if (q.expected()) {
      onDemandGbs.add(invocations, billedMs * gbPerMs);
      if (s.provisioned().isPresent()) {
        onDemandGbs.add(pcServed, -billedMs * gbPerMs);
      }
      if (initBilledMs > 0) {
        onDemandGbs.add(cold, initBilledMs * gbPerMs);
      }
    } else {
      onDemandGbs.add(onDemandUnits, g * gbPerMs);
      if (initBilledMs > 0) {
        onDemandGbs.add(env.initUnits(), g * gbPerMs);
      }
    }
    String detail = NodeReader.fmt(s.memoryMb()) + " MB × " + fmtMs(billedMs) + " ms billed per invocation (" + s.durationMs().describe()
        + ", mean " + fmtMs(meanMs) + " ms, rounded up to " + NodeReader.fmt(g) + " ms)";
    if (initBilledMs > 0) {
      detail += " + " + fmtMs(initBilledMs) + " ms INIT × " + NodeReader.fmt(Math.round(Arrays2.sum(cold))) + " cold starts";
    }
    lines.add(onDemandGbs.line("duration", "aws.lambda.duration." + arch, detail));

    if (s.ephemeralStorageMb() > 512) {
      double extraGb = (s.ephemeralStorageMb() - 512) / 1024.0;
      Accumulator storage = new Accumulator(hours);
      if (q.expected()) {
        storage.add(invocations, billedMs / 1000.0 * extraGb);
        if (initBilledMs > 0) {
          storage.add(cold, initBilledMs / 1000.0 * extraGb);
        }
      } else {
        storage.add(onDemandUnits, g / 1000.0 * extraGb).add(pcUnits, g / 1000.0 * extraGb);
        if (initBilledMs > 0) {
          storage.add(env.initUnits(), g / 1000.0 * extraGb);
        }
      }
      lines.add(storage.line("ephemeral storage", "aws.lambda.ephemeral_storage",
          NodeReader.fmt(s.ephemeralStorageMb() - 512) + " MB above the free 512 MB × billed seconds"));
    }
    // Provisioned concurrency and its duration have no free tier (their meters carry none); the
    // function's requests and on-demand duration share the account's free tier, as in the pricing
    // page's provisioned-concurrency example 1 (docs/billing-rules.md#aws-lambda).
    return lines;
  }

  private static String fmtMs(double ms) {
    return NodeReader.fmt(Math.round(ms * 100) / 100.0);
  }

  /** Hours of the period provisioned concurrency is enabled, rounded up to 5-minute steps (0 without it). */
  public static double provisionedHours(Spec s, int hours) {
    if (s.provisioned().isEmpty()) {
      return 0;
    }
    double enabledHours = Math.min(hours, s.provisioned().get().hours().orElse((double) hours));
    // Enabled time is billed in 5-minute steps.
    return Math.ceil(enabledHours * 12 - 1e-9) / 12.0;
  }

  /** The share of each hour provisioned concurrency is enabled: the busiest hours, the last one partly. */
  public static double[] provisionedEnabledHours(Spec s, double[] invocations) {
    int hours = invocations.length;
    double[] pcEnabledHours = new double[hours];
    if (s.provisioned().isEmpty()) {
      return pcEnabledHours;
    }
    double enabledHours = provisionedHours(s, hours);
    boolean[] enabled = busiestHours(invocations, (int) Math.ceil(enabledHours - 1e-9));
    double remaining = enabledHours;
    for (int h = 0; h < hours; h++) {
      if (!enabled[h]) {
        continue;
      }
      double fraction = Math.min(1, remaining);
      remaining -= fraction;
      pcEnabledHours[h] = fraction;
    }
    return pcEnabledHours;
  }

  /** The {@code n} hours with the most invocations (ties: earlier first). */
  static boolean[] busiestHours(double[] load, int n) {
    boolean[] out = new boolean[load.length];
    if (n >= load.length) {
      java.util.Arrays.fill(out, true);
      return out;
    }
    Integer[] idx = new Integer[load.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(load[b], load[a]) != 0 ? Double.compare(load[b], load[a]) : Integer.compare(a, b));
    for (int i = 0; i < n; i++) {
      out[idx[i]] = true;
    }
    return out;
  }
}
