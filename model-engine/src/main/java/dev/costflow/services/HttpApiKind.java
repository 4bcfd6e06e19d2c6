package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.List;
import java.util.Map;

/** Amazon API Gateway HTTP API: requests metered in 512 KB increments, tiered. */
public final class HttpApiKind implements ServiceKind {
  public static final double INCREMENT_KB = 512;

  @Override
  public String type() {
    return "aws.apigateway.http";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon API Gateway HTTP API";
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
    Accumulator requests = new Accumulator(ctx.hours());
    for (Inflow f : ctx.load().inflows()) {
      requests.addUnits(ctx.quantities(), f.calls(), f.kb(), INCREMENT_KB, 1, dev.costflow.dist.Distribution.NO_CAP, 1);
    }
    return List.of(requests.line("requests", "aws.apigateway.http.requests", "1 per 512 KB of each request (" + ctx.load().payload().describe() + " KB)"));
  }
}
