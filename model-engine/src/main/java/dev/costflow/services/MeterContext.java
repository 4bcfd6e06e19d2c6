package dev.costflow.services;

import dev.costflow.model.Model;
import dev.costflow.model.Period;
import dev.costflow.model.Service;
import java.time.LocalDate;
import java.util.List;

/**
 * What a kind needs to meter one service: the model, the service, what arrived at it, what it
 * sent along each of its calls (same order as {@code service.calls()}), and the day whose billing
 * rules apply ({@code as_of}, or the bundled catalog's date).
 */
public record MeterContext(Model model, Service service, ServiceLoad load, List<EdgeFlow> outflows, LocalDate rulesAsOf, Quantities quantities) {
  public MeterContext {
    outflows = List.copyOf(outflows);
  }

  /** The analytic estimate's context. */
  public MeterContext(Model model, Service service, ServiceLoad load, List<EdgeFlow> outflows, LocalDate rulesAsOf) {
    this(model, service, load, outflows, rulesAsOf, Quantities.EXPECTED);
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
}
