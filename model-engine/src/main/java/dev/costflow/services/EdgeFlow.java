package dev.costflow.services;

import dev.costflow.dist.Distribution;
import java.util.Objects;

/**
 * What one call edge carries per hour: calls into the target, the messages or records they carry
 * ({@code items}; more than calls when the target is invoked with batches), their payload, the
 * operation and how the target is invoked.
 */
public record EdgeFlow(double[] calls, double[] items, Distribution kb, String op, Invocation invocation) {
  public EdgeFlow {
    Objects.requireNonNull(calls);
    Objects.requireNonNull(items);
    Objects.requireNonNull(kb);
    Objects.requireNonNull(op);
    Objects.requireNonNull(invocation);
  }

  public EdgeFlow withCalls(double[] newCalls) {
    return new EdgeFlow(newCalls, items, kb, op, invocation);
  }

  public double totalCalls() {
    return Arrays2.sum(calls);
  }
}
