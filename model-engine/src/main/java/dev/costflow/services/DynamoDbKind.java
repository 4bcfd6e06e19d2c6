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
import java.util.Set;

/**
 * Amazon DynamoDB table (Standard class). Calls into the table name their operation; the call's
 * {@code kb} is the item size (for a query or scan: the bytes read). On-demand bills read and
 * write request units; provisioned bills capacity-hours (given, or following the hourly load at a
 * target utilization like auto scaling). Writes are repeated for each global secondary index.
 * Calls out of a table are its stream's Lambda triggers (reads by triggers are free).
 * Rules and sources: docs/billing-rules.md#amazon-dynamodb.
 */
public final class DynamoDbKind implements ServiceKind {
  public enum Mode {
    ON_DEMAND,
    PROVISIONED
  }

  public record Spec(Mode mode, double storageGb, int gsiCount, Optional<Double> wcu, Optional<Double> rcu, double targetUtilization, int streamShards)
      implements ServiceSpec {}

  /** Read or write units per call of an operation, for an item-size distribution. */
  public record Units(double read, double write) {}

  public static final Set<String> OPS = Set.of("read", "read_strong", "query", "query_strong", "scan", "write", "delete", "transact_write", "transact_read");

  @Override
  public String type() {
    return "aws.dynamodb";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon DynamoDB table";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("mode", "on_demand (default) or provisioned");
    k.put("storage_gb", "stored data in GB (default 0)");
    k.put("gsi_count", "global secondary indexes each write is also written to (default 0)");
    k.put("wcu", "provisioned write capacity units (default: follow the load)");
    k.put("rcu", "provisioned read capacity units (default: follow the load)");
    k.put("target_utilization", "auto scaling target when wcu/rcu are not given (default 0.7)");
    k.put("stream_shards", "shards of the table's stream, for Lambda trigger batching (default 1)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Mode mode = r.choice("mode", Mode.ON_DEMAND, Map.of("on_demand", Mode.ON_DEMAND, "provisioned", Mode.PROVISIONED));
    double storage = r.number("storage_gb", 0, 0, 1e9, "GB");
    int gsi = (int) r.integer("gsi_count", 0, 0, 20, "indexes");
    Optional<Double> wcu = r.optNumber("wcu", 1, 1e9, "WCU");
    Optional<Double> rcu = r.optNumber("rcu", 1, 1e9, "RCU");
    double target = r.number("target_utilization", 0.7, 0.2, 0.9, "");
    int shards = (int) r.integer("stream_shards", 1, 1, 100000, "shards");
    if (mode == Mode.ON_DEMAND && (wcu.isPresent() || rcu.isPresent())) {
      r.error(wcu.isPresent() ? "wcu" : "rcu", "wcu and rcu apply to mode: provisioned");
    }
    return new Spec(mode, storage, gsi, wcu, rcu, target, shards);
  }

  @Override
  public Set<String> ops() {
    return OPS;
  }

  @Override
  public String defaultOp() {
    return "read";
  }

  @Override
  public boolean batchesInto(Service target) {
    return target.kind() instanceof LambdaKind;
  }

  @Override
  public Invocation invocationInto(Service target) {
    return Invocation.POLL;
  }

  @Override
  public java.util.Optional<String> missingOpWarning() {
    return java.util.Optional.of("assuming an eventually consistent read (op: read)");
  }

  @Override
  public void validate(Service self, Model model, Problems problems) {
    for (var c : self.calls()) {
      Optional<Service> t = model.service(c.to());
      if (t.isPresent() && !(t.get().kind() instanceof LambdaKind)) {
        problems.error(c.pos(), "services." + self.id() + ".calls: a table's calls are its stream's triggers and must go to an aws.lambda function, not " + t.get().type());
      }
    }
  }

  /** Request units of one call of an operation on items of the given size (KB). */
  public static Units units(String op, Distribution kb, int gsiCount) {
    double readUnits4k = kb.expectedUnits(4, 1, Distribution.NO_CAP);
    double writeUnits1k = kb.expectedUnits(1, 1, Distribution.NO_CAP);
    return switch (op) {
      case "read", "query", "scan" -> new Units(0.5 * readUnits4k, 0);
      case "read_strong", "query_strong" -> new Units(readUnits4k, 0);
      case "transact_read" -> new Units(2 * readUnits4k, 0);
      case "write", "delete" -> new Units(0, writeUnits1k * (1 + gsiCount));
      case "transact_write" -> new Units(0, writeUnits1k * (2 + gsiCount));
      default -> throw new IllegalArgumentException("unknown DynamoDB op " + op);
    };
  }

  /** Adds the request units of calls of an operation (item sizes rounded per call). */
  static void addUnits(Quantities q, String op, double[] calls, Distribution kb, int gsiCount, Accumulator rru, Accumulator wru) {
    long n = Distribution.NO_CAP;
    switch (op) {
      case "read", "query", "scan" -> rru.addUnits(q, calls, kb, 4, 1, n, 0.5);
      case "read_strong", "query_strong" -> rru.addUnits(q, calls, kb, 4, 1, n, 1);
      case "transact_read" -> rru.addUnits(q, calls, kb, 4, 1, n, 2);
      case "write", "delete" -> wru.addUnits(q, calls, kb, 1, 1, n, 1 + gsiCount);
      case "transact_write" -> wru.addUnits(q, calls, kb, 1, 1, n, 2 + gsiCount);
      default -> throw new IllegalArgumentException("unknown DynamoDB op " + op);
    }
  }

  static boolean isWrite(String op) {
    return op.equals("write") || op.equals("delete") || op.equals("transact_write");
  }

  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    // Stream records: one per item written (index writes do not add records).
    int hours = ctx.period().hours();
    double[] records = new double[hours];
    List<Distribution> kbs = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Inflow f : ctx.sourceLoad().inflows()) {
      if (isWrite(f.op())) {
        Arrays2.addInto(records, f.calls(), ctx.call().gain());
        kbs.add(f.kb());
        weights.add(f.totalCalls());
      }
    }
    Spec s = ctx.source().spec(Spec.class);
    Distribution kb = ctx.call().kb().orElse(kbs.isEmpty() ? new dev.costflow.dist.Fixed(1) : dev.costflow.dist.Mixture.of(kbs, weights));
    if (!(ctx.target().kind() instanceof LambdaKind)) {
      // A consumer that is not a function (a container in a comparison) reads every record.
      return new EdgeFlow(records, records, kb, "poll", Invocation.SYNC);
    }
    LambdaKind.Spec fn = ctx.target().spec(LambdaKind.Spec.class);
    double[] perShard = Arrays2.scale(records, 1.0 / s.streamShards());
    int batchSize = ctx.call().batchSize().orElse(100);
    double busy = Math.max(0.25, fn.durationMs().mean() / 1000.0);
    double[] invocationsPerShard = Batching.invocations(perShard, batchSize, ctx.call().batchWindowS(), busy, kb.mean());
    double[] invocations = Arrays2.scale(invocationsPerShard, s.streamShards());
    return new EdgeFlow(invocations, records, kb, "poll", Invocation.POLL);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    Accumulator rru = new Accumulator(hours);
    Accumulator wru = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      addUnits(ctx.quantities(), f.op(), f.calls(), f.kb(), s.gsiCount(), rru, wru);
    }
    List<MeteredLine> lines = new ArrayList<>();
    String gsi = s.gsiCount() > 0 ? ", × " + (1 + s.gsiCount()) + " with " + s.gsiCount() + " index" + (s.gsiCount() > 1 ? "es" : "") : "";
    if (s.mode() == Mode.ON_DEMAND) {
      lines.add(wru.line("write request units", "aws.dynamodb.write_request_units", "1 per KB written (transactions × 2" + gsi + ")"));
      lines.add(rru.line("read request units", "aws.dynamodb.read_request_units", "1 per 4 KB strongly consistent read (eventual × 0.5, transactions × 2)"));
    } else {
      lines.add(capacityLine("write capacity", "aws.dynamodb.wcu_hours", s.wcu(), wru.hourly(), s.targetUtilization(), "WCU"));
      lines.add(capacityLine("read capacity", "aws.dynamodb.rcu_hours", s.rcu(), rru.hourly(), s.targetUtilization(), "RCU"));
    }
    if (s.storageGb() > 0) {
      lines.add(MeteredLine.flat("storage", "aws.dynamodb.storage", s.storageGb() * ctx.period().monthsAsDouble(), NodeReader.fmt(s.storageGb()) + " GB for the period"));
    }
    return lines;
  }

  private static MeteredLine capacityLine(String name, String meterId, Optional<Double> given, double[] unitsPerHour, double target, String unit) {
    int hours = unitsPerHour.length;
    double[] capacityHours = new double[hours];
    String detail;
    if (given.isPresent()) {
      java.util.Arrays.fill(capacityHours, given.get());
      detail = NodeReader.fmt(given.get()) + " " + unit + " provisioned every hour";
    } else {
      for (int h = 0; h < hours; h++) {
        capacityHours[h] = Math.max(1, Math.ceil(unitsPerHour[h] / 3600.0 / target - 1e-9));
      }
      detail = unit + " following each hour's load at " + NodeReader.fmt(target * 100) + " % target utilization (minimum 1)";
    }
    return MeteredLine.of(name, meterId, capacityHours, detail);
  }
}
