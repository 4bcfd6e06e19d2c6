package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure Functions. Consumption plan: executions, and execution time in GB-s — per execution the
 * observed memory rounded up to 128 MB (at most 1,536 MB) times the duration rounded up to 1 ms,
 * with minimums of 128 MB and 100 ms. Flex Consumption plan: executions, and the instance memory
 * provisioned while instances are busy executing (several executions share an instance up to
 * {@code per_instance_concurrency}), plus the baseline of always-ready instances.
 * Rules and sources: docs/billing-rules.md#azure-functions.
 */
public final class AzureFunctionsKind implements ServiceKind {
  public static final int MEMORY_STEP_MB = 128;
  public static final int MAX_MEMORY_MB = 1536;
  public static final long MIN_DURATION_MS = 100;
  /** Flex Consumption instance sizes, MB. */
  public static final Set<Integer> FLEX_INSTANCE_MB = Set.of(512, 2048, 4096);

  public enum Plan {
    CONSUMPTION,
    FLEX
  }

  public record Spec(Plan plan, Distribution memoryMb, Distribution durationMs, int instanceMemoryMb, int perInstanceConcurrency, int alwaysReady)
      implements ServiceSpec {}

  @Override
  public String type() {
    return "azure.functions";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AZURE;
  }

  @Override
  public String title() {
    return "Azure Functions app";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("plan", "consumption (default) or flex (Flex Consumption)");
    k.put("memory_mb", "consumption: memory an execution uses, MB, number or distribution (default 128; billed in 128 MB steps up to 1536)");
    k.put("duration_ms", "duration of one execution in ms, number or distribution (default 100)");
    k.put("instance_memory_mb", "flex: instance size, 512, 2048 (default) or 4096 MB");
    k.put("per_instance_concurrency", "flex: executions one instance runs at once (default 1)");
    k.put("always_ready", "flex: always-ready instances (default 0)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Plan plan = r.choice("plan", Plan.CONSUMPTION, Map.of("consumption", Plan.CONSUMPTION, "flex", Plan.FLEX));
    Distribution memory = r.distribution("memory_mb", new Fixed(MEMORY_STEP_MB), "MB", 14 * 1024);
    Distribution duration = r.distribution("duration_ms", new Fixed(100), "ms", 24 * 3600e3);
    int instance = (int) r.integer("instance_memory_mb", 2048, 512, 4096, "MB");
    if (!FLEX_INSTANCE_MB.contains(instance)) {
      r.error("instance_memory_mb", "Flex Consumption instances have 512, 2048 or 4096 MB, got " + instance);
    }
    int concurrency = (int) r.integer("per_instance_concurrency", 1, 1, 1000, "executions");
    int ready = (int) r.integer("always_ready", 0, 0, 1000, "instances");
    if (plan == Plan.CONSUMPTION) {
      for (String key : List.of("instance_memory_mb", "per_instance_concurrency", "always_ready")) {
        if (r.has(key)) {
          r.error(key, key + " applies to plan: flex");
        }
      }
    } else if (r.has("memory_mb")) {
      r.warning("memory_mb", "the Flex Consumption plan bills the instance memory (instance_memory_mb), not the memory used; memory_mb is ignored");
    }
    return new Spec(plan, memory, duration, instance, concurrency, ready);
  }

  /** Mean GB billed per consumption execution: E[clamp(ceil(M / 128 MB), 1, 12)] × 128 MB. */
  public static double billedMemoryGb(Distribution memoryMb) {
    return memoryMb.expectedUnits(MEMORY_STEP_MB, 1, MAX_MEMORY_MB / MEMORY_STEP_MB) * MEMORY_STEP_MB / 1024.0;
  }

  /** The Azure Monitor metric FunctionExecutionUnits is in MB-milliseconds: GB-s = MB-ms ÷ 1,024,000. */
  public static double gbSecondsFromExecutionUnits(double mbMilliseconds) {
    return mbMilliseconds / (1024.0 * 1000.0);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] executions = ctx.load().calls();
    List<MeteredLine> lines = new ArrayList<>();
    if (s.plan() == Plan.CONSUMPTION) {
      lines.add(new Accumulator(hours).add(executions, 1).line("executions", "azure.functions.executions", "1 per execution"));
      double gb = billedMemoryGb(s.memoryMb());
      // ms units with a 100 ms minimum, × GB / 1000.
      Accumulator gbs = new Accumulator(hours).addUnits(ctx.quantities(), executions, s.durationMs(), 1, MIN_DURATION_MS, Distribution.NO_CAP, gb / 1000.0);
      lines.add(gbs.line("execution time", "azure.functions.execution_time",
          NodeReader.fmt(Math.round(gb * 1024 * 100) / 100.0) + " MB billed (" + s.memoryMb().describe() + " MB in 128 MB steps) × duration (" + s.durationMs().describe()
              + " ms, rounded up to 1 ms, at least 100 ms)"));
      return lines;
    }
    double instanceGb = s.instanceMemoryMb() / 1024.0;
    double meanS = s.durationMs().mean() / 1000.0;
    double[] busyInstanceSeconds = new double[hours];
    for (int h = 0; h < hours; h++) {
      double inFlight = executions[h] / 3600.0 * meanS;
      busyInstanceSeconds[h] = 3600 * Concurrency.expectedBusyInstances(inFlight, s.perInstanceConcurrency());
    }
    String busy = NodeReader.fmt(s.instanceMemoryMb()) + " MB instances × the time they are busy (" + s.durationMs().describe() + " ms per execution, "
        + s.perInstanceConcurrency() + " at once per instance)";
    if (s.alwaysReady() == 0) {
      lines.add(new Accumulator(hours).add(executions, 1).line("executions", "azure.functions.flex.executions", "1 per execution"));
      lines.add(new Accumulator(hours).add(busyInstanceSeconds, instanceGb).line("on-demand execution time", "azure.functions.flex.execution_time", busy));
    } else {
      // With always-ready instances there is no free grant: those meters carry none.
      lines.add(new Accumulator(hours).add(executions, 1).line("executions", "azure.functions.flex.executions.always_ready", "1 per execution"));
      lines.add(new Accumulator(hours).add(busyInstanceSeconds, instanceGb).line("execution time", "azure.functions.flex.always_ready.execution_time", busy));
      lines.add(MeteredLine.of("always-ready baseline", "azure.functions.flex.always_ready.baseline", Arrays2.filled(hours, s.alwaysReady() * instanceGb * 3600),
          s.alwaysReady() + " always-ready " + NodeReader.fmt(s.instanceMemoryMb()) + " MB instances, every hour"));
    }
    return lines;
  }
}
