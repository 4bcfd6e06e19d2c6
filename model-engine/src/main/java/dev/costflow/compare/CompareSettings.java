package dev.costflow.compare;

import dev.costflow.services.Fleet;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How the containers or VMs are sized and what running them costs in people's time. Defaults and
 * their reasons are in docs/compare.md.
 *
 * @param targetUtilization CPU utilization the fleet is sized to at its busiest hour
 * @param minUnits fewest tasks or instances per replaced function (2: one per availability zone)
 * @param cpuFraction share of a function's duration that is CPU work (1: CPU-bound, the
 *     conservative assumption; an I/O-bound function waits most of its duration)
 * @param scaling a fleet sized to the peak hour for the whole period, or each hour its own
 * @param opsHoursPerMonth people's hours a month to run the containers or VMs
 * @param serverlessOpsHoursPerMonth people's hours a month to run the serverless version
 * @param opsRateUsd loaded cost of one hour of an engineer
 * @param instanceType EC2 instance type (default by architecture: m7g.large or m7i.large)
 * @param taskVcpu Fargate task vCPU
 * @param taskMemoryGb Fargate task memory
 * @param volumeGb EBS volume per EC2 instance
 */
public record CompareSettings(
    Platform platform,
    double targetUtilization,
    int minUnits,
    double cpuFraction,
    Fleet.Scaling scaling,
    double opsHoursPerMonth,
    double serverlessOpsHoursPerMonth,
    BigDecimal opsRateUsd,
    Optional<String> instanceType,
    double taskVcpu,
    double taskMemoryGb,
    double volumeGb) {

  public static final double DEFAULT_TARGET_UTILIZATION = 0.6;
  public static final int DEFAULT_MIN_UNITS = 2;
  public static final BigDecimal DEFAULT_OPS_RATE_USD = BigDecimal.valueOf(100);
  public static final double DEFAULT_SERVERLESS_OPS_HOURS = 2;
  public static final double DEFAULT_VOLUME_GB = 20;

  public CompareSettings {
    Objects.requireNonNull(platform);
    Objects.requireNonNull(scaling);
    Objects.requireNonNull(opsRateUsd);
    Objects.requireNonNull(instanceType);
    if (!(targetUtilization > 0 && targetUtilization <= 1)) {
      throw new IllegalArgumentException("target utilization must be in (0, 1], got " + targetUtilization);
    }
    if (!(cpuFraction > 0 && cpuFraction <= 1)) {
      throw new IllegalArgumentException("CPU fraction must be in (0, 1], got " + cpuFraction);
    }
    if (minUnits < 0 || opsHoursPerMonth < 0 || serverlessOpsHoursPerMonth < 0 || opsRateUsd.signum() < 0 || volumeGb < 0) {
      throw new IllegalArgumentException("counts, hours and rates must be 0 or more");
    }
  }

  /** People's hours a month to run the platform, when not given. */
  public static double defaultOpsHours(Platform p) {
    return p == Platform.FARGATE ? 8 : 24;
  }

  public static CompareSettings defaults(Platform p) {
    return new CompareSettings(p, DEFAULT_TARGET_UTILIZATION, DEFAULT_MIN_UNITS, 1.0, Fleet.Scaling.PEAK, defaultOpsHours(p), DEFAULT_SERVERLESS_OPS_HOURS,
        DEFAULT_OPS_RATE_USD, Optional.empty(), 1, 2, DEFAULT_VOLUME_GB);
  }
}
