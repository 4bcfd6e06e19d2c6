package dev.costflow.services;

import dev.costflow.dist.Distribution;
import java.util.Objects;

/**
 * What one call edge carries per hour: calls into the target, the messages or records they carry
 * ({@code items}; more than calls when the target is invoked with batches), their payload, the
 * operation and how the target is invoked. {@code rejected} counts, per hour, the attempts the
 * target turned away (throttles under the account's concurrency limit, simulated only); it is
 * empty when there were none.
 */
public record EdgeFlow(double[] calls, double[] items, Distribution kb, String op, Invocation invocation, double[] rejected) {
  /** No rejected attempts. */
  public static final double[] NONE = new double[0];

  public EdgeFlow {
    Objects.requireNonNull(calls);
    Objects.requireNonNull(items);
    Objects.requireNonNull(kb);
    Objects.requireNonNull(op);
    Objects.requireNonNull(invocation);
    Objects.requireNonNull(rejected);
  }

  public EdgeFlow(double[] calls, double[] items, Distribution kb, String op, Invocation invocation) {
    this(calls, items, kb, op, invocation, NONE);
  }

  public EdgeFlow withCalls(double[] newCalls) {
    return new EdgeFlow(newCalls, items, kb, op, invocation, rejected);
  }

  /** Whether the target rejected any attempt. */
  public boolean hasRejected() {
    return rejected.length > 0;
  }

  public double totalCalls() {
    return Arrays2.sum(calls);
  }
}
