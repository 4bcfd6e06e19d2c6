package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon SNS topic. Publishes are billed per 64 KB chunk; every subscription in the model is a
 * call (a filter policy is its {@code probability}) and each delivery is metered by protocol:
 * SQS and Lambda deliveries cost nothing on the SNS side (the queue or function bills its own),
 * Firehose deliveries are billed per delivery, other modeled targets are treated as HTTP/S endpoints. Subscribers outside the model are given
 * as {@code external_subscribers: {http: N, email: N, mobile: N}}. Rules: docs/billing-rules.md#amazon-sns.
 */
public final class SnsKind implements ServiceKind {
  public static final double CHUNK_KB = 64;
  public static final List<String> EXTERNAL_PROTOCOLS = List.of("http", "email", "mobile");

  public record Spec(boolean fifo, Map<String, Double> externalSubscribers) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.sns";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon SNS topic";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("fifo", "true for a FIFO topic (default false)");
    k.put("external_subscribers", "subscribers outside the model by protocol: {http: N, email: N, mobile: N}");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    boolean fifo = r.bool("fifo", false);
    Map<String, Double> ext = new LinkedHashMap<>();
    Optional<NodeReader> e = r.child("external_subscribers");
    if (e.isPresent()) {
      for (String p : EXTERNAL_PROTOCOLS) {
        e.get().optNumber(p, 0, 1e9, "subscribers").ifPresent(v -> ext.put(p, v));
      }
      e.get().rejectUnknown(EXTERNAL_PROTOCOLS);
    }
    return new Spec(fifo, ext);
  }

  @Override
  public boolean passesMessagesOn() {
    return true;
  }

  @Override
  public Invocation invocationInto(Service target) {
    return Invocation.ASYNC;
  }

  /** The delivery protocol of a subscription to a modeled service. */
  static String protocolOf(Service target) {
    if (target.kind() instanceof SqsKind) {
      return "sqs";
    }
    if (target.kind() instanceof LambdaKind) {
      return "lambda";
    }
    if (target.kind() instanceof FirehoseKind) {
      return "firehose";
    }
    return "http";
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    List<MeteredLine> lines = new ArrayList<>();
    Accumulator publishes = new Accumulator(hours);
    for (Inflow f : ctx.load().inflows()) {
      publishes.addUnits(ctx.quantities(), f.items(), f.kb(), CHUNK_KB, 1, Distribution.NO_CAP, 1);
    }
    lines.add(publishes.line("publish requests", s.fifo() ? "aws.sns.publishes.fifo" : "aws.sns.publishes",
        "1 per message per 64 KB (" + ctx.load().payload().describe() + " KB)"));

    Map<String, Accumulator> deliveries = new LinkedHashMap<>();
    for (int i = 0; i < ctx.outflows().size(); i++) {
      String protocol = protocolOf(ctx.target(i));
      deliveries.computeIfAbsent(protocol, k -> new Accumulator(hours)).add(ctx.outflows().get(i).items(), 1);
    }
    for (Map.Entry<String, Double> e : s.externalSubscribers().entrySet()) {
      Accumulator acc = deliveries.computeIfAbsent(e.getKey(), k -> new Accumulator(hours));
      for (Inflow f : ctx.load().inflows()) {
        acc.add(f.items(), e.getValue());
      }
    }
    for (Map.Entry<String, Accumulator> d : deliveries.entrySet()) {
      lines.add(d.getValue().line("deliveries to " + d.getKey(), "aws.sns.deliveries." + d.getKey(), "1 per message delivered to a " + d.getKey() + " subscription"));
    }
    return lines;
  }
}
