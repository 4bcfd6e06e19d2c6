package dev.costflow.compare;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Cloud;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.Service;
import dev.costflow.services.Arrays2;
import dev.costflow.services.Ec2Kind;
import dev.costflow.services.Inflow;
import dev.costflow.services.LambdaKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prices a model as it is and with its functions moved to containers or VMs, adds the people's
 * cost of running each, and finds the traffic level where the two totals of ownership cross by
 * scaling every traffic rate (docs/compare.md).
 */
public final class Comparator {
  /** The sweep: traffic scales 1, 2 and 5 × 10^d from 1/1000× to 1000× today's traffic. */
  static final double[] SWEEP = sweepScales();
  static final int BISECTIONS = 40;

  private static double[] sweepScales() {
    List<Double> out = new ArrayList<>();
    for (int d = -3; d < 3; d++) {
      for (int m : new int[] {1, 2, 5}) {
        out.add(new java.math.BigDecimal(m).scaleByPowerOfTen(d).doubleValue());
      }
    }
    out.add(1000.0);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Comparator() {}

  public static Comparison compare(Model model, CompareSettings s, Estimator estimator) {
    if (model.cloud() != Cloud.AWS) {
      throw new ModelException(Diagnostic.error(model.tree().pos(), "compare: containers and VMs are priced for AWS only; the model is priced for cloud: " + model.cloud().id()));
    }
    if (model.services().stream().noneMatch(x -> x.kind() instanceof LambdaKind)) {
      throw new ModelException(Diagnostic.error(model.tree().pos(), "compare: the model has no aws.lambda function to move to " + s.platform().id()));
    }
    for (Service svc : model.services()) {
      if (svc.kind() instanceof LambdaKind) {
        Models.instanceTypeFor(svc.spec(LambdaKind.Spec.class), s); // fails early on an unknown instance type
      }
    }
    Estimate serverless = estimator.estimate(model);
    Estimate alternative = estimator.estimate(Models.replaceFunctions(model, s));
    BigDecimal months = model.period().months();
    Comparison.Side left = new Comparison.Side("serverless", serverless, s.serverlessOpsHoursPerMonth(), people(s.serverlessOpsHoursPerMonth(), s, months));
    Comparison.Side right = new Comparison.Side(s.platform().id(), alternative, s.opsHoursPerMonth(), people(s.opsHoursPerMonth(), s, months));
    double entry = entryCallsPerMonth(serverless);

    List<Comparison.SweepPoint> sweep = new ArrayList<>();
    Optional<Comparison.Crossover> crossover = Optional.empty();
    if (Models.hasScalableTraffic(model)) {
      double[] scales = SWEEP.clone();
      BigDecimal[] diffs = new BigDecimal[scales.length];
      for (int i = 0; i < scales.length; i++) {
        double k = scales[i];
        Comparison.SweepPoint p = k == 1 ? new Comparison.SweepPoint(1, entry, left.totalUsd(), right.totalUsd()) : point(model, s, estimator, k, months);
        diffs[i] = p.alternativeUsd().subtract(p.serverlessUsd());
        sweep.add(p);
      }
      crossover = crossover(model, s, estimator, months, scales, diffs, entry);
    }
    return new Comparison(model, s, left, right, replacements(model, serverless, alternative, s), crossover, sweep, entry);
  }

  static BigDecimal people(double hours, CompareSettings s, BigDecimal months) {
    return s.opsRateUsd().multiply(BigDecimal.valueOf(hours)).multiply(months, MathContext.DECIMAL128);
  }

  private static Comparison.SweepPoint point(Model model, CompareSettings s, Estimator estimator, double k, BigDecimal months) {
    Model scaled = Models.scaleTraffic(model, k);
    Estimate a = estimator.estimate(scaled);
    Estimate b = estimator.estimate(Models.replaceFunctions(scaled, s));
    return new Comparison.SweepPoint(k, entryCallsPerMonth(a), a.totalUsd().add(people(s.serverlessOpsHoursPerMonth(), s, months)),
        b.totalUsd().add(people(s.opsHoursPerMonth(), s, months)));
  }

  /**
   * The crossing nearest today's traffic: where alternative − serverless changes sign between two
   * sweep points, refined by bisection on the logarithm of the scale.
   */
  private static Optional<Comparison.Crossover> crossover(Model model, CompareSettings s, Estimator estimator, BigDecimal months, double[] scales, BigDecimal[] diffs,
      double entry) {
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i + 1 < scales.length; i++) {
      if (diffs[i].signum() != 0 && diffs[i].signum() == diffs[i + 1].signum()) {
        continue;
      }
      if (diffs[i].signum() == 0 && diffs[i + 1].signum() == 0) {
        continue;
      }
      double d = Math.abs(Math.log(Math.sqrt(scales[i] * scales[i + 1])));
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    double lo = Math.log(scales[best]);
    double hi = Math.log(scales[best + 1]);
    int loSign = diffs[best].signum();
    for (int it = 0; it < BISECTIONS && loSign != 0; it++) {
      double mid = 0.5 * (lo + hi);
      Comparison.SweepPoint p = point(model, s, estimator, Math.exp(mid), months);
      int sign = p.alternativeUsd().subtract(p.serverlessUsd()).signum();
      if (sign == loSign) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double k = loSign == 0 ? scales[best] : Math.exp(hi);
    // Above the crossing the sign of (alternative − serverless) is that of the upper point.
    int upper = diffs[best + 1].signum() != 0 ? diffs[best + 1].signum() : -loSign;
    String cheaperAbove = upper > 0 ? "serverless" : s.platform().id();
    return Optional.of(new Comparison.Crossover(k, entry * k, cheaperAbove));
  }

  /** Calls entering the model from outside in a month (its traffic), over the period's months. */
  static double entryCallsPerMonth(Estimate e) {
    double calls = 0;
    for (Service svc : e.model().services()) {
      for (Inflow f : e.workload().load(svc.id()).inflows()) {
        if (f.isTraffic()) {
          calls += f.totalCalls();
        }
      }
    }
    return calls / e.period().monthsAsDouble();
  }

  private static List<Comparison.Replacement> replacements(Model model, Estimate serverless, Estimate alternative, CompareSettings s) {
    List<Comparison.Replacement> out = new ArrayList<>();
    for (Service svc : model.services()) {
      if (!(svc.kind() instanceof LambdaKind)) {
        continue;
      }
      LambdaKind.Spec fn = svc.spec(LambdaKind.Spec.class);
      ServiceCost before = serverless.service(svc.id()).orElseThrow();
      ServiceCost after = alternative.service(svc.id()).orElseThrow();
      double perUnit;
      String size;
      if (s.platform() == Platform.FARGATE) {
        perUnit = s.taskVcpu();
        size = dev.costflow.model.NodeReader.fmt(s.taskVcpu()) + " vCPU, " + dev.costflow.model.NodeReader.fmt(s.taskMemoryGb()) + " GB";
      } else {
        Ec2Kind.InstanceType t = Models.instanceTypeFor(fn, s);
        perUnit = t.vcpu();
        size = t.name();
      }
      double[] units = unitsPerHour(after, s.platform(), perUnit);
      out.add(new Comparison.Replacement(svc.id(), fn.memoryMb(), fn.durationMs().mean(), Models.cpuMsPerCall(fn, s.cpuFraction()), size, Arrays2.max(units),
          units.length == 0 ? 0 : Arrays2.sum(units) / units.length, before.costUsd(), after.costUsd()));
    }
    return out;
  }

  /** Tasks or instances per hour, read back from the replacement's first line (vCPU-hours or instance-hours). */
  private static double[] unitsPerHour(ServiceCost after, Platform platform, double vcpuPerUnit) {
    for (LineCost l : after.lines()) {
      Optional<double[]> hourly = l.metered().hourly();
      if (hourly.isEmpty()) {
        continue;
      }
      if (platform == Platform.FARGATE && l.meterId().startsWith("aws.fargate.vcpu_hours")) {
        return Arrays2.scale(hourly.get(), 1 / vcpuPerUnit);
      }
      if (platform == Platform.EC2 && l.meterId().startsWith("aws.ec2.hours.")) {
        return hourly.get();
      }
    }
    return new double[0];
  }
}
