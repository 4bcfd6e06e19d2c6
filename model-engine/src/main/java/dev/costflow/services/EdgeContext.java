package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Call;
import dev.costflow.model.Model;
import dev.costflow.model.Period;
import dev.costflow.model.Service;

/** One call edge being propagated: the source with its load, the call and the target. */
public record EdgeContext(Model model, Service source, ServiceLoad sourceLoad, int callIndex, Call call, Service target, Quantities quantities) {

  /** The analytic estimate's context. */
  public EdgeContext(Model model, Service source, ServiceLoad sourceLoad, int callIndex, Call call, Service target) {
    this(model, source, sourceLoad, callIndex, call, target, Quantities.EXPECTED);
  }

  public Period period() {
    return model.period();
  }

  /** The operation: the call's {@code op}, else the target's default. */
  public String op() {
    return call.op().orElse(target.kind().defaultOp());
  }

  /** How the target is invoked: {@code op: sync|async} on the call, else the source's default. */
  public Invocation invocation() {
    String op = op();
    if (op.equals("sync")) {
      return Invocation.SYNC;
    }
    if (op.equals("async")) {
      return Invocation.ASYNC;
    }
    return source.kind().invocationInto(target);
  }

  /**
   * The payload of each call into the target: the call's {@code kb}; else the incoming payload when
   * the source passes messages on unchanged; else 1 KB.
   */
  public Distribution payload() {
    if (call.kb().isPresent()) {
      return call.kb().get();
    }
    return source.kind().passesMessagesOn() ? sourceLoad.payload() : new Fixed(1);
  }

  /** Calls into the target per hour: source calls × probability × E[per_call] (sampled when simulating). */
  public double[] proportionalCalls() {
    if (quantities.expected()) {
      return Arrays2.scale(sourceLoad.calls(), call.gain());
    }
    return quantities.sum(quantities.thin(sourceLoad.calls(), call.probability()), call.perCall());
  }

  /** The default flow: proportional calls, each carrying one item. */
  public EdgeFlow proportional() {
    double[] calls = proportionalCalls();
    return new EdgeFlow(calls, calls, payload(), op(), invocation());
  }
}
