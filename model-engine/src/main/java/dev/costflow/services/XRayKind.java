package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.NodeReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS X-Ray. Each call into it is a request passing through a traced service; X-Ray's sampling
 * rule records the first request each second (the reservoir) and a share of the rest. Billed:
 * traces recorded, and traces retrieved or scanned. Rules and sources:
 * docs/billing-rules.md#aws-x-ray.
 */
public final class XRayKind implements ServiceKind {
  public record Spec(double reservoirPerS, double samplingRate, double retrievedPerTrace) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.xray";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "AWS X-Ray tracing";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("reservoir_per_s", "requests recorded each second before the rate applies (default 1, X-Ray's default rule)");
    k.put("sampling_rate", "share of the other requests recorded (default 0.05, X-Ray's default rule)");
    k.put("retrieved_per_trace", "traces retrieved or scanned per trace recorded (default 0)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    return new Spec(r.number("reservoir_per_s", 1, 0, 1e6, "requests/s"), r.number("sampling_rate", 0.05, 0, 1, ""),
        r.number("retrieved_per_trace", 0, 0, 1e6, ""));
  }

  /**
   * Traces recorded in an hour of {@code requests} Poisson arrivals with a reservoir of R per
   * second and rate p: per second E[min(N, R)] + p · E[(N − R)+], N ~ Poisson(λ). For R = 1 this
   * is (1 − e^{−λ}) + p (λ − 1 + e^{−λ}).
   */
  public static double recordedPerHour(double requests, double reservoirPerS, double rate) {
    if (requests <= 0) {
      return 0;
    }
    double lambda = requests / 3600.0;
    double inReservoir;
    if (reservoirPerS <= 0) {
      inReservoir = 0;
    } else if (reservoirPerS == Math.rint(reservoirPerS) && reservoirPerS < 1e4) {
      inReservoir = Concurrency.expectedMin(lambda, (int) reservoirPerS);
    } else {
      inReservoir = Math.min(lambda, reservoirPerS);
    }
    return 3600 * (inReservoir + rate * (lambda - inReservoir));
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    double[] requests = ctx.load().calls();
    double[] recorded = new double[hours];
    for (int h = 0; h < hours; h++) {
      recorded[h] = recordedPerHour(requests[h], s.reservoirPerS(), s.samplingRate());
    }
    Accumulator rec = new Accumulator(hours).add(recorded, 1);
    Accumulator retrieved = new Accumulator(hours).add(recorded, s.retrievedPerTrace());
    return List.of(
        rec.line("traces recorded", "aws.xray.traces_recorded",
            NodeReader.fmt(s.reservoirPerS()) + " per second, then " + NodeReader.fmt(s.samplingRate() * 100) + " % of the requests"),
        retrieved.line("traces retrieved or scanned", "aws.xray.traces_retrieved", NodeReader.fmt(s.retrievedPerTrace()) + " per trace recorded"));
  }
}
