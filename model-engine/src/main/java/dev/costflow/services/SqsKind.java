package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SQS queue. Every API action is a request and every 64 KB chunk of its payload another:
 * sends (one per message), and for each Lambda event source mapping reading the queue its
 * receives (up to 10 messages each), deletes (one DeleteMessageBatch per receive) and the empty
 * receives of its idle long-polling pollers. A failed batch is received again up to
 * {@code max_receive_count} times. Rules and sources: docs/billing-rules.md#amazon-sqs.
 */
public final class SqsKind implements ServiceKind {
  public static final double CHUNK_KB = 64;
  /** Messages per ReceiveMessage / DeleteMessageBatch call. */
  public static final int MESSAGES_PER_RECEIVE = 10;
  /** Long-poll wait of the Lambda pollers, seconds. */
  public static final double LONG_POLL_S = 20;
  /** Pollers a Lambda event source mapping keeps on an idle queue (documented assumption). */
  public static final int DEFAULT_POLLERS = 5;

  public record Spec(boolean fifo, int maxReceiveCount, int pollers) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.sqs";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon SQS queue";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("fifo", "true for a FIFO queue (default false)");
    k.put("max_receive_count", "receives of a message before it goes to the dead-letter queue (default 3)");
    k.put("pollers", "long-polling pollers of each Lambda event source mapping while idle (default 5)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.bool("fifo", false), (int) r.integer("max_receive_count", 3, 1, 1000, ""), (int) r.integer("pollers", DEFAULT_POLLERS, 1, 1000, ""));
  }

  @Override
  public boolean passesMessagesOn() {
    return true;
  }

  @Override
  public boolean batchesInto(Service target) {
    return target.kind() instanceof LambdaKind;
  }

  @Override
  public Invocation invocationInto(Service target) {
    return target.kind() instanceof LambdaKind ? Invocation.POLL : Invocation.SYNC;
  }

  @Override
  public void validate(Service self, Model model, Problems problems) {
    Spec s = self.spec(Spec.class);
    for (var call : self.calls()) {
      int b = call.batchSize().orElse(10);
      if (s.fifo() && b > 10) {
        problems.error(call.pos(), "services." + self.id() + ".calls: batch_size of a FIFO queue is at most 10, got " + b);
      }
      if (s.fifo() && call.batchWindowS() > 0) {
        problems.error(call.pos(), "services." + self.id() + ".calls: FIFO queues do not support batch_window_s");
      }
      if (b > 10 && call.batchWindowS() < 1) {
        problems.error(call.pos(), "services." + self.id() + ".calls: batch_size above 10 needs batch_window_s of at least 1 (an AWS rule)");
      }
    }
    if (self.calls().isEmpty()) {
      problems.warning(self.pos(), "services." + self.id() + ": the queue has no consumer in the model; only its sends are priced");
    }
  }

  /** Invocation attempts per batch when a failed batch is received again. */
  static double redriveAttempts(double errorRate, int maxReceiveCount) {
    double a = 0;
    double p = 1;
    for (int k = 0; k < maxReceiveCount; k++) {
      a += p;
      p *= errorRate;
    }
    return a;
  }

  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    if (!(ctx.target().kind() instanceof LambdaKind)) {
      return ctx.proportional();
    }
    Spec s = ctx.source().spec(Spec.class);
    LambdaKind.Spec fn = ctx.target().spec(LambdaKind.Spec.class);
    double[] messages = ctx.proportionalCalls();
    Distribution kb = ctx.payload();
    double billedS = fn.durationMs().mean() / 1000.0;
    int batchSize = ctx.call().batchSize().orElse(10);
    double cap = ctx.call().batchWindowS() > 0 ? batchSize : Math.min(batchSize, MESSAGES_PER_RECEIVE);
    double[] batches = Batching.invocations(messages, cap, ctx.call().batchWindowS(), billedS / s.pollers(), kb.mean());
    double attempts = redriveAttempts(fn.errorRate(), s.maxReceiveCount());
    return new EdgeFlow(Arrays2.scale(batches, attempts), Arrays2.scale(messages, attempts), kb, "poll", Invocation.POLL);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    String meterId = s.fifo() ? "aws.sqs.requests.fifo" : "aws.sqs.requests";
    int hours = ctx.hours();
    List<MeteredLine> lines = new ArrayList<>();
    Accumulator sends = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      sends.addUnits(ctx.quantities(), f.items(), f.kb(), CHUNK_KB, 1, Distribution.NO_CAP, 1);
    }
    lines.add(sends.line("send requests", meterId, "1 per message per 64 KB (" + ctx.load().payload().describe() + " KB)"));

    double[] receives = new double[hours];
    double[] deletes = new double[hours];
    double[] empty = new double[hours];
    boolean consumed = false;
    for (int i = 0; i < ctx.outflows().size(); i++) {
      EdgeFlow f = ctx.outflows().get(i);
      if (f.invocation() != Invocation.POLL) {
        continue;
      }
      consumed = true;
      double meanKb = f.kb().mean();
      double[] msgs = f.items();
      for (int h = 0; h < hours; h++) {
        if (f.calls()[h] <= 0) {
          continue;
        }
        double batch = msgs[h] / f.calls()[h];
        double receiveCalls = Math.max(1, batch / MESSAGES_PER_RECEIVE);
        double perReceive = batch / receiveCalls;
        double chunks = Math.max(1, perReceive * meanKb / CHUNK_KB);
        receives[h] += f.calls()[h] * receiveCalls * chunks;
        deletes[h] += f.calls()[h] * receiveCalls;
      }
      // Idle long polls: each poller's receive returns empty when no message arrives within 20 s.
      for (int h = 0; h < hours; h++) {
        double perPoller = msgs[h] / 3600.0 / s.pollers();
        empty[h] += s.pollers() * emptyPollsPerHour(perPoller);
      }
    }
    if (consumed) {
      lines.add(MeteredLine.of("receive requests", meterId, receives, "ReceiveMessage of the event source mapping, up to 10 messages and 1 request per 64 KB each"));
      lines.add(MeteredLine.of("delete requests", meterId, deletes, "DeleteMessageBatch after each successful receive"));
      lines.add(MeteredLine.of("empty receives", meterId, empty, s.pollers() + " pollers long-polling " + NodeReader.fmt(LONG_POLL_S) + " s while the queue is empty"));
    }
    return lines;
  }

  /**
   * Empty 20-second long polls in an hour for one poller receiving messages at rate μ per second:
   * a renewal process whose cycles end at the first message or after 20 s,
   * 3600 · P(empty) / E[cycle] = 3600 · e^{−20μ} · μ / (1 − e^{−20μ}); 180 when idle.
   */
  static double emptyPollsPerHour(double mu) {
    if (mu <= 0) {
      return 3600 / LONG_POLL_S;
    }
    double pEmpty = Math.exp(-LONG_POLL_S * mu);
    double cycle = -Math.expm1(-LONG_POLL_S * mu) / mu;
    return 3600 * pEmpty / cycle;
  }
}
