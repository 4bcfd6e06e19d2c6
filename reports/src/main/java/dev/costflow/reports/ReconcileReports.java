package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.actuals.Reconciliation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code costflow reconcile} output: table, json (SPEC section 4, {@code costflow/reconcile@1}), markdown. */
public final class ReconcileReports {
  public static final String SCHEMA = "costflow/reconcile@1";

  /** Unmatched line groups shown in text and Markdown (the largest by amount; JSON has them all). */
  static final int SHOWN = 20;

  private ReconcileReports() {}

  private static String pct(java.util.Optional<BigDecimal> p) {
    return p.map(v -> String.format(Locale.ROOT, "%+.1f%%", v.doubleValue())).orElse("n/a");
  }

  public static ObjectNode jsonTree(Reconciliation r) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("model", r.model());
    root.put("since", r.since().toString());
    root.put("until", r.until().toString());
    root.put("currency", "USD");
    root.put("modeled_usd", Json.strip(r.modeledUsd()));
    root.put("actual_usd", Json.strip(r.actualUsd()));
    root.put("variance_usd", Json.strip(r.varianceUsd()));
    if (r.variancePct().isPresent()) {
      root.put("variance_pct", Json.strip(r.variancePct().get()));
    } else {
      root.putNull("variance_pct");
    }
    root.put("unmatched_usd", Json.strip(r.unmatchedUsd()));
    ArrayNode services = root.putArray("services");
    for (Reconciliation.ServiceVariance s : r.services()) {
      ObjectNode sn = services.addObject();
      sn.put("id", s.id());
      sn.put("type", s.type());
      sn.put("modeled_usd", Json.strip(s.modeledUsd()));
      sn.put("actual_usd", Json.strip(s.actualUsd()));
      sn.put("variance_usd", Json.strip(s.varianceUsd()));
      if (s.variancePct().isPresent()) {
        sn.put("variance_pct", Json.strip(s.variancePct().get()));
      } else {
        sn.putNull("variance_pct");
      }
      sn.put("quantity_variance_usd", Json.strip(s.quantityVarianceUsd()));
      sn.put("price_variance_usd", Json.strip(s.priceVarianceUsd()));
      sn.put("unmodeled_usd", Json.strip(s.unmodeledUsd()));
      sn.put("actual_list_usd", Json.strip(s.actualListUsd()));
      ObjectNode matched = sn.putObject("matched_lines");
      for (Map.Entry<Reconciliation.MatchRule, Long> e : s.matchedLines().entrySet()) {
        matched.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
      }
      ArrayNode meters = sn.putArray("meters");
      for (Reconciliation.MeterVariance m : s.meters()) {
        ObjectNode mn = meters.addObject();
        mn.put("meter", m.meterId());
        mn.put("label", m.label());
        mn.put("unit", m.unit());
        mn.put("modeled", m.modeled());
        mn.put("modeled_quantity", Json.number(m.modeledQuantity()));
        mn.put("actual_quantity", Json.number(m.actualQuantity()));
        mn.put("modeled_usd", Json.strip(m.modeledUsd()));
        mn.put("actual_usd", Json.strip(m.actualUsd()));
        mn.put("actual_list_usd", Json.strip(m.actualListUsd()));
        mn.put("quantity_variance_usd", Json.strip(m.quantityVarianceUsd()));
        mn.put("price_variance_usd", Json.strip(m.priceVarianceUsd()));
        mn.put("list_price_variance_usd", Json.strip(m.listPriceVarianceUsd()));
        mn.put("discount_variance_usd", Json.strip(m.discountVarianceUsd()));
        mn.put("unmodeled_usd", Json.strip(m.unmodeledUsd()));
        ArrayNode days = mn.putArray("days");
        for (Reconciliation.DayVariance d : m.days()) {
          ObjectNode dn = days.addObject();
          dn.put("day", d.day().toString());
          dn.put("modeled_quantity", Json.number(d.modeledQuantity()));
          dn.put("actual_quantity", Json.number(d.actualQuantity()));
          dn.put("modeled_usd", Json.strip(d.modeledUsd()));
          dn.put("actual_usd", Json.strip(d.actualUsd()));
        }
      }
    }
    ArrayNode unmatched = root.putArray("unmatched");
    for (Reconciliation.Unmatched u : r.unmatched()) {
      ObjectNode un = unmatched.addObject();
      un.put("service", u.service());
      un.put("usage_type", u.usageType());
      un.put("meter", u.meterId());
      un.put("resource_id", u.resourceId());
      un.put("region", u.region());
      un.put("charge_category", u.chargeCategory());
      un.put("quantity", Json.number(u.quantity()));
      un.put("unit", u.unit());
      un.put("billed_usd", Json.strip(u.billedUsd()));
      un.put("reason", u.reason());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  public static String json(Reconciliation r) {
    return Json.write(jsonTree(r));
  }

  public static String table(Reconciliation r) {
    StringBuilder b = new StringBuilder();
    b.append(Escape.terminal(r.model())).append(" · modeled vs actual · ").append(r.since()).append(" .. ").append(r.until()).append(" (UTC)\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE / METER", "MODELED QTY", "ACTUAL QTY", "MODELED", "ACTUAL", "VARIANCE", "%", "QUANTITY", "PRICE", "UNMODELED"});
    for (Reconciliation.ServiceVariance s : r.services()) {
      rows.add(new String[] {Escape.terminal(s.id()), "", "", Format.usd(s.modeledUsd()), Format.usd(s.actualUsd()), Format.usdDelta(s.varianceUsd()),
          pct(s.variancePct()), Format.usdDelta(s.quantityVarianceUsd()), Format.usdDelta(s.priceVarianceUsd()), Format.usdDelta(s.unmodeledUsd())});
      for (Reconciliation.MeterVariance m : s.meters()) {
        String name = m.modeled() ? m.meterId() : "(not modeled) " + (m.meterId().isEmpty() ? m.label() : m.meterId() + " " + m.label());
        String unit = Escape.terminal(m.unit());
        rows.add(new String[] {"  " + Escape.terminal(name), m.modeled() ? Format.quantity(m.modeledQuantity(), unit) : "",
            Format.quantity(m.actualQuantity(), unit), Format.usd(m.modeledUsd()), Format.usd(m.actualUsd()), Format.usdDelta(m.actualUsd().subtract(m.modeledUsd())),
            "", Format.usdDelta(m.quantityVarianceUsd()), Format.usdDelta(m.priceVarianceUsd()), Format.usdDelta(m.unmodeledUsd())});
      }
    }
    rows.add(new String[] {"TOTAL", "", "", Format.usd(r.modeledUsd()), Format.usd(r.actualUsd()), Format.usdDelta(r.varianceUsd()), pct(r.variancePct()), "", "", ""});
    b.append(Tables.text(rows, new boolean[] {false, true, true, true, true, true, true, true, true, true}, rows.size() - 1));
    b.append("\nQUANTITY: usage differed (at the modeled unit price). PRICE: the rate differed (tiers, free tier, credits, discounts). "
        + "UNMODELED: billed meters the model does not have.\n");
    if (!r.unmatched().isEmpty()) {
      b.append("\nUnmatched actual cost: ").append(Format.usd(r.unmatchedUsd())).append(" in ").append(r.unmatched().size()).append(" line group(s)\n\n");
      List<String[]> u = new ArrayList<>();
      u.add(new String[] {"SERVICE", "USAGE TYPE", "RESOURCE", "BILLED", "WHY"});
      for (Reconciliation.Unmatched x : r.unmatched().subList(0, Math.min(SHOWN, r.unmatched().size()))) {
        u.add(new String[] {Escape.terminal(x.service()), Escape.terminal(x.usageType()), Escape.terminal(clip(x.resourceId())), Format.usd(x.billedUsd()),
            Escape.terminal(x.reason())});
      }
      b.append(Tables.text(u, new boolean[] {false, false, false, true, false}, -1));
      if (r.unmatched().size() > SHOWN) {
        b.append("… and ").append(r.unmatched().size() - SHOWN).append(" smaller groups (all of them: --format json)\n");
      }
    }
    for (String n : r.notes()) {
      b.append("\nnote: ").append(Escape.terminal(n)).append('\n');
    }
    return b.toString();
  }

