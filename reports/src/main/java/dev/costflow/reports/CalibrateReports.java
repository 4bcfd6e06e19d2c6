package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.actuals.Calibrator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code costflow calibrate} output: what moved, and the fit error per meter (and the forecast error on held-out days). */
public final class CalibrateReports {
  public static final String SCHEMA = "costflow/calibrate@1";

  private CalibrateReports() {}

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%+.1f%%", v);
  }

  private static String abs(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v);
  }

  public static String table(Calibrator.Result r, String out) {
    StringBuilder b = new StringBuilder();
    b.append("Calibrated to actuals ").append(r.since()).append(" .. ").append(r.fitUntil()).append(" (UTC)");
    if (r.fitUntil().isBefore(r.until())) {
      b.append("; held out ").append(r.fitUntil().plusDays(1)).append(" .. ").append(r.until());
    }
    b.append(" · ").append(r.evaluations()).append(" model evaluations\n\n");
    List<String[]> p = new ArrayList<>();
    p.add(new String[] {"VALUE", "KIND", "BEFORE", "AFTER", "FACTOR"});
    for (Calibrator.Fitted f : r.parameters()) {
      p.add(new String[] {Escape.terminal(f.parameter().key()), f.parameter().kind().label(), Escape.terminal(f.before()),
          f.changed() ? Escape.terminal(f.after()) : "(unchanged)", String.format(Locale.ROOT, "×%.3f", f.factor())});
    }
    if (p.size() > 1) {
      b.append(Tables.text(p, new boolean[] {false, false, false, false, true}, -1)).append('\n');
    }
    b.append(fitTable("Fit error per meter (fitted days)", r.fit()));
    if (!r.forecast().isEmpty()) {
      b.append('\n').append(fitTable("Forecast error per meter (held-out days)", r.forecast()));
    }
    for (String n : r.notes()) {
      b.append("\nnote: ").append(Escape.terminal(n)).append('\n');
    }
    if (out != null) {
      b.append("\nwrote ").append(Escape.terminal(out)).append('\n');
    }
    return b.toString();
  }

  private static String fitTable(String title, List<Calibrator.MeterFit> fits) {
    if (fits.isEmpty()) {
      return "";
    }
    List<String[]> t = new ArrayList<>();
    t.add(new String[] {"SERVICE / METER", "DAYS", "ACTUAL", "MODELED BEFORE", "MODELED AFTER", "TOTAL ERR BEFORE", "AFTER", "DAILY ERR BEFORE", "AFTER"});
    for (Calibrator.MeterFit f : fits) {
      String unit = Escape.terminal(f.unit());
      t.add(new String[] {Escape.terminal(f.serviceId()) + " " + f.meterId(), Integer.toString(f.days()), Format.quantity(f.actualQuantity(), unit),
          Format.quantity(f.modeledBefore(), unit), Format.quantity(f.modeledAfter(), unit), pct(f.totalErrorPctBefore()), pct(f.totalErrorPctAfter()),
          abs(f.dailyErrorPctBefore()), abs(f.dailyErrorPctAfter())});
    }
    return title + "\n\n" + Tables.text(t, new boolean[] {false, true, true, true, true, true, true, true, true}, -1);
  }

  public static String json(Calibrator.Result r, String out) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("since", r.since().toString());
    root.put("fit_until", r.fitUntil().toString());
    root.put("until", r.until().toString());
    root.put("out", out);
    root.put("evaluations", r.evaluations());
    ArrayNode ps = root.putArray("parameters");
    for (Calibrator.Fitted f : r.parameters()) {
      ObjectNode n = ps.addObject();
      n.put("key", f.parameter().key());
      n.put("kind", f.parameter().kind().name().toLowerCase(Locale.ROOT));
      n.put("before", f.before());
      n.put("after", f.after());
      n.put("factor", Json.number(f.factor()));
      n.put("changed", f.changed());
    }
    fits(root.putArray("fit"), r.fit());
    fits(root.putArray("forecast"), r.forecast());
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return Json.write(root);
  }

  private static void fits(ArrayNode a, List<Calibrator.MeterFit> fits) {
    for (Calibrator.MeterFit f : fits) {
      ObjectNode n = a.addObject();
      n.put("service", f.serviceId());
      n.put("meter", f.meterId());
      n.put("unit", f.unit());
      n.put("days", f.days());
      n.put("actual_quantity", Json.number(f.actualQuantity()));
      n.put("modeled_before", Json.number(f.modeledBefore()));
      n.put("modeled_after", Json.number(f.modeledAfter()));
      n.put("total_error_pct_before", Json.number(f.totalErrorPctBefore()));
      n.put("total_error_pct_after", Json.number(f.totalErrorPctAfter()));
      n.put("daily_error_pct_before", Json.number(f.dailyErrorPctBefore()));
      n.put("daily_error_pct_after", Json.number(f.dailyErrorPctAfter()));
    }
  }
}
