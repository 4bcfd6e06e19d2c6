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
import java.util.Optional;

/**
 * Amazon Kinesis Data Streams. Each call into the stream puts one record. Provisioned streams
 * bill shard-hours (the shards given, or the fewest that carry the peak hour: 1 MB/s and 1,000
 * records/s in and 2 MB/s out per shard), PUT payload units (each record rounded up to 25 KB),
 * extended and long-term retention, and enhanced fan-out consumer-shard-hours and data. On-demand
 * streams bill stream-hours, data in (each record rounded up to 1 KB) and data out. Each call out
 * of the stream is a consumer reading every record; a Lambda consumer is invoked with batches per
 * shard. Rules and sources: docs/billing-rules.md#amazon-kinesis-data-streams.
 */
public final class KinesisKind implements ServiceKind {
  public static final double PUT_UNIT_KB = 25;
  public static final double ON_DEMAND_RECORD_KB = 1;
  public static final double SHARD_IN_MB_S = 1;
  public static final double SHARD_IN_RECORDS_S = 1000;
  public static final double SHARD_OUT_MB_S = 2;
  public static final double DEFAULT_RETENTION_HOURS = 24;
  public static final double EXTENDED_RETENTION_MAX_HOURS = 7 * 24;
  /** Shards an on-demand stream starts with (4 MB/s write capacity). */
  public static final int ON_DEMAND_MIN_SHARDS = 4;
  public static final double KB_PER_GB = 1024.0 * 1024.0;
  /** Seconds between Lambda's polls of a shard. */
  public static final double POLL_INTERVAL_S = 1.0;

  public enum Mode {
    PROVISIONED,
    ON_DEMAND
  }

  public record Spec(Mode mode, Optional<Integer> shards, double retentionHours, int efoConsumers, int externalConsumers) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.kinesis";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon Kinesis data stream";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("mode", "provisioned (default) or on_demand");
    k.put("shards", "provisioned shards (default: the fewest that carry the peak hour)");
    k.put("retention_hours", "how long records are kept, 24–8760 (default 24)");
    k.put("efo_consumers", "enhanced fan-out consumers registered on the stream (default 0)");
    k.put("external_consumers", "shared-throughput consumers outside the model, reading every record (default 0)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Mode mode = r.choice("mode", Mode.PROVISIONED, Map.of("provisioned", Mode.PROVISIONED, "on_demand", Mode.ON_DEMAND));
    Optional<Integer> shards = r.optInteger("shards", 1, 100_000, "shards").map(Long::intValue);
    if (mode == Mode.ON_DEMAND && shards.isPresent()) {
      r.error("shards", "shards apply to mode: provisioned (on-demand streams scale by themselves)");
    }
    double retention = r.number("retention_hours", DEFAULT_RETENTION_HOURS, 24, 8760, "hours");
    int efo = (int) r.integer("efo_consumers", 0, 0, 20, "consumers");
    int external = (int) r.integer("external_consumers", 0, 0, 1000, "consumers");
    return new Spec(mode, shards, retention, efo, external);
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
    if (s.mode() == Mode.ON_DEMAND && s.efoConsumers() > 0) {
      problems.warning(self.pos(), "services." + self.id() + ".efo_consumers: enhanced fan-out of on-demand streams is not priced (no sourced rate in the catalog)");
    }
    if (s.mode() == Mode.ON_DEMAND && s.retentionHours() > DEFAULT_RETENTION_HOURS) {
      problems.warning(self.pos(), "services." + self.id() + ".retention_hours: the extended retention (24 h to 7 days) of on-demand streams is not priced (no sourced rate in the catalog); long-term retention beyond 7 days is");
    }
  }

  /** Shared-throughput consumers: the stream's calls plus those outside the model. */
  static int standardConsumers(Service stream) {
    return stream.calls().size() + stream.spec(Spec.class).externalConsumers();
  }

  /** The payload of the records put on the stream, mixed over its inflows. */
  static Distribution recordKb(ServiceLoad load) {
    return load.payload();
  }

  /**
   * Shards needed in one hour: the most of in-MB/s ÷ 1, records/s ÷ 1,000 and out-MB/s ÷ 2
   * (every shared-throughput consumer reads every record), at least 1.
   */
  public static int shardsForHour(double records, double meanKb, int consumers) {
    double recordsPerS = records / 3600.0;
    double mbInPerS = recordsPerS * meanKb / 1024.0;
    double mbOutPerS = mbInPerS * consumers;
    double need = Math.max(Math.max(mbInPerS / SHARD_IN_MB_S, recordsPerS / SHARD_IN_RECORDS_S), mbOutPerS / SHARD_OUT_MB_S);
    return (int) Math.max(1, Math.ceil(need - 1e-9));
  }

  /** The stream's shards: given, or sized to its busiest hour (on-demand: at least 4). */
  public static int shards(Service stream, double[] records, Distribution kb) {
    Spec s = stream.spec(Spec.class);
    if (s.shards().isPresent()) {
      return s.shards().get();
    }
    int consumers = standardConsumers(stream);
    int peak = 1;
    double meanKb = kb.mean();
    for (double r : records) {
      peak = Math.max(peak, shardsForHour(r, meanKb, consumers));
    }
    return s.mode() == Mode.ON_DEMAND ? Math.max(ON_DEMAND_MIN_SHARDS, peak) : peak;
  }