  private static String clip(String s) {
    return s.length() > 60 ? "…" + s.substring(s.length() - 59) : s;
  }

  public static String markdown(Reconciliation r) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(Escape.markdown(r.model())).append(": modeled ").append(Format.usd(r.modeledUsd())).append(", actual ").append(Format.usd(r.actualUsd()))
        .append(" (").append(Format.usdDelta(r.varianceUsd())).append(", ").append(Escape.markdown(pct(r.variancePct()))).append(")\n\n");
    b.append(Escape.markdown(r.since() + " .. " + r.until() + " (UTC)")).append("\n\n");
    b.append("| Service | Modeled | Actual | Variance | % | Quantity | Price | Unmodeled |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Reconciliation.ServiceVariance s : r.services()) {
      b.append("| ").append(Escape.markdown(s.id())).append(" | ").append(Format.usd(s.modeledUsd())).append(" | ").append(Format.usd(s.actualUsd())).append(" | ")
          .append(Format.usdDelta(s.varianceUsd())).append(" | ").append(Escape.markdown(pct(s.variancePct()))).append(" | ").append(Format.usdDelta(s.quantityVarianceUsd()))
          .append(" | ").append(Format.usdDelta(s.priceVarianceUsd())).append(" | ").append(Format.usdDelta(s.unmodeledUsd())).append(" |\n");
    }
    b.append("| **Total** | **").append(Format.usd(r.modeledUsd())).append("** | **").append(Format.usd(r.actualUsd())).append("** | **")
        .append(Format.usdDelta(r.varianceUsd())).append("** | | | | |\n");
    b.append("\n<details><summary>Meters</summary>\n\n| Service | Meter | Modeled qty | Actual qty | Modeled | Actual |\n|---|---|---:|---:|---:|---:|\n");
    for (Reconciliation.ServiceVariance s : r.services()) {
      for (Reconciliation.MeterVariance m : s.meters()) {
        String name = m.modeled() ? m.meterId() : "(not modeled) " + (m.meterId().isEmpty() ? m.label() : m.meterId());
        b.append("| ").append(Escape.markdown(s.id())).append(" | ").append(Escape.markdown(name)).append(" | ")
            .append(m.modeled() ? Escape.markdown(Format.quantity(m.modeledQuantity(), m.unit())) : "").append(" | ")
            .append(Escape.markdown(Format.quantity(m.actualQuantity(), m.unit()))).append(" | ").append(Format.usd(m.modeledUsd())).append(" | ")
            .append(Format.usd(m.actualUsd())).append(" |\n");
      }
    }
    b.append("\n</details>\n");
    if (!r.unmatched().isEmpty()) {
      b.append("\n<details><summary>Unmatched: ").append(Format.usd(r.unmatchedUsd())).append("</summary>\n\n| Service | Usage type | Resource | Billed | Why |\n|---|---|---|---:|---|\n");
      for (Reconciliation.Unmatched u : r.unmatched().subList(0, Math.min(SHOWN, r.unmatched().size()))) {
        b.append("| ").append(Escape.markdown(u.service())).append(" | ").append(Escape.markdown(u.usageType())).append(" | ").append(Escape.markdown(u.resourceId()))
            .append(" | ").append(Format.usd(u.billedUsd())).append(" | ").append(Escape.markdown(u.reason())).append(" |\n");
      }
      if (r.unmatched().size() > SHOWN) {
        b.append("\n… and ").append(r.unmatched().size() - SHOWN).append(" smaller groups\n");
      }
      b.append("\n</details>\n");
    }
    for (String n : r.notes()) {
      b.append("\n- note: ").append(Escape.markdown(n)).append('\n');
    }
    return b.toString();
  }
}
