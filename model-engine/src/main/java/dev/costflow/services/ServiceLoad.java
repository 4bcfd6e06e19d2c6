package dev.costflow.services;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Mixture;
import dev.costflow.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything arriving at one service in the period: its inflows, and their sums per hour. For a
 * function {@code calls} are invocations (retries included); for a queue, messages sent; for an
 * API, requests.
 */
public final class ServiceLoad {
  private final Service service;
  private final List<Inflow> inflows;
  private final double[] calls;
  private final double[] items;
  private final double total;
  private final Distribution payload;

  public ServiceLoad(Service service, List<Inflow> inflows, int hours) {
    this.service = service;
    this.inflows = List.copyOf(inflows);
    this.calls = new double[hours];
    this.items = new double[hours];
    List<Distribution> kbs = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double t = 0;
    for (Inflow f : inflows) {
      Arrays2.addInto(calls, f.calls());
      Arrays2.addInto(items, f.items());
      double fi = f.totalItems();
      t += f.totalCalls();
      kbs.add(f.kb());
      weights.add(fi);
    }
    this.total = t;
    this.payload = kbs.isEmpty() || weights.stream().mapToDouble(Double::doubleValue).sum() == 0 ? (kbs.isEmpty() ? new Fixed(1) : kbs.get(0)) : Mixture.of(kbs, weights);
  }

  public Service service() {
    return service;
  }

  public List<Inflow> inflows() {
    return inflows;
  }

  /** Calls into the service per hour. */
  public double[] calls() {
    return calls;
  }

  /** Messages or records carried per hour (equal to calls unless calls carry batches). */
  public double[] items() {
    return items;
  }

  public double totalCalls() {
    return total;
  }

  /** The payload of the messages arriving, mixed over the inflows by how many each carries. */
  public Distribution payload() {
    return payload;
  }
}
