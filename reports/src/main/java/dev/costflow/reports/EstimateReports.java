package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Diagnostic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** {@code costflow estimate} output: table, json (SPEC section 4), markdown, csv. */
public final class EstimateReports {
  public static final String SCHEMA = "costflow/estimate@1";

  private EstimateReports() {}

  // ---------------------------------------------------------------- json

  public static ObjectNode jsonTree(Estimate e) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("model", e.model().name());
    ObjectNode period = root.putObject("period");
    period.put("label", e.period().label());
    period.put("hours", e.period().hours());
    root.put("currency", Estimate.CURRENCY);
    root.put("total_usd", Json.strip(e.totalUsd()));
    root.put("cloud", e.model().cloud().id());
    root.put("region", e.model().region());
    root.put("as_of", e.asOf().toString());
    root.put("free_tier", e.model().pricing().freeTier());
    ArrayNode services = root.putArray("services");
    for (ServiceCost s : e.services()) {
      ObjectNode sn = services.addObject();
      sn.put("id", s.id());
      sn.put("type", s.type());
      sn.put("calls", Json.number(s.calls()));
      sn.put("cost_usd", Json.strip(s.costUsd()));
      ArrayNode lines = sn.putArray("lines");
      for (LineCost l : s.lines()) {
        ObjectNode ln = lines.addObject();
        ln.put("meter", l.meter());
        ln.put("unit", l.unit());
        ln.put("quantity", Json.number(l.quantity()));
        ln.put("billable_quantity", Json.strip(l.billableQuantity()));
        ln.put("cost_usd", Json.strip(l.costUsd()));
        ln.put("meter_id", l.meterId());
        ln.put("list_cost_usd", Json.strip(l.listCostUsd()));
        ln.put("detail", l.detail());
      }
    }
    ArrayNode warnings = root.putArray("warnings");
    for (Diagnostic d : e.warnings()) {
      warnings.add(d.toString());
    }
    return root;
  }

  public static String json(Estimate e) {
    return Json.write(jsonTree(e));
  }

  // ---------------------------------------------------------------- table

  public static String headline(Estimate e) {
    return headline(e, e.model().name());
  }

  /** The headline with the (untrusted) model name already formatted for the output. */
  static String headline(Estimate e, String name) {
    return name + " · " + (e.period().isCalendarMonth() ? e.period().label() + " (" + e.period().hours() + " h)" : e.period().label()) + " · " + e.model().cloud().id() + " " + e.model().region()
        + " · prices as of " + e.asOf() + " · free tier " + (e.model().pricing().freeTier() ? "on" : "off")
        + (e.model().pricing().discountPct().signum() != 0 ? " · discount " + e.model().pricing().discountPct().stripTrailingZeros().toPlainString() + " %" : "");
  }

  public static String table(Estimate e) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE / LINE", "TYPE", "CALLS", "QUANTITY", "BILLABLE", "PRICE", "COST"});
    for (ServiceCost s : e.services()) {
      rows.add(new String[] {Escape.terminal(s.id()), s.type(), Format.count(s.calls()), "", "", "", Format.usd(s.costUsd())});
      for (LineCost l : s.lines()) {
        rows.add(new String[] {"  " + l.meter(), "", "", Format.quantity(l.quantity(), l.unit()), Format.count(l.billableQuantity().doubleValue()),
            price(l), Format.usd(l.costUsd())});
      }
    }
    rows.add(new String[] {"TOTAL", "", "", "", "", "", Format.usd(e.totalUsd())});
    StringBuilder b = new StringBuilder();
    b.append(Escape.terminal(headline(e))).append("\n\n");
    b.append(Tables.text(rows, new boolean[] {false, false, true, true, true, true, true}, rows.size() - 1));
    for (Diagnostic d : e.warnings()) {
      b.append("\nwarning: ").append(Escape.terminal(d.message()));
    }
    if (!e.warnings().isEmpty()) {
      b.append('\n');
    }
    return b.toString();
  }

  /** The blended unit price of a line: list cost ÷ billable quantity. */
  public static String price(LineCost l) {
    if (l.billableQuantity().signum() == 0) {
      return l.priced().rate().firstTierUsd().signum() == 0 ? "free" : "";
    }
    BigDecimal unit = l.listCostUsd().divide(l.billableQuantity(), MathContext.DECIMAL64);
    return Format.unitPrice(unit, l.unit()) + (l.priced().tiers().size() > 1 ? " (tiered)" : "");
  }

  // ---------------------------------------------------------------- markdown

  public static String markdown(Estimate e) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(Escape.markdown(e.model().name())).append(": ").append(usdMd(e.totalUsd())).append(" per ")
        .append(e.period().isCalendarMonth() ? "month (" + e.period().label() + ")" : e.period().hours() + " h").append("\n\n");
    b.append(headline(e, "**" + Escape.markdown(e.model().name()) + "**")).append("\n\n");
    b.append("| Service | Type | Calls | Cost |\n|---|---|---:|---:|\n");
    for (ServiceCost s : e.services()) {
      b.append("| ").append(Escape.markdown(s.id())).append(" | ").append(Escape.markdown(s.type())).append(" | ").append(Format.count(s.calls()))
          .append(" | ").append(usdMd(s.costUsd())).append(" |\n");
    }
    b.append("| **Total** | | | **").append(usdMd(e.totalUsd())).append("** |\n\n");
    b.append("<details><summary>Lines</summary>\n\n");
    b.append("| Service | Meter | Quantity | Billable | Price | Cost |\n|---|---|---:|---:|---:|---:|\n");
    for (ServiceCost s : e.services()) {
      for (LineCost l : s.lines()) {
        b.append("| ").append(Escape.markdown(s.id())).append(" | ").append(Escape.markdown(l.meter())).append(" | ")
            .append(Format.quantity(l.quantity(), l.unit())).append(" | ").append(Format.count(l.billableQuantity().doubleValue()))
            .append(" | ").append(Escape.markdown(price(l))).append(" | ").append(usdMd(l.costUsd())).append(" |\n");
      }
    }
    b.append("\n</details>\n");
    if (!e.warnings().isEmpty()) {
      b.append("\n");
      for (Diagnostic d : e.warnings()) {
        b.append("- warning: ").append(Escape.markdown(d.message())).append('\n');
      }
    }
    return b.toString();
  }

  /** Money in Markdown: the dollar sign escaped so GitHub never reads two amounts as a formula. */
  static String usdMd(java.math.BigDecimal v) {
    return Escape.markdown(Format.usd(v));
  }

  // ---------------------------------------------------------------- csv

  public static String csv(Estimate e) {
    StringBuilder b = new StringBuilder("service,type,meter,meter_id,unit,quantity,billable_quantity,cost_usd\n");
    for (ServiceCost s : e.services()) {
      for (LineCost l : s.lines()) {
        b.append(Escape.csv(s.id())).append(',').append(Escape.csv(s.type())).append(',').append(Escape.csv(l.meter())).append(',')
            .append(Escape.csv(l.meterId())).append(',').append(Escape.csv(l.unit())).append(',').append(Format.exact(l.quantity())).append(',')
            .append(Format.exact(l.billableQuantity())).append(',').append(Format.exact(l.costUsd())).append('\n');
      }
    }
    return b.toString();
  }
}
