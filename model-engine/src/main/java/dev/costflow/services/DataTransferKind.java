package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.List;
import java.util.Map;

/**
 * Data transferred out of AWS to the internet. Each call into it is one response sent out, its
 * {@code kb} the bytes sent; billed per GB in tiers, pooled over the account's services in the
 * region. Rules and sources: docs/billing-rules.md#data-transfer-out.
 */
public final class DataTransferKind implements ServiceKind {
  public static final double KB_PER_GB = 1024.0 * 1024.0;

  @Override
  public String type() {
    return "aws.datatransfer";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Data transfer out to the internet";
  }

  @Override
  public Map<String, String> keys() {
    return Map.of();
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new ServiceSpec.None();
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Accumulator gb = new Accumulator(ctx.hours());
    for (Inflow f : ctx.load().inflows()) {
      gb.addSum(ctx.quantities(), f.calls(), f.kb(), 1 / KB_PER_GB);
    }
    return List.of(gb.line("internet egress", "aws.datatransfer.internet_out", "bytes sent out per call (" + ctx.load().payload().describe() + " KB), 1 GB = 1024³ bytes"));
  }
}
