package dev.costflow.services;

import dev.costflow.dist.Distribution;
import java.util.Objects;

/**
 * Calls arriving at a service from one source (a caller service's call, or the service's own
 * traffic when {@code callIndex} is -1): per hour of the period, with the payload of each call,
 * the operation and how it is invoked. {@code items} counts the messages or records the calls
 * carry (equal to {@code calls} except for batched polling, where one call carries a batch).
 */
public record Inflow(String from, int callIndex, double[] calls, Distribution kb, String op, Invocation invocation, double[] items) {
  public static final String TRAFFIC = "(traffic)";

  public Inflow {
    Objects.requireNonNull(from);
    Objects.requireNonNull(calls);
    Objects.requireNonNull(kb);
    Objects.requireNonNull(op);
    Objects.requireNonNull(invocation);
    Objects.requireNonNull(items);
  }

  public boolean isTraffic() {
    return callIndex < 0;
  }

  public double totalCalls() {
    return Arrays2.sum(calls);
  }

  public double totalItems() {
    return Arrays2.sum(items);
  }
}
