package dev.costflow.sim;

import java.util.HashMap;
import java.util.Map;

/** The state of one run: its random streams and what it measured per function. */
final class SimRun {
  final SimPlan plan;
  final long key;
  final RandomStreams streams = new RandomStreams();
  private final Map<String, FunctionMetrics> functions = new HashMap<>();

  SimRun(SimPlan plan, long seed, int run) {
    this.plan = plan;
    this.key = RandomStreams.runKey(seed, run);
  }

  SimQuantities root() {
    return new SimQuantities(this, key);
  }

  FunctionMetrics metrics(String serviceId) {
    return functions.computeIfAbsent(serviceId, k -> new FunctionMetrics());
  }

  Map<String, FunctionMetrics> functions() {
    return functions;
  }
}
