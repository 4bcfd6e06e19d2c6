package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Service;
import java.util.Objects;
import java.util.Optional;

/**
 * What a function's execution environments must serve: invocations per hour, how long each runs
 * ({@code durationMs}, capped at {@code timeoutMs}), the expected billed duration of one
 * invocation, the INIT duration of a cold start and its billing increment, the keep-alive of idle
 * environments, a given cold-start rate (which replaces the derivation), and provisioned
 * concurrency: {@code provisionedCount} environments, enabled for the given share of each hour.
 */
public record FunctionDemand(
    Service function,
    double[] invocations,
    Distribution durationMs,
    Optional<Double> timeoutMs,
    double billedMs,
    Distribution initMs,
    double granularityMs,
    boolean initBilled,
    double keepAliveMin,
    Optional<Double> coldStartRate,
    int provisionedCount,
    double[] provisionedEnabledHours) {
  public FunctionDemand {
    Objects.requireNonNull(function);
    Objects.requireNonNull(invocations);
    Objects.requireNonNull(durationMs);
    Objects.requireNonNull(timeoutMs);
    Objects.requireNonNull(initMs);
    Objects.requireNonNull(coldStartRate);
    Objects.requireNonNull(provisionedEnabledHours);
    if (provisionedEnabledHours.length != invocations.length) {
      throw new IllegalArgumentException("one provisioned share per hour");
    }
  }

  public int hours() {
    return invocations.length;
  }
}
