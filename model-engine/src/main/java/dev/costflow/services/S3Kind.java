package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Amazon S3 bucket (S3 Standard). Calls into the bucket name their request ({@code op}): PUT,
 * COPY, POST and LIST are billed at the first request tier, GET, HEAD and SELECT at the second,
 * DELETE is free. Storage is billed per GB-month in tiers. Each call out of the bucket is an event
 * notification (to a function, queue, topic or bus), sent for every object created (put, copy,
 * post) — its {@code probability} is the share the notification's prefix or suffix filter passes.
 * Rules and sources: docs/billing-rules.md#amazon-s3.
 */
public final class S3Kind implements ServiceKind {
  public static final Set<String> TIER1 = Set.of("put", "copy", "post", "list");
  public static final Set<String> TIER2 = Set.of("get", "head", "select");
  public static final Set<String> FREE = Set.of("delete");
  public static final Set<String> CREATES = Set.of("put", "copy", "post");

  public record Spec(double storageGb) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.s3";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon S3 bucket";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("storage_gb", "data stored in S3 Standard, GB on average over the period (default 0)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.number("storage_gb", 0, 0, 1e12, "GB"));
  }

  @Override
  public Set<String> ops() {
    Set<String> all = new java.util.TreeSet<>(TIER1);
    all.addAll(TIER2);
    all.addAll(FREE);
    return all;
  }

  @Override
  public String defaultOp() {
    return "get";
  }

  @Override
  public Invocation invocationInto(Service target) {
    return Invocation.ASYNC;
  }

  @Override
  public java.util.Optional<String> missingOpWarning() {
    return java.util.Optional.of("assuming GET (op: get)");
  }

  /** Objects created per hour: the calls into the bucket whose op creates an object. */
  static double[] created(ServiceLoad load, int hours) {
    double[] out = new double[hours];
    for (Inflow f : load.inflows()) {
      if (CREATES.contains(f.op())) {
        Arrays2.addInto(out, f.calls());
      }
    }
    return out;
  }

  /** Event notifications: one per object created, for the share the filter passes. */
  @Override
  public EdgeFlow outflow(EdgeContext ctx) {
    double[] created = created(ctx.sourceLoad(), ctx.period().hours());
    Quantities q = ctx.quantities();
    double[] calls = q.expected() ? Arrays2.scale(created, ctx.call().gain()) : q.sum(q.thin(created, ctx.call().probability()), ctx.call().perCall());
    return new EdgeFlow(calls, calls, ctx.payload(), ctx.op(), ctx.invocation());
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    Accumulator tier1 = new Accumulator(hours);
    Accumulator tier2 = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      if (TIER1.contains(f.op())) {
        tier1.add(f.calls(), 1);
      } else if (TIER2.contains(f.op()) || f.op().equals(defaultOp())) {
        tier2.add(f.calls(), 1);
      }
    }
    List<MeteredLine> lines = new ArrayList<>();
    lines.add(tier1.line("PUT, COPY, POST, LIST requests", "aws.s3.requests.tier1", "1 per request"));
    lines.add(tier2.line("GET and other requests", "aws.s3.requests.tier2", "1 per request"));
    if (s.storageGb() > 0) {
      lines.add(MeteredLine.flat("storage", "aws.s3.storage", s.storageGb() * ctx.period().monthsAsDouble(), NodeReader.fmt(s.storageGb()) + " GB in S3 Standard for the period"));
    }
    return lines;
  }
}
