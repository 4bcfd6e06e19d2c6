package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.compare.Comparison;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.NodeReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code costflow compare} output: table, json ({@code costflow/compare@1}), markdown. */
public final class CompareReports {
  public static final String SCHEMA = "costflow/compare@1";

  /** Traffic scales shown in text reports (the JSON carries the whole sweep, 1/1000× to 1000×). */
  static final double SHOWN_MIN = 0.01;
  static final double SHOWN_MAX = 100;

  private CompareReports() {}

  // ---------------------------------------------------------------- json

  public static ObjectNode jsonTree(Comparison c) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("model", c.model().name());
    ObjectNode period = root.putObject("period");
    period.put("label", c.model().period().label());
    period.put("hours", c.model().period().hours());
    root.put("currency", "USD");
    root.put("region", c.model().region());
    root.put("as_of", c.serverless().estimate().asOf().toString());
    root.put("with", c.settings().platform().id());
    ObjectNode assumptions = root.putObject("assumptions");
    assumptions.put("target_utilization", Json.number(c.settings().targetUtilization()));
    assumptions.put("min_units", c.settings().minUnits());
    assumptions.put("cpu_fraction", Json.number(c.settings().cpuFraction()));
    assumptions.put("scaling", c.settings().scaling().name().toLowerCase(java.util.Locale.ROOT));
    assumptions.put("ops_rate_usd", Json.strip(c.settings().opsRateUsd()));
    side(root.putObject("serverless"), c.serverless());
    side(root.putObject("alternative"), c.alternative());
    root.put("difference_usd", Json.strip(c.differenceUsd()));
    root.put("entry_calls_per_month", Json.number(c.entryCallsPerMonth()));
    ArrayNode reps = root.putArray("replacements");
    for (Comparison.Replacement r : c.replacements()) {
      ObjectNode n = reps.addObject();
      n.put("id", r.serviceId());
      n.put("memory_mb", r.memoryMb());
      n.put("mean_duration_ms", Json.number(r.meanDurationMs()));
      n.put("cpu_ms_per_call", Json.number(r.cpuMsPerCall()));
      n.put("replaced_by", c.settings().platform().type());
      n.put("size", r.size());
      n.put("peak_units", Json.number(r.peakUnits()));
      n.put("mean_units", Json.number(r.meanUnits()));
      n.put("function_usd", Json.strip(r.functionUsd()));
      n.put("replacement_usd", Json.strip(r.replacementUsd()));
    }
    if (c.crossover().isPresent()) {
      Comparison.Crossover x = c.crossover().get();
      ObjectNode n = root.putObject("crossover");
      n.put("traffic_scale", Json.number(x.scale()));
      n.put("entry_calls_per_month", Json.number(x.entryCallsPerMonth()));
      n.put("cheaper_above", x.cheaperAbove());
    } else {
      root.putNull("crossover");
    }
    ArrayNode sweep = root.putArray("sweep");
    for (Comparison.SweepPoint p : c.sweep()) {
      ObjectNode n = sweep.addObject();
      n.put("traffic_scale", Json.number(p.scale()));
      n.put("entry_calls_per_month", Json.number(p.entryCallsPerMonth()));
      n.put("serverless_usd", Json.strip(p.serverlessUsd()));
      n.put("alternative_usd", Json.strip(p.alternativeUsd()));
    }
    ArrayNode warnings = root.putArray("warnings");
    for (Diagnostic d : warnings(c)) {
      warnings.add(d.toString());
    }
    return root;
  }

  private static void side(ObjectNode n, Comparison.Side s) {
    n.put("label", s.label());
    n.put("infrastructure_usd", Json.strip(s.infraUsd()));
    n.put("ops_hours", Json.number(s.opsHours()));
    n.put("people_usd", Json.strip(s.peopleUsd()));
    n.put("total_usd", Json.strip(s.totalUsd()));
  }

  public static String json(Comparison c) {
    return Json.write(jsonTree(c));
  }

  // ---------------------------------------------------------------- text

  static String headline(Comparison c, String name) {
    return name + " · " + c.model().period().label() + " · aws " + c.model().region() + " · serverless vs " + c.settings().platform().id()
        + " · prices as of " + c.serverless().estimate().asOf();
  }

  public static String table(Comparison c) {
    String alt = c.settings().platform().id();
    StringBuilder b = new StringBuilder();
    b.append(Escape.terminal(headline(c, c.model().name()))).append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "SERVERLESS", alt.toUpperCase(java.util.Locale.ROOT)});
    rows.add(new String[] {"infrastructure", Format.usd(c.serverless().infraUsd()), Format.usd(c.alternative().infraUsd())});
    rows.add(new String[] {"people (" + Format.usd(c.settings().opsRateUsd()) + "/h)", hours(c.serverless()) + "  " + Format.usd(c.serverless().peopleUsd()),
        hours(c.alternative()) + "  " + Format.usd(c.alternative().peopleUsd())});
    rows.add(new String[] {"total cost of ownership", Format.usd(c.serverless().totalUsd()), Format.usd(c.alternative().totalUsd())});
    b.append(Tables.text(rows, new boolean[] {false, true, true}, rows.size() - 1));
    b.append('\n').append(verdict(c)).append("\n\n");

    List<String[]> reps = new ArrayList<>();
    reps.add(new String[] {"FUNCTION", "MEMORY", "DURATION", "CPU/CALL", alt.toUpperCase(java.util.Locale.ROOT), "PEAK", "MEAN", "FUNCTION COST", "REPLACED BY"});
    for (Comparison.Replacement r : c.replacements()) {
      reps.add(new String[] {Escape.terminal(r.serviceId()), r.memoryMb() + " MB", ms(r.meanDurationMs()), ms(r.cpuMsPerCall()), r.size(),
          Format.count(r.peakUnits()), Format.count(r.meanUnits()), Format.usd(r.functionUsd()), Format.usd(r.replacementUsd())});
    }
    b.append(Tables.text(reps, new boolean[] {false, true, true, true, false, true, true, true, true}, -1));
    b.append('\n').append(crossoverText(c)).append('\n');
    if (!c.sweep().isEmpty()) {
      b.append('\n');
      List<String[]> sw = new ArrayList<>();
      sw.add(new String[] {"TRAFFIC", "CALLS/MONTH", "SERVERLESS", alt.toUpperCase(java.util.Locale.ROOT), "CHEAPER"});
      for (Comparison.SweepPoint p : shown(c)) {
        sw.add(new String[] {scale(p.scale()), Format.count(p.entryCallsPerMonth()), Format.usd(p.serverlessUsd()), Format.usd(p.alternativeUsd()), cheaper(p, alt)});
      }
      b.append(Tables.text(sw, new boolean[] {true, true, true, true, false}, -1));
    }
    b.append('\n').append(assumptions(c)).append('\n');
    for (Diagnostic d : warnings(c)) {
      b.append("warning: ").append(Escape.terminal(d.message())).append('\n');
    }
    return b.toString();
  }

  public static String markdown(Comparison c) {
    String alt = c.settings().platform().id();
    StringBuilder b = new StringBuilder();
    b.append("## ").append(Escape.markdown(c.model().name())).append(": serverless vs ").append(alt).append("\n\n");
    b.append(headline(c, "**" + Escape.markdown(c.model().name()) + "**")).append("\n\n");
    b.append("| | Serverless | ").append(alt).append(" |\n|---|---:|---:|\n");
    b.append("| Infrastructure | ").append(usdMd(c.serverless().infraUsd())).append(" | ").append(usdMd(c.alternative().infraUsd())).append(" |\n");
    b.append("| People (").append(usdMd(c.settings().opsRateUsd())).append("/h) | ").append(hours(c.serverless())).append(", ")
        .append(usdMd(c.serverless().peopleUsd())).append(" | ").append(hours(c.alternative())).append(", ").append(usdMd(c.alternative().peopleUsd())).append(" |\n");
    b.append("| **Total cost of ownership** | **").append(usdMd(c.serverless().totalUsd())).append("** | **").append(usdMd(c.alternative().totalUsd()))
        .append("** |\n\n");
    b.append(Escape.markdown(verdict(c))).append("\n\n");  // generated text; its dollar sign escaped
    b.append("| Function | Memory | Duration | CPU per call | ").append(alt).append(" | Peak | Mean | Function cost | Replaced by |\n")
        .append("|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (Comparison.Replacement r : c.replacements()) {
      b.append("| ").append(Escape.markdown(r.serviceId())).append(" | ").append(r.memoryMb()).append(" MB | ").append(ms(r.meanDurationMs())).append(" | ")
          .append(ms(r.cpuMsPerCall())).append(" | ").append(Escape.markdown(r.size())).append(" | ").append(Format.count(r.peakUnits())).append(" | ")
          .append(Format.count(r.meanUnits())).append(" | ").append(usdMd(r.functionUsd())).append(" | ").append(usdMd(r.replacementUsd())).append(" |\n");
    }
    b.append('\n').append(crossoverText(c)).append("\n\n");
    if (!c.sweep().isEmpty()) {
      b.append("| Traffic | Calls/month | Serverless | ").append(alt).append(" | Cheaper |\n|---:|---:|---:|---:|---|\n");
      for (Comparison.SweepPoint p : shown(c)) {
        b.append("| ").append(scale(p.scale())).append(" | ").append(Format.count(p.entryCallsPerMonth())).append(" | ").append(usdMd(p.serverlessUsd()))
            .append(" | ").append(usdMd(p.alternativeUsd())).append(" | ").append(cheaper(p, alt)).append(" |\n");
      }
      b.append('\n');
    }
    b.append(assumptions(c)).append('\n');
    for (Diagnostic d : warnings(c)) {
      b.append("- warning: ").append(Escape.markdown(d.message())).append('\n');
    }
    return b.toString();
  }

  /** Money in Markdown: the dollar sign escaped so GitHub never reads two amounts as a formula. */
  static String usdMd(BigDecimal v) {
    return Escape.markdown(Format.usd(v));
  }

  private static List<Diagnostic> warnings(Comparison c) {
    Set<Diagnostic> all = new LinkedHashSet<>(c.serverless().estimate().warnings());
    return List.copyOf(all);
  }

  static String verdict(Comparison c) {
    BigDecimal d = c.differenceUsd();
    String alt = c.settings().platform().id();
    if (d.signum() == 0) {
      return "Serverless and " + alt + " cost the same at today's traffic.";
    }
    return (d.signum() > 0 ? "Serverless" : alt.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + alt.substring(1)) + " costs " + Format.usd(d.abs())
        + " less at today's traffic, people included.";
  }

  static String crossoverText(Comparison c) {
    if (c.sweep().isEmpty()) {
      return "No crossover: the model's traffic is all schedules, which do not scale.";
    }
    if (c.crossover().isEmpty()) {
      String cheaper = c.differenceUsd().signum() >= 0 ? "serverless" : c.settings().platform().id();
      return "No crossover between 1/1000× and 1000× today's traffic: " + cheaper + " stays cheaper.";
    }
    Comparison.Crossover x = c.crossover().get();
    String other = x.cheaperAbove().equals("serverless") ? c.settings().platform().id() : "serverless";
    return "Crossover at " + scale(x.scale()) + " today's traffic (" + Format.count(x.entryCallsPerMonth()) + " calls a month into the model): " + x.cheaperAbove()
        + " is cheaper above it, " + other + " below.";
  }

  static String assumptions(Comparison c) {
    var s = c.settings();
    return "Assumptions: each function's calls are served by its own " + s.platform().unit() + "s sized to " + NodeReader.fmt(s.targetUtilization() * 100)
        + " % CPU at " + (s.scaling() == dev.costflow.services.Fleet.Scaling.PEAK ? "the peak hour (all period)" : "each hour") + ", at least " + s.minUnits() + " each; "
        + "CPU per call = mean duration × the function's vCPU (memory ÷ 1,769 MB) × " + NodeReader.fmt(s.cpuFraction()) + "; other services unchanged. See docs/compare.md.";
  }

  private static List<Comparison.SweepPoint> shown(Comparison c) {
    List<Comparison.SweepPoint> out = new ArrayList<>();
    for (Comparison.SweepPoint p : c.sweep()) {
      if (p.scale() >= SHOWN_MIN * 0.999 && p.scale() <= SHOWN_MAX * 1.001) {
        out.add(p);
      }
    }
    return out;
  }

  private static String cheaper(Comparison.SweepPoint p, String alt) {
    int s = p.alternativeUsd().compareTo(p.serverlessUsd());
    return s > 0 ? "serverless" : s < 0 ? alt : "same";
  }

  private static String hours(Comparison.Side s) {
    return NodeReader.fmt(Math.round(s.opsHours() * 100) / 100.0) + " h";
  }

  private static String ms(double v) {
    return NodeReader.fmt(Math.round(v * 10) / 10.0) + " ms";
  }

  static String scale(double k) {
    if (k >= 10) {
      return String.format(java.util.Locale.US, "%.0f×", k);
    }
    if (k >= 0.1) {
      return NodeReader.fmt(Math.round(k * 100) / 100.0) + "×";
    }
    return new BigDecimal(k).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString() + "×";
  }
}
