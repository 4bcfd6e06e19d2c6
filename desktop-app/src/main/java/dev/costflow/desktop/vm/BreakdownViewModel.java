package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.Breakdown;
import dev.costflow.model.Period;
import dev.costflow.reports.Format;
import java.util.ArrayList;
import java.util.List;

/** Rows of the cost breakdown table: services (most expensive first) with their meters beneath. */
public final class BreakdownViewModel {
  private BreakdownViewModel() {}

  /** One row; {@code share} in [0, 1] draws the bar, {@code serviceId} links a row to the graph. */
  public record Row(String name, String serviceId, String type, String quantity, String price, String cost, double share, String shareText, String detail, List<Row> children) {
    public Row {
      children = List.copyOf(children);
    }
  }

  public static List<Row> rows(Breakdown b, Period p) {
    List<Row> out = new ArrayList<>();
    for (Breakdown.ServiceRow s : b.services()) {
      List<Row> lines = new ArrayList<>();
      for (Breakdown.LineRow l : s.lines()) {
        lines.add(new Row(l.meter(), s.id(), "", Format.quantity(l.quantity(), l.unit()), l.price(), Format.usd(l.costUsd()), l.share(), Labels.percent(l.share()), l.detail(), List.of()));
      }
      out.add(new Row(s.id(), s.id(), s.type(), Format.count(s.calls()) + " calls", "", Format.usd(s.costUsd()), s.share(), Labels.percent(s.share()), "", lines));
    }
    return out;
  }
}
