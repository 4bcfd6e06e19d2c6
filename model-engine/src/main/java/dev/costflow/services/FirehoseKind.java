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
 * Amazon Data Firehose stream. Each call into it is one record; ingestion is billed per GB with
 * each record rounded up to 5 KB (Direct PUT and Kinesis Data Streams sources). Records are buffered and delivered as objects: each call out of the
 * stream (its destination, e.g. an S3 bucket) receives one object per buffer flush — when
 * {@code buffer_mb} fills or {@code buffer_s} passes. Rules and sources:
 * docs/billing-rules.md#amazon-data-firehose.
 */
public final class FirehoseKind implements ServiceKind {
  public static final double RECORD_INCREMENT_KB = 5;
  public static final double KB_PER_GB = 1024.0 * 1024.0;

  public record Spec(double bufferMb, double bufferS) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.firehose";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon Data Firehose stream";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("buffer_mb", "buffer size before a delivery, 1–128 MB (default 5)");
    k.put("buffer_s", "buffer interval before a delivery, 0–900 s (default 300)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.number("buffer_mb", 5, 1, 128, "MB"), r.number("buffer_s", 300, 0, 900, "s"));
  }

  @Override
  public Invocation invocationInto(Service target) {
    // A transformation or destination Lambda function is invoked synchronously with a batch.
    return Invocation.SYNC;
  }

  /**
   * Objects delivered in one hour: a flush when the buffer holds {@code buffer_mb}, or when
   * {@code buffer_s} have passed with data in it — whichever comes first.
   */
  public static double flushesPerHour(double records, double meanKb, double bufferMb, double bufferS) {
    if (records <= 0) {
      return 0;
    }
    double bySize = records * meanKb / 1024.0 / bufferMb;
    double byTime = bufferS <= 0 ? records : Math.min(records, 3600.0 / bufferS);
    return Math.max(bySize, byTime);
  }

  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    Spec s = ctx.source().spec(Spec.class);
    double[] records = ctx.proportionalCalls();
    double meanKb = ctx.sourceLoad().payload().mean();
    double[] objects = new double[records.length];
    double totalObjects = 0;
    double totalKb = 0;
    for (int h = 0; h < records.length; h++) {
      objects[h] = flushesPerHour(records[h], meanKb, s.bufferMb(), s.bufferS());
      totalObjects += objects[h];
      totalKb += records[h] * meanKb;
    }
    Distribution objectKb = new Fixed(totalObjects > 0 ? totalKb / totalObjects : meanKb);
    // Delivering to a bucket writes objects: PUT requests unless the call says otherwise.
    String op = ctx.call().op().orElse(ctx.target().kind() instanceof S3Kind ? "put" : ctx.op());
    return new EdgeFlow(objects, records, ctx.call().kb().orElse(objectKb), op, ctx.invocation());
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Accumulator gb = new Accumulator(ctx.hours());
    for (Inflow f : ctx.load().inflows()) {
      gb.addUnits(ctx.quantities(), f.items(), f.kb(), RECORD_INCREMENT_KB, 1, Distribution.NO_CAP, RECORD_INCREMENT_KB / KB_PER_GB);
    }
    return List.of(gb.line("ingestion", "aws.firehose.ingestion", "records rounded up to 5 KB each (" + ctx.load().payload().describe() + " KB)"));
  }
}
