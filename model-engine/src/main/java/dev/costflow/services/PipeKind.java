package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon EventBridge Pipe: reads events from a source (each call into the pipe is one event),
 * filters them ({@code filter_match}), groups them into batches of {@code batch_size} and sends
 * each batch to its target (its call). Requests are counted after filtering, one per batch per
 * 64 KB chunk of the batch. Rules and sources: docs/billing-rules.md#amazon-eventbridge.
 */
public final class PipeKind implements ServiceKind {
  public static final double CHUNK_KB = 64;

  public record Spec(double filterMatch, int batchSize) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.eventbridge.pipe";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon EventBridge Pipe";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("filter_match", "share of source events that pass the pipe's filter (default 1)");
    k.put("batch_size", "events sent to the target per request, 1–10000 (default 1)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.number("filter_match", 1, 0, 1, ""), (int) r.integer("batch_size", 1, 1, 10_000, "events"));
  }

  @Override
  public boolean passesMessagesOn() {
    return true;
  }

  /** Events that pass the filter, per hour (sampled when simulating). */
  static double[] filtered(Quantities q, double[] events, double match) {
    return q.thin(events, match);
  }

  /** The batches sent to the target: filtered events ÷ batch size, each carrying its events. */
  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    Spec s = ctx.source().spec(Spec.class);
    EdgeFlow f = ctx.proportional();
    double[] events = filtered(ctx.quantities(), f.items(), s.filterMatch());
    double[] batches = Arrays2.scale(events, 1.0 / s.batchSize());
    return new EdgeFlow(batches, events, f.kb(), f.op(), Invocation.SYNC);
  }

  @Override
  public void validate(Service self, dev.costflow.model.Model model, dev.costflow.model.Problems problems) {
    if (self.calls().size() > 1) {
      problems.error(self.calls().get(1).pos(), "services." + self.id() + ".calls: a pipe has one target, got " + self.calls().size() + " calls");
    }
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    Accumulator requests = new Accumulator(ctx.hours());
    if (ctx.outflows().isEmpty()) {
      // No target modeled: the filtered events still count as requests.
      for (Inflow f : ctx.load().inflows()) {
        addRequests(ctx.quantities(), requests, filtered(ctx.quantities(), f.items(), s.filterMatch()), f.kb(), s.batchSize());
      }
    } else {
      EdgeFlow f = ctx.outflows().get(0);
      addRequests(ctx.quantities(), requests, f.items(), f.kb(), s.batchSize());
    }
    return List.of(requests.line("requests", "aws.eventbridge.pipe.requests",
        "events after filtering (" + NodeReader.fmt(s.filterMatch() * 100) + " % match) in batches of " + s.batchSize() + ", 1 request per batch per 64 KB"));
  }

  private static void addRequests(Quantities q, Accumulator requests, double[] events, Distribution kb, int batchSize) {
    if (batchSize == 1) {
      requests.addUnits(q, events, kb, CHUNK_KB, 1, Distribution.NO_CAP, 1);
    } else {
      // A batch's payload is the sum of its events: its chunks are taken from the mean batch size.
      Distribution batchKb = new Fixed(kb.mean() * batchSize);
      requests.addUnits(q, Arrays2.scale(events, 1.0 / batchSize), batchKb, CHUNK_KB, 1, Distribution.NO_CAP, 1);
    }
  }

  @Override
  public Invocation invocationInto(Service target) {
    return Invocation.SYNC;
  }
}
