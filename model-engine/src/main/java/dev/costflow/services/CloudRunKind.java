package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Cloud Run service (and Cloud Run functions, 2nd gen), request-based billing: requests,
 * and vCPU-seconds and GiB-seconds of the instances while they serve at least one request, each
 * instance's billable time rounded up to 100 ms. One instance serves up to {@code concurrency}
 * requests at once. Rules and sources: docs/billing-rules.md#google-cloud-run.
 */
public final class CloudRunKind implements ServiceKind {
  public static final double INCREMENT_MS = 100;

  public record Spec(double vcpu, int memoryMb, int concurrency, Distribution durationMs) implements ServiceSpec {}

  @Override
  public String type() {
    return "gcp.cloudrun";
  }

  @Override
  public Cloud cloud() {
    return Cloud.GCP;
  }

  @Override
  public String title() {
    return "Google Cloud Run service";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("vcpu", "vCPU per instance, 0.08–8 (default 1)");
    k.put("memory_mb", "memory per instance, MB (default 512)");
    k.put("concurrency", "requests one instance serves at once, 1–1000 (default 80)");
    k.put("duration_ms", "time to serve one request in ms, number or distribution (default 100)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.number("vcpu", 1, 0.08, 8, "vCPU"), (int) r.integer("memory_mb", 512, 128, 32 * 1024, "MB"),
        (int) r.integer("concurrency", 80, 1, 1000, "requests"), r.distribution("duration_ms", new Fixed(100), "ms", 3600e3));
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] requests = ctx.load().calls();
    List<MeteredLine> lines = new ArrayList<>();
    lines.add(new Accumulator(hours).add(requests, 1).line("requests", "gcp.cloudrun.requests", "1 per request"));
    Accumulator millis = new Accumulator(hours);
    String how;
    if (s.concurrency() == 1) {
      // One request per instance: each request's time is billed, rounded up to 100 ms.
      millis.addUnits(ctx.quantities(), requests, s.durationMs(), INCREMENT_MS, 1, Distribution.NO_CAP, INCREMENT_MS);
      how = "1 request per instance, " + s.durationMs().describe() + " ms each rounded up to 100 ms";
    } else {
      // Instances busy with at least one request: E[ceil(N / c)], N ~ Poisson(λ · E[D]).
      double meanS = s.durationMs().mean() / 1000.0;
      double[] busy = new double[hours];
      for (int h = 0; h < hours; h++) {
        busy[h] = 3600 * Concurrency.expectedBusyInstances(requests[h] / 3600.0 * meanS, s.concurrency());
      }
      millis.add(busy, 1000);
      how = "instance time serving requests, up to " + s.concurrency() + " at once (" + s.durationMs().describe() + " ms each)";
    }
    double gib = s.memoryMb() / 1024.0;
    // `millis` holds milliseconds: divided by 1000 last.
    lines.add(CloudFunctionsKind.scaled(millis, s.vcpu(), 1000, "CPU time", "gcp.cloudrun.vcpu_seconds", NodeReader.fmt(s.vcpu()) + " vCPU × " + how));
    lines.add(CloudFunctionsKind.scaled(millis, gib, 1000, "memory time", "gcp.cloudrun.memory_gib_seconds", s.memoryMb() + " MB × " + how));
    return lines;
  }
}
