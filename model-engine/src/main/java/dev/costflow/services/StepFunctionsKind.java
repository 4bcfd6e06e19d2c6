package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Step Functions state machine. Each call into it starts one execution; each call out of it
 * is a Task state invoking a service (a Map or Parallel state's fan-out is the call's
 * {@code per_call}), retried on failure up to {@code max_retries} times. Standard workflows bill
 * state transitions (each step, each retry included); Express workflows bill requests and
 * duration × memory, duration rounded up to 100 ms and memory to 64 MB per execution, in tiers
 * of GB-hours. Rules and sources: docs/billing-rules.md#aws-step-functions.
 */
public final class StepFunctionsKind implements ServiceKind {
  /** Express duration increment, ms. */
  public static final double EXPRESS_INCREMENT_MS = 100;
  /** Express memory increment, MB. */
  public static final int EXPRESS_MEMORY_CHUNK_MB = 64;
  /** ASL's default Retry MaxAttempts. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  public enum Workflow {
    STANDARD,
    EXPRESS
  }

  public record Spec(Workflow workflow, Optional<Distribution> transitions, double errorRate, int maxRetries, int memoryMb, Distribution durationMs)
      implements ServiceSpec {

    /** Memory billed per execution: rounded up to 64 MB. */
    public int billedMemoryMb() {
      return (int) Math.ceil(memoryMb / (double) EXPRESS_MEMORY_CHUNK_MB - 1e-9) * EXPRESS_MEMORY_CHUNK_MB;
    }
  }

  @Override
  public String type() {
    return "aws.stepfunctions";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "AWS Step Functions state machine";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("workflow", "standard (default) or express");
    k.put("transitions", "standard: state transitions per execution, number or distribution (default: one per task call, retries included)");
    k.put("error_rate", "share of task attempts that fail and are retried (default 0)");
    k.put("max_retries", "retries of a failed task, 0–99 (default 3, ASL's MaxAttempts)");
    k.put("memory_mb", "express: memory an execution uses, MB, billed in 64 MB steps (default 64)");
    k.put("duration_ms", "express: duration of one execution in ms, number or distribution (default 100)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Workflow wf = r.choice("workflow", Workflow.STANDARD, Map.of("standard", Workflow.STANDARD, "express", Workflow.EXPRESS));
    Optional<Distribution> transitions = r.optDistribution("transitions", "transitions", 1e6);
    double errorRate = r.number("error_rate", 0, 0, 0.999, "");
    int maxRetries = (int) r.integer("max_retries", DEFAULT_MAX_RETRIES, 0, 99, "");
    int memory = (int) r.integer("memory_mb", EXPRESS_MEMORY_CHUNK_MB, 1, 1024 * 1024, "MB");
    Distribution duration = r.distribution("duration_ms", new Fixed(100), "ms", 5 * 60 * 1000);
    if (wf == Workflow.STANDARD) {
      for (String key : List.of("memory_mb", "duration_ms")) {
        if (r.has(key)) {
          r.error(key, key + " applies to workflow: express (standard workflows bill state transitions)");
        }
      }
    } else if (r.has("transitions")) {
      r.warning("transitions", "express workflows are billed by requests and duration, not state transitions; transitions is ignored");
    }
    return new Spec(wf, transitions, errorRate, maxRetries, memory, duration);
  }

  @Override
  public Invocation invocationInto(Service target) {
    // A Task state calls Lambda with RequestResponse and waits for the result.
    return Invocation.SYNC;
  }

  @Override
  public void validate(Service self, Model model, Problems problems) {
    Spec s = self.spec(Spec.class);
    if (s.workflow() == Workflow.STANDARD && s.transitions().isEmpty() && self.calls().isEmpty()) {
      problems.warning(self.pos(), "services." + self.id() + ": the state machine has no calls and no 'transitions'; each execution is billed one state transition");
    }
  }

  /** Attempts of every task call: first attempts plus retries of the failed ones. */
  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    Spec s = ctx.source().spec(Spec.class);
    EdgeFlow f = ctx.proportional();
    double[] attempts = Retries.attempts(ctx.quantities(), f.calls(), s.errorRate(), s.maxRetries());
    return new EdgeFlow(attempts, attempts, f.kb(), f.op(), f.invocation());
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] executions = ctx.load().calls();
    List<MeteredLine> lines = new ArrayList<>();
    if (s.workflow() == Workflow.STANDARD) {
      Accumulator transitions = new Accumulator(hours);
      double retryShare = 1 - 1 / Retries.attemptsPerCall(s.errorRate(), s.maxRetries());
      String detail;
      if (s.transitions().isPresent()) {
        transitions.addSum(ctx.quantities(), executions, s.transitions().get(), 1);
        for (EdgeFlow f : ctx.outflows()) {
          transitions.add(f.calls(), retryShare);
        }
        detail = s.transitions().get().describe() + " per execution" + (retryShare > 0 ? ", plus one per task retry" : "");
      } else if (!ctx.outflows().isEmpty()) {
        for (EdgeFlow f : ctx.outflows()) {
          transitions.add(f.calls(), 1);
        }
        detail = "one per task call (Map and Parallel fan-out included)" + (retryShare > 0 ? " and one per retry" : "");
      } else {
        transitions.add(executions, 1);
        detail = "one per execution (no task calls modeled)";
      }
      lines.add(transitions.line("state transitions", "aws.stepfunctions.transitions", detail));
      return lines;
    }
    Accumulator requests = new Accumulator(hours).add(executions, 1);
    lines.add(requests.line("requests", "aws.stepfunctions.express.requests", "1 per workflow execution started"));
    double gb = s.billedMemoryMb() / 1024.0;
    // GB-hours: 100 ms units × 0.1 s × GB / 3600.
    Accumulator gbHours = new Accumulator(hours).addUnits(ctx.quantities(), executions, s.durationMs(), EXPRESS_INCREMENT_MS, 1, Distribution.NO_CAP,
        EXPRESS_INCREMENT_MS / 1000.0 * gb / 3600.0);
    double billedMs = s.durationMs().expectedUnits(EXPRESS_INCREMENT_MS, 1, Distribution.NO_CAP) * EXPRESS_INCREMENT_MS;
    lines.add(gbHours.line("duration", "aws.stepfunctions.express.duration",
        NodeReader.fmt(s.billedMemoryMb()) + " MB billed (" + NodeReader.fmt(s.memoryMb()) + " MB in 64 MB steps) × " + NodeReader.fmt(Math.round(billedMs * 100) / 100.0)
            + " ms billed per execution (" + s.durationMs().describe() + ", rounded up to 100 ms)"));
    return lines;
  }

  /**
   * The memory estimate of the Step Functions pricing page: 50 MB + the definition + the payload
   * held by each Map or Parallel iteration, in MB. The page adds kilobytes to megabytes 1,000 to 1
   * (50 MB + 50 KB + 400 × 32 KB = 62.85 MB), and so does this.
   */
  public static double estimatedMemoryMb(double definitionKb, double payloadKb, int parallelIterations) {
    return 50 + (definitionKb + payloadKb * parallelIterations) / 1000.0;
  }
}
