package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Diagnostic;
import dev.costflow.sim.Comparison;
import dev.costflow.sim.FunctionStats;
import dev.costflow.sim.MoneyStats;
import dev.costflow.sim.ServiceStats;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Stats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code costflow simulate} output: table, json (SPEC section 4, {@code costflow/simulate@1}) and
 * markdown, for one model or a comparison of two.
 */
public final class SimulateReports {
  public static final String SCHEMA = "costflow/simulate@1";

  private SimulateReports() {}

  // ---------------------------------------------------------------- json

  public static String json(Simulation s) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    fill(root, s);
    return Json.write(root);
  }

  public static String json(Comparison c) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    fill(root, c.base());
    ObjectNode cmp = root.putObject("compare");
    ObjectNode head = cmp.putObject("head");
    fill(head, c.head());
    cmp.set("delta_usd", money(c.deltaUsd()));
    cmp.put("independent_sd_usd", Json.strip(c.independentSdUsd()));
    ArrayNode services = cmp.putArray("services");
    for (Comparison.ServiceDelta d : c.services()) {
      ObjectNode sn = services.addObject();
      sn.put("id", d.id());
      sn.put("type", d.type());
      sn.put("status", d.status());
      d.baseUsd().ifPresentOrElse(m -> sn.set("base_usd", money(m)), () -> sn.putNull("base_usd"));
      d.headUsd().ifPresentOrElse(m -> sn.set("head_usd", money(m)), () -> sn.putNull("head_usd"));
      sn.set("delta_usd", money(d.deltaUsd()));
    }
    return Json.write(root);
  }

  private static void fill(ObjectNode root, Simulation s) {
    root.put("model", s.model().name());
    ObjectNode period = root.putObject("period");
    period.put("label", s.model().period().label());
    period.put("hours", s.model().period().hours());
    root.put("currency", Estimate.CURRENCY);
    root.put("runs", s.options().runs());
    root.put("seed", s.options().seed());
    root.put("cloud", s.model().cloud().id());
    root.put("region", s.model().region());
    root.put("as_of", s.asOf().toString());
    root.put("free_tier", s.model().pricing().freeTier());
    root.put("concurrency_limit", s.concurrencyLimit());
    root.put("estimate_usd", Json.strip(s.estimate().totalUsd()));
    root.set("total_usd", money(s.totalUsd()));
    ArrayNode services = root.putArray("services");
    for (ServiceStats ss : s.services()) {
      ObjectNode sn = services.addObject();
      sn.put("id", ss.id());
      sn.put("type", ss.type());
      sn.set("calls", stats(ss.calls()));
      sn.put("estimate_usd", Json.strip(s.estimate().service(ss.id()).map(ServiceCost::costUsd).orElse(BigDecimal.ZERO)));
      sn.set("cost_usd", money(ss.costUsd()));
      if (ss.function().isPresent()) {
        FunctionStats f = ss.function().get();
        sn.set("invocations", stats(f.invocations()));
        sn.set("cold_starts", stats(f.coldStarts()));
        sn.set("billed_init_ms", stats(f.initBilledMs()));
        sn.set("throttles", stats(f.throttles()));
        sn.set("peak_concurrency", stats(f.peakConcurrency()));
        f.provisionedUtilization().ifPresent(u -> sn.set("provisioned_utilization", stats(u)));
        sn.put("call_by_call_share", Json.number(f.callByCallShare()));
      }
    }
    root.put("throttled_hours", s.throttledHours());
    root.set("account_throttles", stats(s.accountThrottles()));
    ArrayNode warnings = root.putArray("warnings");
    for (Diagnostic d : s.warnings()) {
      warnings.add(d.toString());
    }
  }

  static ObjectNode stats(Stats s) {
    ObjectNode o = Json.object();
    o.put("mean", Json.number(s.mean()));
    o.put("p5", Json.number(s.p5()));
    o.put("p50", Json.number(s.p50()));
    o.put("p95", Json.number(s.p95()));
    o.put("sd", Json.number(s.sd()));
    o.put("min", Json.number(s.min()));
    o.put("max", Json.number(s.max()));
    return o;
  }

  static ObjectNode money(MoneyStats m) {
    ObjectNode o = Json.object();
    o.put("mean", Json.strip(m.mean()));
    o.put("p5", Json.strip(m.p5()));
    o.put("p50", Json.strip(m.p50()));
    o.put("p95", Json.strip(m.p95()));
    o.put("sd", Json.strip(m.sd()));
    o.put("min", Json.strip(m.min()));
    o.put("max", Json.strip(m.max()));
    ArrayNode ci = o.putArray("mean_ci95");
    for (BigDecimal b : m.meanCi95()) {
      ci.add(Json.strip(b));
    }
    return o;
  }

  // ---------------------------------------------------------------- table

  static String headline(Simulation s, String name) {
    var p = s.model().period();
    return name + " · " + (p.isCalendarMonth() ? p.label() + " (" + p.hours() + " h)" : p.label()) + " · " + s.model().cloud().id() + " " + s.model().region()
        + " · prices as of " + s.asOf() + " · free tier " + (s.model().pricing().freeTier() ? "on" : "off");
  }

  static String runsLine(Simulation s) {
    return Format.count(s.options().runs()) + " runs · seed " + s.options().seed() + " · account concurrency limit " + String.format(Locale.US, "%,d", s.concurrencyLimit());
  }

  public static String table(Simulation s) {
    StringBuilder b = new StringBuilder();
    b.append(Escape.terminal(headline(s, s.model().name()))).append('\n').append(runsLine(s)).append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE", "TYPE", "ESTIMATE", "MEAN", "P5", "P50", "P95"});
    for (ServiceStats ss : s.services()) {
      rows.add(new String[] {Escape.terminal(ss.id()), ss.type(), Format.usd(estimateOf(s, ss.id())), Format.usd(ss.costUsd().mean()), Format.usd(ss.costUsd().p5()),
          Format.usd(ss.costUsd().p50()), Format.usd(ss.costUsd().p95())});
    }
    rows.add(new String[] {"TOTAL", "", Format.usd(s.estimate().totalUsd()), Format.usd(s.totalUsd().mean()), Format.usd(s.totalUsd().p5()), Format.usd(s.totalUsd().p50()),
        Format.usd(s.totalUsd().p95())});
    b.append(Tables.text(rows, new boolean[] {false, false, true, true, true, true, true}, rows.size() - 1));
    BigDecimal[] ci = s.totalUsd().meanCi95();
    b.append("\nmean ").append(Format.usd(s.totalUsd().mean())).append(" (95 % CI ").append(Format.usd(ci[0])).append(" – ").append(Format.usd(ci[1]))
        .append(") · the analytic estimate is ").append(Format.usd(s.estimate().totalUsd())).append('\n');
    List<String[]> fn = functionRows(s, false);
    if (fn.size() > 1) {
      b.append('\n').append(Tables.text(fn, new boolean[] {false, true, true, true, true, true, true}, -1));
    }
    if (s.throttledHours() > 0) {
      b.append("\nthe account's concurrency limit of ").append(String.format(Locale.US, "%,d", s.concurrencyLimit())).append(" throttles in ").append(s.throttledHours())
          .append(" hours: ").append(Format.count(s.accountThrottles().mean())).append(" throttled attempts per period on average\n");
    }
    for (Diagnostic d : s.warnings()) {
      b.append("\nwarning: ").append(Escape.terminal(d.message()));
    }
    if (!s.warnings().isEmpty()) {
      b.append('\n');
    }
    return b.toString();
  }

  private static BigDecimal estimateOf(Simulation s, String id) {
    return s.estimate().service(id).map(ServiceCost::costUsd).orElse(BigDecimal.ZERO);
  }

  private static List<String[]> functionRows(Simulation s, boolean markdown) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FUNCTION", "INVOCATIONS", "COLD STARTS (P5–P95)", "BILLED INIT", "THROTTLES", "PEAK CONCURRENCY (P95)", "PROVISIONED BUSY"});
    for (ServiceStats ss : s.services()) {
      if (ss.function().isEmpty()) {
        continue;
      }
      FunctionStats f = ss.function().get();
      rows.add(new String[] {
        markdown ? Escape.markdown(ss.id()) : Escape.terminal(ss.id()),
        Format.count(f.invocations().mean()),
        Format.count(f.coldStarts().mean()) + " (" + Format.count(f.coldStarts().p5()) + "–" + Format.count(f.coldStarts().p95()) + ")",
        seconds(f.initBilledMs().mean()),
        Format.count(f.throttles().mean()),
        Format.count(f.peakConcurrency().mean()) + " (" + Format.count(f.peakConcurrency().p95()) + ")",
        f.provisionedUtilization().map(u -> Format.percent(100 * u.mean())).orElse("")
      });
    }
    return rows;
  }

  /** Milliseconds as seconds for display: "1.25K s", "0 s". */
  private static String seconds(double ms) {
    return Format.count(ms / 1000) + " s";
  }

  public static String table(Comparison c) {
    Simulation b = c.base();
    Simulation h = c.head();
    StringBuilder out = new StringBuilder();
    out.append("base  ").append(Escape.terminal(headline(b, b.model().name()))).append('\n');
    out.append("head  ").append(Escape.terminal(headline(h, h.model().name()))).append('\n');
    out.append(runsLine(b)).append(" · common random numbers\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE", "STATUS", "BASE MEAN", "HEAD MEAN", "DELTA MEAN", "DELTA P5", "DELTA P95"});
    for (Comparison.ServiceDelta d : c.services()) {
      rows.add(new String[] {Escape.terminal(d.id()), d.status(), d.baseUsd().map(m -> Format.usd(m.mean())).orElse("-"), d.headUsd().map(m -> Format.usd(m.mean())).orElse("-"),
          Format.usdDelta(d.deltaUsd().mean()), Format.usdDelta(d.deltaUsd().p5()), Format.usdDelta(d.deltaUsd().p95())});
    }
    rows.add(new String[] {"TOTAL", "", Format.usd(b.totalUsd().mean()), Format.usd(h.totalUsd().mean()), Format.usdDelta(c.deltaUsd().mean()), Format.usdDelta(c.deltaUsd().p5()),
        Format.usdDelta(c.deltaUsd().p95())});
    out.append(Tables.text(rows, new boolean[] {false, false, true, true, true, true, true}, rows.size() - 1));
    BigDecimal[] ci = c.deltaUsd().meanCi95();
    out.append("\ndelta ").append(Format.usdDelta(c.deltaUsd().mean())).append(" (95 % CI ").append(Format.usdDelta(ci[0])).append(" – ").append(Format.usdDelta(ci[1]))
        .append(") · paired sd ").append(Format.usd(c.deltaUsd().sd())).append(", independent runs would give ").append(Format.usd(c.independentSdUsd())).append('\n');
    out.append("analytic estimates: base ").append(Format.usd(b.estimate().totalUsd())).append(", head ").append(Format.usd(h.estimate().totalUsd())).append('\n');
    List<String[]> fn = compareFunctionRows(c, false);
    if (fn.size() > 1) {
      out.append('\n').append(Tables.text(fn, new boolean[] {false, true, true, true, true, true, true}, -1));
    }
    return out.toString();
  }

  private static List<String[]> compareFunctionRows(Comparison c, boolean markdown) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FUNCTION", "BASE COLD STARTS", "HEAD COLD STARTS", "BASE THROTTLES", "HEAD THROTTLES", "BASE PEAK", "HEAD PEAK"});
    for (Comparison.ServiceDelta d : c.services()) {
      Optional<FunctionStats> fb = c.base().service(d.id()).flatMap(ServiceStats::function);
      Optional<FunctionStats> fh = c.head().service(d.id()).flatMap(ServiceStats::function);
      if (fb.isEmpty() && fh.isEmpty()) {
        continue;
      }
      rows.add(new String[] {
        markdown ? Escape.markdown(d.id()) : Escape.terminal(d.id()),
        fb.map(f -> Format.count(f.coldStarts().mean())).orElse("-"),
        fh.map(f -> Format.count(f.coldStarts().mean())).orElse("-"),
        fb.map(f -> Format.count(f.throttles().mean())).orElse("-"),
        fh.map(f -> Format.count(f.throttles().mean())).orElse("-"),
        fb.map(f -> Format.count(f.peakConcurrency().mean())).orElse("-"),
        fh.map(f -> Format.count(f.peakConcurrency().mean())).orElse("-")
      });
    }
    return rows;
  }

  // ---------------------------------------------------------------- markdown

  public static String markdown(Simulation s) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(Escape.markdown(s.model().name())).append(": ").append(usdMd(s.totalUsd().mean())).append(" (p5 ").append(usdMd(s.totalUsd().p5()))
        .append(", p95 ").append(usdMd(s.totalUsd().p95())).append(")\n\n");
    b.append(headline(s, "**" + Escape.markdown(s.model().name()) + "**")).append(" · ").append(runsLine(s)).append("\n\n");
    b.append("| Service | Type | Estimate | Mean | p5 | p50 | p95 |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (ServiceStats ss : s.services()) {
      b.append("| ").append(Escape.markdown(ss.id())).append(" | ").append(Escape.markdown(ss.type())).append(" | ").append(usdMd(estimateOf(s, ss.id()))).append(" | ")
          .append(usdMd(ss.costUsd().mean())).append(" | ").append(usdMd(ss.costUsd().p5())).append(" | ").append(usdMd(ss.costUsd().p50())).append(" | ")
          .append(usdMd(ss.costUsd().p95())).append(" |\n");
    }
    b.append("| **Total** | | **").append(usdMd(s.estimate().totalUsd())).append("** | **").append(usdMd(s.totalUsd().mean())).append("** | ")
        .append(usdMd(s.totalUsd().p5())).append(" | ").append(usdMd(s.totalUsd().p50())).append(" | ").append(usdMd(s.totalUsd().p95())).append(" |\n");
    List<String[]> fn = functionRows(s, true);
    if (fn.size() > 1) {
      b.append('\n').append(markdownTable(fn));
    }
    if (!s.warnings().isEmpty()) {
      b.append('\n');
      for (Diagnostic d : s.warnings()) {
        b.append("- warning: ").append(Escape.markdown(d.message())).append('\n');
      }
    }
    return b.toString();
  }

  public static String markdown(Comparison c) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(Escape.markdown(c.head().model().name())).append(" vs ").append(Escape.markdown(c.base().model().name())).append(": ")
        .append(usdDeltaMd(c.deltaUsd().mean())).append(" (p5 ").append(usdDeltaMd(c.deltaUsd().p5())).append(", p95 ").append(usdDeltaMd(c.deltaUsd().p95()))
        .append(")\n\n");
    b.append(runsLine(c.base())).append(" · common random numbers · paired sd ").append(usdMd(c.deltaUsd().sd())).append(" (independent runs: ")
        .append(usdMd(c.independentSdUsd())).append(")\n\n");
    b.append("| Service | Status | Base mean | Head mean | Delta mean | Delta p5 | Delta p95 |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (Comparison.ServiceDelta d : c.services()) {
      b.append("| ").append(Escape.markdown(d.id())).append(" | ").append(d.status()).append(" | ").append(d.baseUsd().map(m -> usdMd(m.mean())).orElse("-")).append(" | ")
          .append(d.headUsd().map(m -> usdMd(m.mean())).orElse("-")).append(" | ").append(usdDeltaMd(d.deltaUsd().mean())).append(" | ")
          .append(usdDeltaMd(d.deltaUsd().p5())).append(" | ").append(usdDeltaMd(d.deltaUsd().p95())).append(" |\n");
    }
    b.append("| **Total** | | ").append(usdMd(c.base().totalUsd().mean())).append(" | ").append(usdMd(c.head().totalUsd().mean())).append(" | **")
        .append(usdDeltaMd(c.deltaUsd().mean())).append("** | ").append(usdDeltaMd(c.deltaUsd().p5())).append(" | ").append(usdDeltaMd(c.deltaUsd().p95()))
        .append(" |\n");
    List<String[]> fn = compareFunctionRows(c, true);
    if (fn.size() > 1) {
      b.append('\n').append(markdownTable(fn));
    }
    return b.toString();
  }

  /** Money in Markdown: the dollar sign escaped so GitHub never reads two amounts as a formula. */
  static String usdMd(BigDecimal v) {
    return Escape.markdown(Format.usd(v));
  }

  static String usdDeltaMd(BigDecimal v) {
    return Escape.markdown(Format.usdDelta(v));
  }

  private static String markdownTable(List<String[]> rows) {
    StringBuilder b = new StringBuilder();
    String[] head = rows.get(0);
    b.append("|");
    for (String h : head) {
      b.append(' ').append(h.charAt(0)).append(h.substring(1).toLowerCase(Locale.ROOT)).append(" |");
    }
    b.append("\n|---|");
    for (int i = 1; i < head.length; i++) {
      b.append("---:|");
    }
    b.append('\n');
    for (int r = 1; r < rows.size(); r++) {
      b.append("|");
      for (String cell : rows.get(r)) {
        b.append(' ').append(cell).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }
}
