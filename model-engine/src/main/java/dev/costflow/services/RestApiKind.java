package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Amazon API Gateway REST API: requests in tiers, optional cache by the hour. */
public final class RestApiKind implements ServiceKind {
  /** Cache sizes in GB and their meter ids. */
  public static final Map<String, String> CACHE_METERS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("0.5", "aws.apigateway.rest.cache");
    m.put("1.6", "aws.apigateway.rest.cache.1_6gb");
    m.put("6.1", "aws.apigateway.rest.cache.6_1gb");
    m.put("13.5", "aws.apigateway.rest.cache.13_5gb");
    m.put("28.4", "aws.apigateway.rest.cache.28_4gb");
    m.put("58.2", "aws.apigateway.rest.cache.58_2gb");
    m.put("118", "aws.apigateway.rest.cache.118gb");
    m.put("237", "aws.apigateway.rest.cache.237gb");
    CACHE_METERS = Map.copyOf(m);
  }

  public record Spec(Optional<String> cacheGb) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.apigateway.rest";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon API Gateway REST API";
  }

  @Override
  public Map<String, String> keys() {
    return Map.of("cache_gb", "API cache size in GB: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237 (default: no cache)");
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Optional<String> cache = Optional.empty();
    if (r.has("cache_gb")) {
      Optional<Double> gb = r.optNumber("cache_gb", 0.5, 237, "GB");
      if (gb.isPresent()) {
        String key = NodeReader.fmt(gb.get());
        if (!CACHE_METERS.containsKey(key)) {
          r.error("cache_gb", "API Gateway caches come in 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 and 237 GB, got " + key);
        } else {
          cache = Optional.of(key);
        }
      }
    }
    return new Spec(cache);
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    List<MeteredLine> lines = new ArrayList<>();
    Accumulator requests = new Accumulator(ctx.hours());
    for (Inflow f : ctx.load().inflows()) {
      requests.add(f.calls(), 1);
    }
    lines.add(requests.line("requests", "aws.apigateway.rest.requests", "1 per API call"));
    s.cacheGb().ifPresent(gb -> lines.add(MeteredLine.of("cache", CACHE_METERS.get(gb), Arrays2.filled(ctx.hours(), 1), gb + " GB cache, every hour of the period")));
    return lines;
  }
}
