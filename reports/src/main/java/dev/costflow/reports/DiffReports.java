package dev.costflow.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.diff.Change;
import dev.costflow.diff.CostDiff;
import dev.costflow.diff.Driver;
import dev.costflow.diff.LineDelta;
import dev.costflow.diff.ServiceDelta;
import dev.costflow.engine.Estimate;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code costflow diff} output: markdown (a pull-request comment), json (SPEC section 4,
 * {@code costflow/diff@1}) and a terminal table. Every name and description comes from model
 * files under review and is escaped for its format.
 */
public final class DiffReports {
  public static final String SCHEMA = "costflow/diff@1";

  /** First line of the Markdown report: lets CI find and update its own comment. */
  public static final String MARKER = "<!-- costflow-diff -->";

  /** Services listed one by one in the PR comment before the rest are summed up in one row. */
  static final int MAX_SERVICES = 25;

  /** GitHub rejects comments over 65,536 characters; the report stays below this. */
  static final int MAX_MARKDOWN_CHARS = 60_000;

  /** Drivers listed before the rest are summed up in one line. */
  static final int MAX_DRIVERS = 10;

  /** Effects below half a cent are shown as "no cost effect". */
  static final BigDecimal HALF_CENT = new BigDecimal("0.005");

  private DiffReports() {}

  /**
   * What is compared and against which policy.
   *
   * @param baseLabel how the user named the base ({@code git:main:examples/checkout.yaml})
   * @param headLabel how the user named the head ({@code examples/checkout.yaml})
   */
  public record Context(String baseLabel, String headLabel, DiffPolicy policy) {
    public Context {
      Objects.requireNonNull(baseLabel);
      Objects.requireNonNull(headLabel);
      Objects.requireNonNull(policy);
    }

    public static Context of(String baseLabel, String headLabel) {
      return new Context(baseLabel, headLabel, DiffPolicy.none());
    }
  }

  // ---------------------------------------------------------------- shared words

  /** The model's name: the head's, or the base's when the head was deleted. */
  static String modelName(CostDiff d) {
    return d.head().or(d::base).map(e -> e.model().name()).orElse("model");
  }

  /** "per month" for a calendar month or the 730-hour calculator month, else "per 24 h". */
  static String per(CostDiff d) {
    Period p = d.head().or(d::base).map(Estimate::period).orElseThrow();
    return p.isCalendarMonth() || p.hours() == Period.CALCULATOR_MONTH_HOURS ? "per month" : "per " + p.hours() + " h";
  }

  static String percent(BigDecimal pct) {
    BigDecimal a = pct.abs();
    if (pct.signum() != 0 && a.compareTo(new BigDecimal("0.05")) < 0) {
      return (pct.signum() > 0 ? "+" : "-") + "<0.1%";
    }
    String v = a.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    return pct.signum() > 0 ? "+" + v : pct.signum() < 0 ? "-" + v : v;
  }

  /** "+$41.30 (+13.6%)", or "+$41.30" when the base is $0. */
  static String change(BigDecimal delta, Optional<BigDecimal> pct) {
    return Format.usdDelta(delta) + pct.filter(p -> delta.signum() != 0).map(p -> " (" + percent(p) + ")").orElse("");
  }

  /** A service's change; rounding noise (below {@link CostDiff#NEGLIGIBLE_USD}) shows as $0.00. */
  static String serviceChange(ServiceDelta s) {
    if (s.deltaUsd().abs().compareTo(CostDiff.NEGLIGIBLE_USD) < 0) {
      return Format.usd(BigDecimal.ZERO);
    }
    return change(s.deltaUsd(), s.deltaPct());
  }