  /** A Lambda consumer: batches of records per shard, as an event source mapping polls each shard. */
  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    double[] records = ctx.proportionalCalls();
    Distribution kb = ctx.payload();
    if (!(ctx.target().kind() instanceof LambdaKind)) {
      return new EdgeFlow(records, records, kb, ctx.op(), Invocation.SYNC);
    }
    LambdaKind.Spec fn = ctx.target().spec(LambdaKind.Spec.class);
    int shards = shards(ctx.source(), ctx.sourceLoad().items(), ctx.sourceLoad().payload());
    double[] perShard = Arrays2.scale(records, 1.0 / shards);
    int batchSize = ctx.call().batchSize().orElse(100);
    // Lambda polls each shard once a second (Lambda developer guide, "Using Lambda with Kinesis").
    double busy = Math.max(POLL_INTERVAL_S, fn.durationMs().mean() / 1000.0);
    double[] invocations = Arrays2.scale(Batching.invocations(perShard, batchSize, ctx.call().batchWindowS(), busy, kb.mean()), shards);
    return new EdgeFlow(invocations, records, kb, "poll", Invocation.POLL);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    Quantities q = ctx.quantities();
    long n = Distribution.NO_CAP;
    double[] records = ctx.load().items();
    Distribution kb = recordKb(ctx.load());
    List<MeteredLine> lines = new ArrayList<>();
    // Bytes put, unrounded (retention and reads), in GB.
    Accumulator gbIn = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      gbIn.addSum(q, f.items(), f.kb(), 1 / KB_PER_GB);
    }
    int consumers = standardConsumers(ctx.service());
    if (s.mode() == Mode.PROVISIONED) {
      int shards = shards(ctx.service(), records, kb);
      lines.add(MeteredLine.of("shard hours", "aws.kinesis.shard_hours", Arrays2.filled(hours, shards),
          shards + " shard" + (shards == 1 ? "" : "s") + (s.shards().isPresent() ? " (given)" : " sized to the peak hour (1 MB/s or 1,000 records/s in, 2 MB/s out each)")));
      Accumulator units = new Accumulator(hours);
      for (Inflow f : ctx.load().inflows()) {
        units.addUnits(q, f.items(), f.kb(), PUT_UNIT_KB, 1, n, 1);
      }
      lines.add(units.line("PUT payload units", "aws.kinesis.put_payload_units", "1 per record per 25 KB (" + kb.describe() + " KB)"));
      if (s.retentionHours() > DEFAULT_RETENTION_HOURS) {
        lines.add(MeteredLine.of("extended retention", "aws.kinesis.extended_retention_shard_hours", Arrays2.filled(hours, shards),
            shards + " shards × every hour, records kept " + NodeReader.fmt(Math.min(s.retentionHours(), EXTENDED_RETENTION_MAX_HOURS)) + " h"));
      }
      if (s.efoConsumers() > 0) {
        lines.add(MeteredLine.of("enhanced fan-out", "aws.kinesis.efo_consumer_shard_hours", Arrays2.filled(hours, (double) shards * s.efoConsumers()),
            s.efoConsumers() + " consumers × " + shards + " shards"));
        lines.add(MeteredLine.of("enhanced fan-out data", "aws.kinesis.efo_data_gb", Arrays2.scale(gbIn.hourly(), s.efoConsumers()),
            s.efoConsumers() + " consumers × the bytes put"));
      }
    } else {
      lines.add(MeteredLine.of("stream hours", "aws.kinesis.on_demand.stream_hours", Arrays2.filled(hours, 1), "the stream, every hour of the period"));
      Accumulator dataIn = new Accumulator(hours);
      for (Inflow f : ctx.load().inflows()) {
        dataIn.addUnits(q, f.items(), f.kb(), ON_DEMAND_RECORD_KB, 1, n, ON_DEMAND_RECORD_KB / KB_PER_GB);
      }
      lines.add(dataIn.line("data in", "aws.kinesis.on_demand.data_in_gb", "records rounded up to 1 KB each (" + kb.describe() + " KB)"));
      if (consumers > 0) {
        lines.add(MeteredLine.of("data out", "aws.kinesis.on_demand.data_out_gb", Arrays2.scale(gbIn.hourly(), consumers),
            consumers + " consumer" + (consumers == 1 ? "" : "s") + " × the bytes put"));
      }
    }
    if (s.retentionHours() > EXTENDED_RETENTION_MAX_HOURS) {
      double keptHours = s.retentionHours() - EXTENDED_RETENTION_MAX_HOURS;
      lines.add(storedLine("long-term retention", "aws.kinesis.long_term_retention_gb_month", gbIn, keptHours, ctx,
          "data kept beyond 7 days, up to " + NodeReader.fmt(s.retentionHours()) + " h"));
    }
    return lines;
  }

  /**
   * GB-months of data kept for {@code keptHours} beyond a retention step: in steady state the
   * stream holds (bytes put per hour × hours kept), over the period's months.
   */
  private static MeteredLine storedLine(String name, String meterId, Accumulator gbIn, double keptHours, MeterContext ctx, String detail) {
    int hours = ctx.hours();
    double gbPerHour = gbIn.total() / hours;
    double gbMonths = gbPerHour * keptHours * ctx.period().monthsAsDouble();
    double[] hourly = Arrays2.filled(hours, gbMonths / hours);
    return new MeteredLine(name, meterId, Math.max(0, gbMonths), Optional.of(hourly), true, detail);
  }
}
