package dev.costflow.compare;

import dev.costflow.model.Model;
import dev.costflow.model.Service;
import dev.costflow.model.Traffic;
import dev.costflow.services.Ec2Kind;
import dev.costflow.services.FargateKind;
import dev.costflow.services.Fleet;
import dev.costflow.services.LambdaKind;
import dev.costflow.services.ServiceKinds;
import dev.costflow.services.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Variations of a validated model for comparisons: traffic scaled, functions replaced. */
public final class Models {
  /** Lambda's documented CPU allocation: 1 vCPU at 1,769 MB, in proportion to memory. */
  public static final double MB_PER_VCPU = 1769;
  /** At most 6 vCPU (10,240 MB). */
  public static final double MAX_LAMBDA_VCPU = 6;

  private Models() {}

  /** vCPU Lambda allocates to a function of this memory size. */
  public static double lambdaVcpu(int memoryMb) {
    return Math.min(MAX_LAMBDA_VCPU, memoryMb / MB_PER_VCPU);
  }

  /** The model with every traffic rate multiplied by {@code k} (schedules fire as they do: they are not scaled). */
  public static Model scaleTraffic(Model m, double k) {
    if (k == 1) {
      return m;
    }
    List<Service> services = new ArrayList<>();
    for (Service s : m.services()) {
      Optional<Traffic> t = s.traffic().map(tr -> new Traffic(scale(tr.rate(), k), tr.shape(), tr.peakToMean(), tr.growthPct(), tr.kb(), tr.zone(), tr.peakHour(), tr.pos()));
      services.add(new Service(s.id(), s.kind(), s.spec(), t, s.calls(), s.logKb(), s.tags(), s.pos()));
    }
    return new Model(m.name(), m.cloud(), m.region(), m.period(), m.pricing(), services, m.warnings(), m.source(), m.tree(), m.limits());
  }

  /** Whether any traffic of the model scales (a model fed only by schedules does not). */
  public static boolean hasScalableTraffic(Model m) {
    return m.services().stream().anyMatch(s -> s.traffic().isPresent() && !(s.traffic().get().rate() instanceof Traffic.ScheduleRate));
  }

  private static Traffic.Rate scale(Traffic.Rate r, double k) {
    if (r instanceof Traffic.Monthly x) {
      return new Traffic.Monthly(x.calls() * k);
    }
    if (r instanceof Traffic.Daily x) {
      return new Traffic.Daily(x.calls() * k);
    }
    if (r instanceof Traffic.Hourly x) {
      return new Traffic.Hourly(x.calls() * k);
    }
    if (r instanceof Traffic.Rps x) {
      return new Traffic.Rps(x.callsPerSecond() * k);
    }
    if (r instanceof Traffic.Series x) {
      SortedMap<java.time.LocalDateTime, Double> counts = new TreeMap<>();
      x.countsByHour().forEach((h, c) -> counts.put(h, c * k));
      return new Traffic.Series(x.file(), counts);
    }
    return r;
  }

  /** CPU time one call of the function needs, vCPU-ms: its mean duration × its vCPU × the CPU share of the duration. */
  public static double cpuMsPerCall(LambdaKind.Spec fn, double cpuFraction) {
    return fn.durationMs().mean() * lambdaVcpu(fn.memoryMb()) * cpuFraction;
  }

  /** The EC2 instance type a function moves to: the setting, else m7g.large (arm64) or m7i.large (x86_64). */
  public static Ec2Kind.InstanceType instanceTypeFor(LambdaKind.Spec fn, CompareSettings s) {
    String name = s.instanceType().orElse(fn.architecture() == LambdaKind.Architecture.ARM64 ? "m7g.large" : "m7i.large");
    Ec2Kind.InstanceType t = Ec2Kind.TYPES.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no price for instance type '" + name + "'; priced types: " + String.join(", ", Ec2Kind.TYPES.keySet()));
    }
    return t;
  }

  /** The model with each Lambda function replaced by a Fargate service or EC2 instances sized from its load. */
  public static Model replaceFunctions(Model m, CompareSettings s) {
    List<Service> services = new ArrayList<>();
    for (Service svc : m.services()) {
      if (!(svc.kind() instanceof LambdaKind)) {
        services.add(svc);
        continue;
      }
      LambdaKind.Spec fn = svc.spec(LambdaKind.Spec.class);
      Fleet.Sizing sizing = new Fleet.Sizing(Optional.empty(), Optional.of(cpuMsPerCall(fn, s.cpuFraction())), s.targetUtilization(), s.minUnits(), s.scaling());
      ServiceSpec spec;
      if (s.platform() == Platform.FARGATE) {
        spec = new FargateKind.Spec(FargateKind.Mode.SERVICE, s.taskVcpu(), s.taskMemoryGb(), fn.architecture(), FargateKind.FREE_STORAGE_GB, sizing,
            new dev.costflow.dist.Fixed(60_000));
      } else {
        spec = new Ec2Kind.Spec(Ec2Kind.Mode.SERVICE, instanceTypeFor(fn, s), s.volumeGb(), sizing, new dev.costflow.dist.Fixed(60_000));
      }
      services.add(new Service(svc.id(), ServiceKinds.byType(s.platform().type()).orElseThrow(), spec, svc.traffic(), svc.calls(), svc.logKb(), svc.tags(), svc.pos()));
    }
    return new Model(m.name(), m.cloud(), m.region(), m.period(), m.pricing(), services, m.warnings(), m.source(), m.tree(), m.limits());
  }
}