  /** The headline sentence, plain text (escape for the target format). */
  static String headline(CostDiff d) {
    String name = modelName(d);
    String per = per(d);
    if (d.base().isEmpty()) {
      return "New model " + name + ": " + Format.usd(d.headTotalUsd()) + " " + per + ".";
    }
    if (d.head().isEmpty()) {
      return "Model " + name + " removed: " + Format.usdDelta(d.deltaUsd()) + " " + per + ".";
    }
    BigDecimal delta = d.deltaUsd();
    if (delta.abs().compareTo(HALF_CENT) < 0) {
      return "No cost change for " + name + ": " + Format.usd(d.headTotalUsd()) + " " + per + (d.hasChanges() ? " (the changes have no cost effect)." : ".");
    }
    String dir = delta.signum() > 0 ? "raises" : "lowers";
    return "This change " + dir + " the cost of " + name + " by " + Format.usd(delta.abs()) + d.deltaPct().map(p -> " (" + percent(p) + ")").orElse("")
        + " " + per + ", from " + Format.usd(d.baseTotalUsd()) + " to " + Format.usd(d.headTotalUsd()) + ".";
  }

  /** Assumptions behind the numbers, as short phrases (plain text). */
  static List<String> assumptions(CostDiff d, Context ctx) {
    List<String> out = new ArrayList<>();
    out.add("base " + ctx.baseLabel() + (d.base().isEmpty() ? " (does not exist)" : ""));
    out.add("head " + ctx.headLabel() + (d.head().isEmpty() ? " (does not exist)" : ""));
    out.add("period " + both(d, e -> e.period().label() + " (" + e.period().hours() + " h)"));
    out.add("prices as of " + both(d, e -> e.asOf().toString()));
    out.add(both(d, e -> e.model().cloud().id() + " " + e.model().region()));
    out.add("free tier " + both(d, e -> e.model().pricing().freeTier() ? "on" : "off"));
    String discount = both(d, e -> Format.exact(e.model().pricing().discountPct()) + "%");
    if (!discount.equals("0%")) {
      out.add("discount " + discount);
    }
    out.add("expected cost of the period (analytic estimate, list prices in USD)");
    out.add("each change is priced alone on the base model; the interaction line is what changes do together");
    return out;
  }

  private static String both(CostDiff d, java.util.function.Function<Estimate, String> f) {
    Optional<String> b = d.base().map(f);
    Optional<String> h = d.head().map(f);
    if (b.isPresent() && h.isPresent() && !b.get().equals(h.get())) {
      return b.get() + " → " + h.get();
    }
    return h.or(() -> b).orElse("");
  }

  /** Drivers shown as such: not negligible, largest first. */
  static List<Driver> shownDrivers(CostDiff d) {
    return d.drivers().stream().filter(x -> x.measured() == Driver.Measure.NOT_PRICED || x.effectUsd().abs().compareTo(HALF_CENT) >= 0).toList();
  }

  /** Changes whose effect rounds to $0.00. */
  static List<Driver> smallDrivers(CostDiff d) {
    return d.drivers().stream().filter(x -> x.measured() != Driver.Measure.NOT_PRICED && x.effectUsd().abs().compareTo(HALF_CENT) < 0).toList();
  }

  private static String effect(Driver x) {
    return switch (x.measured()) {
      case NOT_PRICED -> "not priced alone";
      case LAST_ON_HEAD -> Format.usdDelta(x.effectUsd()) + " †";
      case ALONE_ON_BASE -> Format.usdDelta(x.effectUsd());
    };
  }

  private static boolean anyLast(List<Driver> drivers) {
    return drivers.stream().anyMatch(x -> x.measured() == Driver.Measure.LAST_ON_HEAD);
  }

  static final String LAST_NOTE = "† not a valid model on the base alone (it needs other changes of this diff), so measured last: the head with it minus the head without it.";

  // ---------------------------------------------------------------- markdown

