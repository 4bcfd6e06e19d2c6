package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon EC2 instances (Linux, on-demand), for comparing serverless functions with VMs. As a
 * {@code service}, instances run every hour — a fixed {@code instances} count or sized from the
 * CPU each call needs ({@link Fleet}); as a {@code job}, each call runs one instance for
 * {@code duration_ms}, billed per second with a 60-second minimum. Billed: instance-hours of the
 * type and gp3 volume GB-months. Rules and sources: docs/billing-rules.md#amazon-ec2.
 */
public final class Ec2Kind implements ServiceKind {
  public static final double MINIMUM_S = 60;
  public static final double HOURS_PER_MONTH = 730;

  /** An instance type's size (AWS instance type documentation). */
  public record InstanceType(String name, int vcpu, double memoryGib, LambdaKind.Architecture architecture) {
    public String meterId() {
      return "aws.ec2.hours." + name;
    }
  }

  /** The instance types the bundled catalog prices (vCPU, GiB). */
  public static final Map<String, InstanceType> TYPES;

  static {
    Map<String, InstanceType> m = new LinkedHashMap<>();
    LambdaKind.Architecture x86 = LambdaKind.Architecture.X86_64;
    LambdaKind.Architecture arm = LambdaKind.Architecture.ARM64;
    for (InstanceType t : List.of(
        new InstanceType("t3.medium", 2, 4, x86),
        new InstanceType("t4g.medium", 2, 4, arm),
        new InstanceType("m6i.large", 2, 8, x86),
        new InstanceType("m6i.xlarge", 4, 16, x86),
        new InstanceType("m6g.large", 2, 8, arm),
        new InstanceType("m7i.large", 2, 8, x86),
        new InstanceType("m7g.large", 2, 8, arm),
        new InstanceType("m7g.xlarge", 4, 16, arm),
        new InstanceType("c6i.large", 2, 4, x86),
        new InstanceType("c6g.large", 2, 4, arm),
        new InstanceType("c7i.large", 2, 4, x86),
        new InstanceType("c7g.large", 2, 4, arm),
        new InstanceType("c7g.xlarge", 4, 8, arm),
        new InstanceType("r6i.large", 2, 16, x86),
        new InstanceType("r7g.large", 2, 16, arm))) {
      m.put(t.name(), t);
    }
    TYPES = java.util.Collections.unmodifiableMap(m);
  }

  public enum Mode {
    SERVICE,
    JOB
  }

  public record Spec(Mode mode, InstanceType instanceType, double volumeGb, Fleet.Sizing sizing, Distribution durationMs) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.ec2";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon EC2 instances";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("mode", "service (default: instances always running) or job (each call runs one instance)");
    k.put("instance_type", "the instance type, e.g. m7g.large (required; " + TYPES.size() + " types priced)");
    k.put("volume_gb", "gp3 EBS volume per instance, GB (default 0)");
    k.put("instances", "service: instances running every hour (else sized from cpu_ms_per_call)");
    k.put("cpu_ms_per_call", "service: vCPU-milliseconds each call needs, to size the instances");
    k.put("target_utilization", "service: CPU utilization the sized instances run at (default 0.6)");
    k.put("min_instances", "service: fewest instances when sized (default 1)");
    k.put("scaling", "service: peak (default) or hourly");
    k.put("duration_ms", "job: how long each call's instance runs, ms (billed per second, 60 s minimum)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Mode mode = r.choice("mode", Mode.SERVICE, Map.of("service", Mode.SERVICE, "job", Mode.JOB));
    Optional<String> name = r.optText("instance_type");
    InstanceType type = TYPES.get("m7g.large");
    if (name.isEmpty()) {
      if (!r.has("instance_type")) {
        r.errorHere("missing 'instance_type' (one of " + String.join(", ", TYPES.keySet()) + ")");
      }
    } else if (!TYPES.containsKey(name.get())) {
      r.error("instance_type", "no price for instance type '" + name.get() + "'" + Suggest.hint(name.get(), TYPES.keySet()) + "; priced types: " + String.join(", ", TYPES.keySet()));
    } else {
      type = TYPES.get(name.get());
    }
    double volume = r.number("volume_gb", 0, 0, 65536, "GB");
    Fleet.Sizing sizing = Fleet.read(r, "instances", "min_instances", "instance");
    Distribution duration = r.distribution("duration_ms", new Fixed(60_000), "ms", 365 * 24 * 3600e3);
    if (mode == Mode.SERVICE) {
      if (sizing.count().isEmpty() && sizing.cpuMsPerCall().isEmpty()) {
        r.errorHere("an EC2 service needs 'instances' (a fixed count) or 'cpu_ms_per_call' (to size the instances from the load)");
      }
      if (r.has("duration_ms")) {
        r.error("duration_ms", "duration_ms applies to mode: job");
      }
    } else {
      for (String key : List.of("instances", "cpu_ms_per_call", "target_utilization", "min_instances", "scaling")) {
        if (r.has(key)) {
          r.error(key, key + " applies to mode: service");
        }
      }
    }
    return new Spec(mode, type, volume, sizing, duration);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    InstanceType t = s.instanceType();
    Accumulator instanceHours = new Accumulator(hours);
    String detail;
    if (s.mode() == Mode.SERVICE) {
      instanceHours.add(Fleet.units(s.sizing(), ctx.load().calls(), t.vcpu()), 1);
      detail = t.name() + " (" + t.vcpu() + " vCPU, " + NodeReader.fmt(t.memoryGib()) + " GiB); " + s.sizing().describe("instance", t.vcpu());
    } else {
      instanceHours.addUnits(ctx.quantities(), ctx.load().calls(), s.durationMs(), 1000, (long) MINIMUM_S, Distribution.NO_CAP, 1 / 3600.0);
      detail = t.name() + ", one instance per call for " + s.durationMs().describe() + " ms, billed per second with a 60-second minimum";
    }
    List<MeteredLine> lines = new ArrayList<>();
    lines.add(instanceHours.line("instance hours", t.meterId(), detail));
    if (s.volumeGb() > 0) {
      // GB-months: a volume of G GB for the hours of a billing month is G GB-months.
      double monthHours = ctx.period().isCalendarMonth() ? ctx.hours() : HOURS_PER_MONTH;
      double[] gbMonths = Arrays2.scale(instanceHours.hourly(), s.volumeGb() / monthHours);
      lines.add(new MeteredLine("EBS gp3 volumes", "aws.ec2.ebs_gp3", Math.max(0, instanceHours.total() * s.volumeGb() / monthHours), Optional.of(gbMonths), true,
          NodeReader.fmt(s.volumeGb()) + " GB per instance for the hours it runs"));
    }
    return lines;
  }
}
