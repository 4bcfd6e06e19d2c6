package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.actuals.ActualTotal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code costflow actuals} output: what the billing store holds, aggregated by one key. */
public final class ActualsReports {
  public static final String SCHEMA = "costflow/actuals@1";

  /** The grouping key's JSON name ({@code service}, {@code day}, {@code meter}, {@code usage_type}) and the rows. */
  public record Actuals(String by, Optional<LocalDate> since, Optional<LocalDate> until, List<ActualTotal> rows) {
    public BigDecimal billedUsd() {
      return rows.stream().map(ActualTotal::billedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal listUsd() {
      return rows.stream().map(ActualTotal::listUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal amortizedUsd() {
      return rows.stream().map(ActualTotal::amortizedUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  private ActualsReports() {}

  static String label(Actuals a, ActualTotal t) {
    return t.key().isEmpty() ? (a.by().equals("meter") ? "(no catalog meter)" : "(none)") : t.key();
  }

  public static String json(Actuals a) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("by", a.by());
    root.put("since", a.since().map(Object::toString).orElse(null));
    root.put("until", a.until().map(Object::toString).orElse(null));
    root.put("currency", "USD");
    root.put("total_usd", Json.strip(a.billedUsd()));
    root.put("amortized_usd", Json.strip(a.amortizedUsd()));
    root.put("list_usd", Json.strip(a.listUsd()));
    ArrayNode rows = root.putArray("rows");
    for (ActualTotal t : a.rows()) {
      ObjectNode r = rows.addObject();
      r.put(a.by(), t.key());
      if (t.quantity().isPresent()) {
        r.put("quantity", Json.number(t.quantity().get()));
      } else {
        r.putNull("quantity");
      }
      r.put("unit", t.unit());
      r.put("billed_usd", Json.strip(t.billedUsd()));
      r.put("list_usd", Json.strip(t.listUsd()));
      r.put("amortized_usd", Json.strip(t.amortizedUsd()));
      r.put("lines", t.lines());
    }
    return Json.write(root);
  }

  private static String range(Actuals a) {
    return a.since().map(Object::toString).orElse("first day") + " .. " + a.until().map(Object::toString).orElse("last day");
  }

  public static String table(Actuals a) {
    if (a.rows().isEmpty()) {
      return "The billing store has no lines for " + range(a) + ". Import a bill with 'costflow import cur|cur2|focus|ce'.\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {a.by().toUpperCase(java.util.Locale.ROOT).replace('_', ' '), "QUANTITY", "BILLED", "AMORTIZED", "LIST"});
    for (ActualTotal t : a.rows()) {
      rows.add(new String[] {Escape.terminal(label(a, t)), t.quantity().map(q -> Format.quantity(q, Escape.terminal(t.unit()))).orElse("mixed units"),
          Format.usd(t.billedUsd()), Format.usd(t.amortizedUsd()), Format.usd(t.listUsd())});
    }
    rows.add(new String[] {"TOTAL", "", Format.usd(a.billedUsd()), Format.usd(a.amortizedUsd()), Format.usd(a.listUsd())});
    return "Actual cost by " + a.by().replace('_', ' ') + ", " + range(a) + " (UTC)\n\n"
        + Tables.text(rows, new boolean[] {false, true, true, true, true}, rows.size() - 1);
  }

  public static String markdown(Actuals a) {
    StringBuilder b = new StringBuilder("## Actual cost by " + a.by().replace('_', ' ') + ": " + Format.usd(a.billedUsd()) + "\n\n");
    b.append(Escape.markdown(range(a) + " (UTC)")).append("\n\n");
    b.append("| ").append(Escape.markdown(a.by())).append(" | Quantity | Billed | Amortized | List |\n|---|---:|---:|---:|---:|\n");
    for (ActualTotal t : a.rows()) {
      b.append("| ").append(Escape.markdown(label(a, t))).append(" | ")
          .append(Escape.markdown(t.quantity().map(q -> Format.quantity(q, t.unit())).orElse("mixed units"))).append(" | ").append(Format.usd(t.billedUsd()))
          .append(" | ").append(Format.usd(t.amortizedUsd())).append(" | ").append(Format.usd(t.listUsd())).append(" |\n");
    }
    b.append("| **Total** | | **").append(Format.usd(a.billedUsd())).append("** | ").append(Format.usd(a.amortizedUsd())).append(" | ")
        .append(Format.usd(a.listUsd())).append(" |\n");
    return b.toString();
  }

  public static String csv(Actuals a) {
    StringBuilder b = new StringBuilder(a.by() + ",quantity,unit,billed_usd,amortized_usd,list_usd\n");
    for (ActualTotal t : a.rows()) {
      b.append(Escape.csv(t.key())).append(',').append(t.quantity().map(Format::exact).orElse("")).append(',').append(Escape.csv(t.unit())).append(',')
          .append(Format.exact(t.billedUsd())).append(',').append(Format.exact(t.amortizedUsd())).append(',').append(Format.exact(t.listUsd())).append('\n');
    }
    return b.toString();
  }
}
