package dev.costflow.engine;

import dev.costflow.model.Model;
import dev.costflow.services.EdgeFlow;
import dev.costflow.services.ServiceLoad;
import java.util.List;
import java.util.Map;

/**
 * The model propagated over the hours of the period: what arrives at each service and what each
 * call edge carries. Services in file order; {@code outflows} in the order of each service's calls.
 */
public record Workload(Model model, Map<String, ServiceLoad> loads, Map<String, List<EdgeFlow>> outflows) {
  public Workload {
    loads = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loads));
    outflows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outflows));
  }

  public ServiceLoad load(String serviceId) {
    ServiceLoad l = loads.get(serviceId);
    if (l == null) {
      throw new IllegalArgumentException("no service " + serviceId);
    }
    return l;
  }
}
