package dev.costflow.services;

import dev.costflow.model.Model;
import dev.costflow.model.Period;
import dev.costflow.model.Service;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kind needs to meter one service: the model, the service, what arrived at it, what it
 * sent along each of its calls (same order as {@code service.calls()}), the day whose billing
 * rules apply ({@code as_of}, or the bundled catalog's date), and the loads of the model's other
 * services (for kinds that bill what others produce, such as a log group ingesting every
 * service's log lines).
 */
public record MeterContext(Model model, Service service, ServiceLoad load, List<EdgeFlow> outflows, LocalDate rulesAsOf, Quantities quantities,
    Map<String, ServiceLoad> loads) {
  public MeterContext {
    outflows = List.copyOf(outflows);
    loads = loads == null ? Map.of(service.id(), load) : java.util.Collections.unmodifiableMap(loads);
  }

  /** A context without the other services' loads. */
  public MeterContext(Model model, Service service, ServiceLoad load, List<EdgeFlow> outflows, LocalDate rulesAsOf, Quantities quantities) {
    this(model, service, load, outflows, rulesAsOf, quantities, null);
  }

  /** The analytic estimate's context. */
  public MeterContext(Model model, Service service, ServiceLoad load, List<EdgeFlow> outflows, LocalDate rulesAsOf) {
    this(model, service, load, outflows, rulesAsOf, Quantities.EXPECTED, null);
  }

  public Period period() {
    return model.period();
  }

  public int hours() {
    return model.period().hours();
  }

  public Service target(int callIndex) {
    return model.service(service.calls().get(callIndex).to()).orElseThrow();
  }

  /** What arrived at another service of the model, when the caller supplied the workload. */
  public Optional<ServiceLoad> loadOf(String serviceId) {
    return Optional.ofNullable(loads.get(serviceId));
  }
}
