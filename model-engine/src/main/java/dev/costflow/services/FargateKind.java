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
 * AWS Fargate (Amazon ECS) tasks, for comparing serverless functions with containers. As a
 * {@code service}, tasks run every hour — a fixed {@code tasks} count or sized from the CPU each
 * call needs ({@link Fleet}); as a {@code job}, each call runs one task for {@code duration_ms},
 * billed per second with a one-minute minimum. Billed: vCPU-hours and GB-hours per architecture,
 * and ephemeral storage above the free 20 GB. Rules and sources: docs/billing-rules.md#aws-fargate.
 */
public final class FargateKind implements ServiceKind {
  public static final double MINIMUM_S = 60;
  public static final double FREE_STORAGE_GB = 20;

  public enum Mode {
    SERVICE,
    JOB
  }

  public record Spec(Mode mode, double vcpu, double memoryGb, LambdaKind.Architecture architecture, double ephemeralStorageGb, Fleet.Sizing sizing,
      Distribution durationMs) implements ServiceSpec {}

  /** Memory (GB) Fargate allows for each vCPU size: min, max and step. */
  static final Map<Double, double[]> MEMORY = Map.of(
      0.25, new double[] {0.5, 2, 0.5},
      0.5, new double[] {1, 4, 1},
      1.0, new double[] {2, 8, 1},
      2.0, new double[] {4, 16, 1},
      4.0, new double[] {8, 30, 1},
      8.0, new double[] {16, 60, 4},
      16.0, new double[] {32, 120, 8});

  /** What is wrong with a task size, if anything. */
  public static java.util.Optional<String> sizeProblem(double vcpu, double memoryGb) {
    double[] range = MEMORY.get(vcpu);
    if (range == null) {
      return java.util.Optional.of("Fargate tasks have 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, got " + NodeReader.fmt(vcpu));
    }
    double steps = (memoryGb - range[0]) / range[2];
    if (memoryGb < range[0] - 1e-9 || memoryGb > range[1] + 1e-9 || Math.abs(steps - Math.rint(steps)) > 1e-9) {
      return java.util.Optional.of("a " + NodeReader.fmt(vcpu) + " vCPU task takes " + NodeReader.fmt(range[0]) + "–" + NodeReader.fmt(range[1]) + " GB in steps of "
          + NodeReader.fmt(range[2]) + " GB, got " + NodeReader.fmt(memoryGb));
    }
    return java.util.Optional.empty();
  }

  @Override
  public String type() {
    return "aws.fargate";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "AWS Fargate tasks";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("mode", "service (default: tasks always running) or job (each call runs one task)");
    k.put("vcpu", "vCPU per task: 0.25, 0.5, 1, 2, 4, 8 or 16 (default 1)");
    k.put("memory_gb", "memory per task in GB, within the vCPU size's range (default 2 per vCPU)");
    k.put("architecture", "x86_64 (default) or arm64");
    k.put("ephemeral_storage_gb", "ephemeral storage per task, 20–200 GB (default 20, free)");
    k.put("tasks", "service: tasks running every hour (else sized from cpu_ms_per_call)");
    k.put("cpu_ms_per_call", "service: vCPU-milliseconds each call needs, to size the tasks");
    k.put("target_utilization", "service: CPU utilization the sized tasks run at (default 0.6)");
    k.put("min_tasks", "service: fewest tasks when sized (default 1)");
    k.put("scaling", "service: peak (default: the busiest hour's tasks all period) or hourly (each hour its own)");
    k.put("duration_ms", "job: how long each call's task runs, ms (billed per second, 1 minute minimum)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Mode mode = r.choice("mode", Mode.SERVICE, Map.of("service", Mode.SERVICE, "job", Mode.JOB));
    double vcpu = r.number("vcpu", 1, 0.25, 16, "vCPU");
    double[] range = MEMORY.get(vcpu);
    if (range == null) {
      r.error("vcpu", "Fargate tasks have 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, got " + NodeReader.fmt(vcpu));
      vcpu = 1;
      range = MEMORY.get(1.0);
    }
    double memory = r.number("memory_gb", Math.max(range[0], Math.min(range[1], 2 * vcpu)), 0.5, 120, "GB");
    if (r.has("memory_gb")) {
      sizeProblem(vcpu, memory).ifPresent(p -> r.error("memory_gb", p));
    }
    LambdaKind.Architecture arch = r.choice("architecture", LambdaKind.Architecture.X86_64,
        Map.of("x86_64", LambdaKind.Architecture.X86_64, "arm64", LambdaKind.Architecture.ARM64));
    double storage = r.number("ephemeral_storage_gb", FREE_STORAGE_GB, FREE_STORAGE_GB, 200, "GB");
    Fleet.Sizing sizing = Fleet.read(r, "tasks", "min_tasks", "task");
    Distribution duration = r.distribution("duration_ms", new Fixed(60_000), "ms", 14 * 24 * 3600e3);
    if (mode == Mode.SERVICE) {
      if (sizing.count().isEmpty() && sizing.cpuMsPerCall().isEmpty()) {
        r.errorHere("a Fargate service needs 'tasks' (a fixed count) or 'cpu_ms_per_call' (to size the tasks from the load)");
      }
      if (r.has("duration_ms")) {
        r.error("duration_ms", "duration_ms applies to mode: job");
      }
    } else {
      for (String key : List.of("tasks", "cpu_ms_per_call", "target_utilization", "min_tasks", "scaling")) {
        if (r.has(key)) {
          r.error(key, key + " applies to mode: service");
        }
      }
    }
    return new Spec(mode, vcpu, memory, arch, storage, sizing, duration);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    String arch = s.architecture().id();
    // Task-hours per hour.
    Accumulator taskHours = new Accumulator(hours);
    String detail;
    if (s.mode() == Mode.SERVICE) {
      taskHours.add(Fleet.units(s.sizing(), ctx.load().calls(), s.vcpu()), 1);
      detail = s.sizing().describe("task", s.vcpu());
    } else {
      // Billed seconds per call: max(60, ceil(D / 1 s)).
      taskHours.addUnits(ctx.quantities(), ctx.load().calls(), s.durationMs(), 1000, (long) MINIMUM_S, Distribution.NO_CAP, 1 / 3600.0);
      detail = "one task per call for " + s.durationMs().describe() + " ms, billed per second with a 1-minute minimum";
    }
    List<MeteredLine> lines = new ArrayList<>();
    String size = NodeReader.fmt(s.vcpu()) + " vCPU, " + NodeReader.fmt(s.memoryGb()) + " GB tasks; ";
    lines.add(scaled(taskHours, s.vcpu(), "vCPU", "aws.fargate.vcpu_hours." + arch, size + detail));
    lines.add(scaled(taskHours, s.memoryGb(), "memory", "aws.fargate.gb_hours." + arch, size + detail));
    if (s.ephemeralStorageGb() > FREE_STORAGE_GB) {
      lines.add(scaled(taskHours, s.ephemeralStorageGb() - FREE_STORAGE_GB, "ephemeral storage", "aws.fargate.ephemeral_storage_gb_hours",
          NodeReader.fmt(s.ephemeralStorageGb() - FREE_STORAGE_GB) + " GB above the free 20 GB per task"));
    }
    return lines;
  }

  private static MeteredLine scaled(Accumulator taskHours, double perTask, String name, String meterId, String detail) {
    double[] hourly = Arrays2.scale(taskHours.hourly(), perTask);
    return new MeteredLine(name, meterId, Math.max(0, taskHours.total() * perTask), java.util.Optional.of(hourly), true, detail);
  }
}
