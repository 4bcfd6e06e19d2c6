package dev.costflow.desktop.core;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.reports.EstimateReports;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The estimate by service and meter, most expensive first, with each one's share of the total. */
public record Breakdown(BigDecimal totalUsd, List<ServiceRow> services) {
  public Breakdown {
    services = List.copyOf(services);
  }

  public record ServiceRow(String id, String type, double calls, BigDecimal costUsd, double share, List<LineRow> lines) {
    public ServiceRow {
      lines = List.copyOf(lines);
    }
  }

  /** One meter: quantity in its unit, billable quantity after free tier, blended unit price (display text). */
  public record LineRow(String meter, String meterId, String unit, double quantity, BigDecimal billableQuantity, String price, BigDecimal costUsd, double share, String detail) {}

  public static Breakdown of(Estimate e) {
    BigDecimal total = e.totalUsd();
    double t = total.doubleValue();
    List<ServiceRow> rows = new ArrayList<>();
    for (ServiceCost s : e.services()) {
      List<LineRow> lines = new ArrayList<>();
      for (LineCost l : s.lines()) {
        lines.add(new LineRow(l.meter(), l.meterId(), l.unit(), l.quantity(), l.billableQuantity(), EstimateReports.price(l), l.costUsd(),
            t > 0 ? l.costUsd().doubleValue() / t : 0, l.detail()));
      }
      lines.sort(Comparator.comparing(LineRow::costUsd).reversed());
      rows.add(new ServiceRow(s.id(), s.type(), s.calls(), s.costUsd(), t > 0 ? s.costUsd().doubleValue() / t : 0, lines));
    }
    rows.sort(Comparator.comparing(ServiceRow::costUsd).reversed().thenComparing(ServiceRow::id));
    return new Breakdown(total, rows);
  }
}