  public static String markdown(CostDiff d, Context ctx) {
    StringBuilder b = new StringBuilder();
    b.append(MARKER).append('\n');
    b.append("### costflow · ").append(md(modelName(d))).append(": ");
    if (d.base().isPresent() && d.head().isPresent() && d.deltaUsd().abs().compareTo(HALF_CENT) < 0) {
      b.append("no cost change");
    } else {
      b.append(md(change(d.deltaUsd(), d.deltaPct()))).append(' ').append(per(d));
    }
    b.append("\n\n");
    b.append(md(headline(d))).append("\n\n");

    List<String> violations = ctx.policy().violations(d);
    if (!violations.isEmpty()) {
      b.append("> **Cost policy failed:** ").append(md(String.join("; ", violations))).append(".\n\n");
    } else if (ctx.policy().isSet()) {
      b.append("Within the cost policy (").append(md(ctx.policy().describe())).append(").\n\n");
    }

    // per service: the services that matter to a reviewer, largest change first when there are many
    List<ServiceDelta> changed = d.changedServices();
    List<ServiceDelta> listed = listedServices(d);
    if (!changed.isEmpty()) {
      b.append("| Service | Type | Status | Before | After | Change |\n|---|---|---|---:|---:|---:|\n");
      for (ServiceDelta s : listed) {
        b.append("| ").append(md(s.id())).append(" | ").append(md(type(s))).append(" | ").append(s.status().id())
            .append(" | ").append(s.baseType().isPresent() ? md(Format.usd(s.baseUsd())) : "–").append(" | ").append(s.headType().isPresent() ? md(Format.usd(s.headUsd())) : "–")
            .append(" | ").append(md(serviceChange(s))).append(" |\n");
      }
      List<ServiceDelta> others = changed.stream().filter(s -> !listed.contains(s)).toList();
      if (!others.isEmpty()) {
        BigDecimal before = others.stream().map(ServiceDelta::baseUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal after = others.stream().map(ServiceDelta::headUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        b.append("| *").append(others.size()).append(" more changed ").append(others.size() == 1 ? "service" : "services").append("* | | | ")
            .append(md(Format.usd(before))).append(" | ").append(md(Format.usd(after))).append(" | ").append(md(Format.usdDelta(after.subtract(before)))).append(" |\n");
      }
      List<ServiceDelta> same = d.services().stream().filter(s -> s.status() == ServiceDelta.Status.UNCHANGED).toList();
      if (!same.isEmpty()) {
        BigDecimal sum = same.stream().map(ServiceDelta::headUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        b.append("| *").append(same.size()).append(same.size() == 1 ? " unchanged service" : " unchanged services").append("* | | | ")
            .append(md(Format.usd(sum))).append(" | ").append(md(Format.usd(sum))).append(" | ").append(md("$0.00")).append(" |\n");
      }
      b.append("| **Total** | | | **").append(md(Format.usd(d.baseTotalUsd()))).append("** | **").append(md(Format.usd(d.headTotalUsd()))).append("** | **")
          .append(md(change(d.deltaUsd(), d.deltaPct()))).append("** |\n\n");
    }

    // drivers
    List<Driver> shown = shownDrivers(d);
    boolean interaction = d.interactionUsd().abs().compareTo(HALF_CENT) >= 0;
    if (!shown.isEmpty() || interaction) {
      b.append("**What changed the cost**\n\n| Change | Effect ").append(per(d)).append(" |\n|---|---:|\n");
      int n = 0;
      BigDecimal rest = BigDecimal.ZERO;
      int restCount = 0;
      for (Driver x : shown) {
        if (n++ < MAX_DRIVERS) {
          b.append("| ").append(md(x.change().description())).append(" | ").append(md(effect(x))).append(" |\n");
        } else {
          rest = rest.add(x.effectUsd());
          restCount++;
        }
      }
      if (restCount > 0) {
        b.append("| *").append(restCount).append(" more changes (see details)* | ").append(md(Format.usdDelta(rest))).append(" |\n");
      }
      if (interaction) {
        b.append("| *changes acting together (interaction)* | ").append(md(Format.usdDelta(d.interactionUsd()))).append(" |\n");
      }
      b.append('\n');
      if (anyLast(shown)) {
        b.append(md(LAST_NOTE)).append("\n\n");
      }
    } else if (!d.hasChanges()) {
      b.append("The two models are the same.\n\n");
    }

    // details
    b.append("<details><summary>Details</summary>\n\n");
    boolean any = false;
    List<ServiceDelta> withLines = listed.stream().filter(s -> s.lines().stream().anyMatch(DiffReports::lineChanged)).toList();
    if (!withLines.isEmpty()) {
      any = true;
      b.append("**Lines of the changed services**\n\n| Service | Meter | Quantity before | Quantity after | Before | After | Change |\n|---|---|---:|---:|---:|---:|---:|\n");
      for (ServiceDelta s : withLines) {
        for (LineDelta l : s.lines()) {
          if (!lineChanged(l)) {
            continue;
          }
          b.append("| ").append(md(s.id())).append(" | ").append(md(l.meter())).append(" | ")
              .append(md(Format.quantity(l.baseQuantity(), l.unit()))).append(" | ").append(md(Format.quantity(l.headQuantity(), l.unit())))
              .append(" | ").append(md(Format.usd(l.baseUsd()))).append(" | ").append(md(Format.usd(l.headUsd()))).append(" | ").append(md(Format.usdDelta(l.deltaUsd())))
              .append(" |\n");
        }
      }
      b.append('\n');
    }
    if (shown.size() > MAX_DRIVERS) {
      any = true;
      b.append("**More changes**\n\n");
      for (Driver x : shown.subList(MAX_DRIVERS, shown.size())) {
        b.append("- ").append(md(x.change().description())).append(": ").append(md(effect(x))).append('\n');
      }
      b.append('\n');
    }
    List<Driver> small = smallDrivers(d);
    if (!small.isEmpty()) {
      any = true;
      b.append("**Changes with no cost effect** (under half a cent)\n\n");
      for (Driver x : small) {
        b.append("- ").append(md(x.change().description())).append('\n');
      }
      b.append('\n');
    }
    List<String> notes = warnings(d);
    if (!notes.isEmpty()) {
      any = true;
      b.append("**Warnings**\n\n");
      for (String w : notes) {
        b.append("- ").append(md(w)).append('\n');
      }
      b.append('\n');
    }
    if (!any) {
      b.append("Nothing more to show.\n\n");
    }
    if (b.length() > MAX_MARKDOWN_CHARS - 2_000) {
      int cut = b.lastIndexOf("\n", MAX_MARKDOWN_CHARS - 2_500);
      b.setLength(Math.max(cut, b.indexOf("<details>")));
      b.append("\n\n*(details cut to keep the comment within the size a pull-request comment may have; run `costflow diff` or see its JSON for everything)*\n\n");
    }
    b.append("</details>\n\n");

    b.append("<sub>").append(md(String.join(" · ", assumptions(d, ctx)))).append(".</sub>\n");
    return b.toString();
  }

  /**
   * The services a PR comment lists one by one: added, removed, changed in definition, or whose
   * cost moved by half a cent or more — at most {@link #MAX_SERVICES}, the largest changes, in
   * model order. The rest are summed in one row (a pooled tier or free allowance shared by many
   * services moves each of them a little).
   */
  static List<ServiceDelta> listedServices(CostDiff d) {
    List<ServiceDelta> candidates = d.changedServices().stream()
        .filter(s -> s.status() != ServiceDelta.Status.CHANGED || s.definitionChanged() || s.deltaUsd().abs().compareTo(HALF_CENT) >= 0).toList();
    if (candidates.size() <= MAX_SERVICES) {
      return candidates;
    }
    List<ServiceDelta> biggest = new ArrayList<>(candidates);
    biggest.sort(java.util.Comparator.comparing((ServiceDelta s) -> s.deltaUsd().abs()).reversed());
    java.util.Set<ServiceDelta> keep = new java.util.HashSet<>(biggest.subList(0, MAX_SERVICES));
    return candidates.stream().filter(keep::contains).toList();
  }

  /** A line whose cost or quantity moved by more than rounding noise. */
  static boolean lineChanged(LineDelta l) {
    double scale = Math.max(Math.abs(l.baseQuantity()), Math.abs(l.headQuantity()));
    return l.deltaUsd().abs().compareTo(CostDiff.NEGLIGIBLE_USD) >= 0 || Math.abs(l.headQuantity() - l.baseQuantity()) > 1e-12 * scale;
  }

  /**
   * Markdown-escaped text with every dollar sign escaped too, so that GitHub and GitLab never read
   * two amounts on a line as a math formula ($…$).
   */
  static String md(String s) {
    return Escape.markdown(s);
  }

  private static String type(ServiceDelta s) {
    if (s.baseType().isPresent() && s.headType().isPresent() && !s.baseType().get().equals(s.headType().get())) {
      return s.baseType().get() + " → " + s.headType().get();
    }
    return s.type();
  }

  /** Warnings of the comparison and of the head model (the base's are not the reviewer's concern). */
  static List<String> warnings(CostDiff d) {
    List<String> out = new ArrayList<>();
    for (Diagnostic w : d.warnings()) {
      out.add(w.message());
    }
    d.head().ifPresent(e -> e.warnings().forEach(w -> out.add(w.message())));
    return out;
  }

  // ---------------------------------------------------------------- table

  public static String table(CostDiff d, Context ctx) {
    StringBuilder b = new StringBuilder();
    b.append(Escape.terminal(headline(d))).append('\n');
    b.append(Escape.terminal(String.join(" · ", assumptions(d, ctx).subList(0, 2)))).append("\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SERVICE", "TYPE", "STATUS", "BEFORE", "AFTER", "CHANGE"});
    for (ServiceDelta s : d.services()) {
      rows.add(new String[] {Escape.terminal(s.id()), Escape.terminal(type(s)), s.status().id(), s.baseType().isPresent() ? Format.usd(s.baseUsd()) : "-",
          s.headType().isPresent() ? Format.usd(s.headUsd()) : "-", serviceChange(s)});
    }
    rows.add(new String[] {"TOTAL", "", "", Format.usd(d.baseTotalUsd()), Format.usd(d.headTotalUsd()), change(d.deltaUsd(), d.deltaPct())});
    b.append(Tables.text(rows, new boolean[] {false, false, false, true, true, true}, rows.size() - 1));

    List<Driver> shown = shownDrivers(d);
    boolean interaction = d.interactionUsd().abs().compareTo(HALF_CENT) >= 0;
    if (!shown.isEmpty() || interaction) {
      List<String[]> dr = new ArrayList<>();
      dr.add(new String[] {"DRIVER", "EFFECT"});
      for (Driver x : shown) {
        dr.add(new String[] {Escape.terminal(x.change().description()), effect(x)});
      }
      if (interaction) {
        dr.add(new String[] {"changes acting together (interaction)", Format.usdDelta(d.interactionUsd())});
      }
      b.append('\n').append(Tables.text(dr, new boolean[] {false, true}, -1));
      if (anyLast(shown)) {
        b.append(LAST_NOTE).append('\n');
      }
    }
    List<Driver> small = smallDrivers(d);
    if (!small.isEmpty()) {
      b.append("\nno cost effect: ");
      List<String> names = new ArrayList<>();
      for (Driver x : small) {
        names.add(Escape.terminal(x.change().description()));
      }
      b.append(String.join("; ", names)).append('\n');
    }
    List<String> violations = ctx.policy().violations(d);
    if (!violations.isEmpty()) {
      b.append("\npolicy failed: ").append(Escape.terminal(String.join("; ", violations))).append('\n');
    }
    for (String w : warnings(d)) {
      b.append("\nwarning: ").append(Escape.terminal(w));
    }
    if (!warnings(d).isEmpty()) {
      b.append('\n');
    }
    b.append('\n').append(Escape.terminal(String.join(" · ", assumptions(d, ctx).subList(2, assumptions(d, ctx).size())))).append('\n');
    return b.toString();
  }

  // ---------------------------------------------------------------- json

  public static ObjectNode jsonTree(CostDiff d, Context ctx) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("currency", Estimate.CURRENCY);
    root.set("base", side(d.base(), ctx.baseLabel()));
    root.set("head", side(d.head(), ctx.headLabel()));
    root.put("base_total_usd", Json.strip(d.baseTotalUsd()));
    root.put("head_total_usd", Json.strip(d.headTotalUsd()));
    root.put("delta_usd", Json.strip(d.deltaUsd()));
    putPct(root, "delta_pct", d.deltaPct());
    ArrayNode services = root.putArray("services");
    for (ServiceDelta s : d.services()) {
      ObjectNode sn = services.addObject();
      sn.put("id", s.id());
      sn.put("type", s.type());
      sn.put("status", s.status().id());
      sn.put("base_usd", Json.strip(s.baseUsd()));
      sn.put("head_usd", Json.strip(s.headUsd()));
      sn.put("delta_usd", Json.strip(s.deltaUsd()));
      putPct(sn, "delta_pct", s.deltaPct());
      sn.put("definition_changed", s.definitionChanged());
      s.baseType().ifPresentOrElse(t -> sn.put("base_type", t), () -> sn.putNull("base_type"));
      s.headType().ifPresentOrElse(t -> sn.put("head_type", t), () -> sn.putNull("head_type"));
      ArrayNode lines = sn.putArray("lines");
      for (LineDelta l : s.lines()) {
        ObjectNode ln = lines.addObject();
        ln.put("meter", l.meter());
        ln.put("meter_id", l.meterId());
        ln.put("unit", l.unit());
        ln.put("base_quantity", Json.number(l.baseQuantity()));
        ln.put("head_quantity", Json.number(l.headQuantity()));
        ln.put("base_usd", Json.strip(l.baseUsd()));
        ln.put("head_usd", Json.strip(l.headUsd()));
        ln.put("delta_usd", Json.strip(l.deltaUsd()));
      }
    }
    ArrayNode drivers = root.putArray("drivers");
    for (Driver x : d.drivers()) {
      Change c = x.change();
      ObjectNode dn = drivers.addObject();
      dn.put("description", c.description());
      dn.put("effect_usd", Json.strip(x.effectUsd()));
      dn.put("kind", c.kind().id());
      c.serviceId().ifPresentOrElse(s -> dn.put("service", s), () -> dn.putNull("service"));
      dn.put("path", c.path());
      c.before().ifPresentOrElse(v -> dn.put("before", v), () -> dn.putNull("before"));
      c.after().ifPresentOrElse(v -> dn.put("after", v), () -> dn.putNull("after"));
      dn.put("measured", x.measured().id());
    }
    root.put("interaction_usd", Json.strip(d.interactionUsd()));
    ObjectNode policy = root.putObject("policy");
    ctx.policy().failAboveUsd().ifPresentOrElse(v -> policy.put("fail_above_usd", Json.strip(v)), () -> policy.putNull("fail_above_usd"));
    ctx.policy().failAbovePct().ifPresentOrElse(v -> policy.put("fail_above_pct", Json.strip(v)), () -> policy.putNull("fail_above_pct"));
    List<String> violations = ctx.policy().violations(d);
    policy.put("failed", !violations.isEmpty());
    ArrayNode reasons = policy.putArray("violations");
    violations.forEach(reasons::add);
    ArrayNode warnings = root.putArray("warnings");
    warnings(d).forEach(warnings::add);
    return root;
  }

  public static String json(CostDiff d, Context ctx) {
    return Json.write(jsonTree(d, ctx));
  }

  private static ObjectNode side(Optional<Estimate> e, String label) {
    ObjectNode n = Json.object();
    n.put("label", label);
    n.put("exists", e.isPresent());
    if (e.isPresent()) {
      Estimate x = e.get();
      n.put("model", x.model().name());
      ObjectNode period = n.putObject("period");
      period.put("label", x.period().label());
      period.put("hours", x.period().hours());
      n.put("cloud", x.model().cloud().id());
      n.put("region", x.model().region());
      n.put("as_of", x.asOf().toString());
      n.put("free_tier", x.model().pricing().freeTier());
      n.put("total_usd", Json.strip(x.totalUsd()));
    }
    return n;
  }

  private static void putPct(ObjectNode n, String key, Optional<BigDecimal> pct) {
    if (pct.isPresent()) {
      n.put(key, Json.strip(pct.get()));
    } else {
      n.putNull(key);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
