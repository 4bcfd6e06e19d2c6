package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.vm.FieldViewModel.Editor;
import dev.costflow.desktop.vm.FieldViewModel.SliderSpec;
import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Call;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Distributions;
import dev.costflow.model.Model;
import dev.costflow.model.Period;
import dev.costflow.model.Service;
import dev.costflow.reports.Format;
import dev.costflow.services.LambdaKind;
import dev.costflow.services.ServiceKind;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YamlWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inspector: the settings of the selected service or call as editable fields, grouped, and a
 * few facts about it (calls, cost, meters, calls in and out). Fields are rebuilt only when what
 * they edit changes shape; otherwise they are refreshed in place and never overwrite what the
 * user is typing.
 */
public final class InspectorViewModel {
  private static final Pattern DEFAULT = Pattern.compile("\\(default:? ([^)]*)\\)");
  private static final Pattern WORD_DEFAULT = Pattern.compile("([a-z0-9_]+) \\(default\\)");
  private static final Map<String, String> ACRONYMS = Map.of("gsi", "GSI", "wcu", "WCU", "rcu", "RCU", "fifo", "FIFO", "pc", "PC");
  public static final List<String> RATES = List.of("monthly", "daily", "hourly", "rps");
  public static final List<String> SHAPES = List.of("flat", "diurnal", "weekly", "business_hours");

  /** A titled group of fields. */
  public record Group(String title, List<FieldViewModel> fields) {
    public Group {
      fields = List.copyOf(fields);
    }
  }

  /** A fact shown above the fields: "Calls", "30.0M/mo". */
  public record Fact(String label, String value) {}

  /** A link to another call or service: "→ orders (60.0M/mo)". */
  public record Link(String text, Selection target) {}

  private final EditSink sink;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
  private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "Select a service or a call in the graph to edit it.");
  private final ReadOnlyBooleanWrapper canAddTraffic = new ReadOnlyBooleanWrapper(this, "canAddTraffic", false);
  private final ObservableList<Group> groups = FXCollections.observableArrayList();
  private final ObservableList<Fact> facts = FXCollections.observableArrayList();
  private final ObservableList<Link> links = FXCollections.observableArrayList();
  private final Map<FieldViewModel, String> scopes = new LinkedHashMap<>();
  private Selection shown = Selection.NONE;
  private List<String> shownIds = List.of();
  private Evaluation.Valid current;

  public InspectorViewModel(EditSink sink) {
    this.sink = sink;
  }

  // ------------------------------------------------------------------ refresh

  /** Shows {@code selection} in {@code ev}; {@code force} rebuilds every field (after undo, open…). */
  public void refresh(Evaluation.Valid ev, Selection selection, boolean force) {
    current = ev;
    if (ev == null || selection instanceof Selection.None) {
      clear();
      return;
    }
    List<Group> built;
    Map<FieldViewModel, String> builtScopes = new LinkedHashMap<>();
    Model m = ev.model();
    if (selection instanceof Selection.OfService s && m.service(s.id()).isPresent()) {
      built = serviceGroups(m.service(s.id()).get(), builtScopes);
      serviceFacts(ev, m.service(s.id()).get());
    } else if (selection instanceof Selection.OfCall c && m.service(c.from()).isPresent() && c.index() < m.service(c.from()).get().calls().size()) {
      Service from = m.service(c.from()).get();
      built = callGroups(from, c.index(), builtScopes);
      callFacts(ev, from, c.index());
    } else {
      clear();
      return;
    }
    List<String> ids = built.stream().flatMap(g -> g.fields().stream()).map(FieldViewModel::id).toList();
    if (!force && selection.equals(shown) && ids.equals(shownIds)) {
      // Same fields: refresh values in place.
      Map<String, FieldViewModel> byId = new LinkedHashMap<>();
      for (Group g : groups) {
        for (FieldViewModel f : g.fields()) {
          byId.put(f.id(), f);
        }
      }
      for (Group g : built) {
        for (FieldViewModel fresh : g.fields()) {
          FieldViewModel f = byId.get(fresh.id());
          if (f != null && !f.holdsUserText()) {
            f.show(fresh.text().get());
          }
        }
      }
      return;
    }
    scopes.clear();
    scopes.putAll(builtScopes);
    shown = selection;
    shownIds = ids;
    groups.setAll(built);
  }

  private void clear() {
    shown = Selection.NONE;
    shownIds = List.of();
    scopes.clear();
    groups.clear();
    facts.clear();
    links.clear();
    title.set("");
    subtitle.set("");
    canAddTraffic.set(false);
  }

  // ------------------------------------------------------------------ services

  private List<Group> serviceGroups(Service s, Map<FieldViewModel, String> sc) {
    String base = "services." + s.id();
    List<String> root = List.of("services", s.id());
    title.set(s.id());
    subtitle.set(s.kind().title() + " · " + s.type());
    List<Group> out = new ArrayList<>();
    ServiceKind k = s.kind();
    Map<String, String> keys = k.keys();
    List<FieldViewModel> main = new ArrayList<>();
    List<FieldViewModel> dist = new ArrayList<>();
    List<FieldViewModel> more = new ArrayList<>();
    for (Map.Entry<String, String> e : keys.entrySet()) {
      String key = e.getKey();
      String help = e.getValue();
      List<String> path = append(root, key);
      Optional<YNode> node = at(path);
      if (k instanceof LambdaKind && key.equals("memory_mb")) {
        main.add(field(sc, base, path, "Memory (MB)", help, Editor.TEXT, List.of(), Optional.of(new SliderSpec(128, 10240, true, 64, 0))));
      } else if (k instanceof LambdaKind && key.equals("architecture")) {
        main.add(field(sc, base, path, "Architecture", help, Editor.CHOICE, List.of("x86_64", "arm64"), Optional.empty()));
      } else if (k instanceof LambdaKind && key.equals("duration_ms")) {
        dist.addAll(distributionFields(sc, base + ".duration_ms", path, "Duration (ms)", help, s.spec(LambdaKind.Spec.class).durationMs()));
      } else if (key.endsWith("_rate") && (node.isEmpty() || node.get() instanceof YScalar)) {
        main.add(field(sc, base, path, words(key), help, Editor.TEXT, List.of(), Optional.of(new SliderSpec(0, 0.999, false, 0, 3))));
      } else if (help.startsWith("true ") && (node.isEmpty() || node.get() instanceof YScalar)) {
        main.add(field(sc, base, path, words(key), help, Editor.CHOICE, List.of("false", "true"), Optional.empty()));
      } else if (choicesOf(help).size() >= 2 && (node.isEmpty() || node.get() instanceof YScalar)) {
        main.add(field(sc, base, path, words(key), help, Editor.CHOICE, choicesOf(help), Optional.empty()));
      } else {
        more.add(field(sc, base, path, words(key), help, Editor.TEXT, List.of(), Optional.empty()));
      }
    }
    more.add(field(sc, base, append(root, "log_kb"), "Log KB per call", "log bytes written per call, billed by the cloud's log service (default 0)", Editor.TEXT, List.of(), Optional.empty()));
    String kindName = k instanceof LambdaKind ? "Function" : "Settings";
    if (!main.isEmpty()) {
      out.add(new Group(kindName, main));
    }
    if (!dist.isEmpty()) {
      out.add(new Group("Duration distribution", dist));
    }
    out.add(trafficGroup(s, sc));
    out.add(new Group("More settings", more));
    return out;
  }

  private Group trafficGroup(Service s, Map<FieldViewModel, String> sc) {
    List<String> root = List.of("services", s.id(), "traffic");
    String scope = "services." + s.id() + ".traffic";
    canAddTraffic.set(s.traffic().isEmpty());
    if (s.traffic().isEmpty()) {
      return new Group("Traffic", List.of(info("services." + s.id() + ".traffic#none", "Traffic", "No calls enter the graph here; they come from the services that call it.")));
    }
    List<FieldViewModel> f = new ArrayList<>();
    YMap t = at(root).filter(YMap.class::isInstance).map(YMap.class::cast).orElse(new YMap(List.of(), Position.of("(none)")));
    String rate = t.keys().stream().filter(dev.costflow.model.ModelReader.TRAFFIC_RATES::contains).findFirst().orElse("monthly");
    List<String> rates = new ArrayList<>(RATES);
    if (!rates.contains(rate)) {
      rates.add(rate);
    }
    FieldViewModel kind = new FieldViewModel(scope + "#rate", root, "Rate", "how the traffic is given: calls per month, day or hour, or per second", "", Editor.CHOICE, rates, Optional.empty());
    kind.show(rate);
    kind.onEdit((fld, v) -> changeRate(s, fld, rate, v));
    sc.put(kind, scope);
    f.add(kind);
    Optional<SliderSpec> spec = switch (rate) {
      case "monthly" -> Optional.of(new SliderSpec(1, 1e11, true, 0, 0));
      case "daily" -> Optional.of(new SliderSpec(1, 1e10, true, 0, 0));
      case "hourly" -> Optional.of(new SliderSpec(1, 1e9, true, 0, 0));
      case "rps" -> Optional.of(new SliderSpec(0.001, 1e6, true, 0, 0));
      default -> Optional.empty();
    };
    f.add(field(sc, scope, append(root, rate), words(rate).replace("Rps", "Calls per second"), rateHelp(rate), Editor.TEXT, List.of(), spec));
    if (!rate.equals("schedule") && !rate.equals("series")) {
      f.add(field(sc, scope, append(root, "shape"), "Shape", "how calls spread over the hours: flat, diurnal, weekly or business_hours (default flat)", Editor.CHOICE, SHAPES, Optional.empty()));
      f.add(field(sc, scope, append(root, "peak_to_mean"), "Peak to mean", "busiest hour ÷ average hour (default 2.5); changes peaks, never the total", Editor.TEXT, List.of(), Optional.of(new SliderSpec(1, 10, false, 0, 1))));
      f.add(field(sc, scope, append(root, "growth_pct"), "Growth % per month", "traffic growth over the period, % per month (default 0)", Editor.TEXT, List.of(), Optional.of(new SliderSpec(-50, 100, false, 0, 0))));
    }
    f.add(field(sc, scope, append(root, "kb"), "Request KB", "size of each incoming call in KB (default 1)", Editor.TEXT, List.of(), Optional.empty()));
    return new Group("Traffic", f);
  }

  private static String rateHelp(String rate) {
    return switch (rate) {
      case "monthly" -> "calls per calendar month (over an hours period: × hours / 730)";
      case "daily" -> "calls per day";
      case "hourly" -> "calls per hour";
      case "rps" -> "calls per second";
      case "schedule" -> "rate(5 minutes) or cron(…): one call per firing, UTC";
      default -> "CSV file of timestamp,count per hour";
    };
  }

  /** Switching monthly ↔ daily ↔ hourly ↔ rps keeps the same number of calls. */
  private void changeRate(Service s, FieldViewModel fld, String from, YNode chosen) {
    if (!(chosen instanceof YScalar c) || c.text().equals(from) || current == null) {
      fld.result("");
      return;
    }
    String to = c.text();
    Optional<YNode> t = at(List.of("services", s.id(), "traffic"));
    if (t.isEmpty() || !(t.get() instanceof YMap tm)) {
      fld.result("");
      return;
    }
    double perHour = s.traffic().map(tr -> perHour(tr.rate(), current.model().period())).orElse(1000.0);
    double value = switch (to) {
      case "monthly" -> perHour * monthHours(current.model().period());
      case "daily" -> perHour * 24;
      case "hourly" -> perHour;
      default -> perHour / 3600;
    };
    List<YEntry> entries = new ArrayList<>();
    // six significant digits: the total stays the same to a few calls in a million
    entries.add(new YEntry(to, Position.of(fld.id()), YamlWriter.num(new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_UP)).doubleValue())));
    for (YEntry e : tm.entries()) {
      if (!dev.costflow.model.ModelReader.TRAFFIC_RATES.contains(e.key())) {
        entries.add(e);
      }
    }
    sink.edit(List.of("services", s.id(), "traffic"), new YMap(entries, tm.pos()), "traffic of " + s.id(), fld.mergeKey(), errs -> fld.result(message(fld, errs)));
  }

  private static double perHour(dev.costflow.model.Traffic.Rate rate, Period p) {
    if (rate instanceof dev.costflow.model.Traffic.Monthly mo) {
      return mo.calls() / monthHours(p);
    }
    if (rate instanceof dev.costflow.model.Traffic.Daily d) {
      return d.calls() / 24;
    }
    if (rate instanceof dev.costflow.model.Traffic.Hourly h) {
      return h.calls();
    }
    if (rate instanceof dev.costflow.model.Traffic.Rps r) {
      return r.callsPerSecond() * 3600;
    }
    return 1000.0;
  }

  /** Hours a "monthly" rate is spread over: the month's own hours, or 730 for an hours period. */
  private static double monthHours(Period p) {
    return p.isCalendarMonth() ? p.hours() : Period.CALCULATOR_MONTH_HOURS;
  }

  /** Adds {@code traffic: {monthly: 1000000}} to the selected service. */
  public void addTraffic() {
    if (!(shown instanceof Selection.OfService s)) {
      return;
    }
    YMap t = new YMap(List.of(new YEntry("monthly", Position.of("inspector"), number(1_000_000))), Position.of("inspector"));
    sink.edit(List.of("services", s.id(), "traffic"), t, "traffic of " + s.id(), "add-traffic", errs -> {});
  }

  private void serviceFacts(Evaluation.Valid ev, Service s) {
    Period p = ev.model().period();
    List<Fact> out = new ArrayList<>();
    Optional<ServiceCost> c = ev.estimate().service(s.id());
    c.ifPresent(sc -> {
      double total = ev.estimate().totalUsd().doubleValue();
      out.add(new Fact("Cost", Labels.usd(sc.costUsd()) + (total > 0 ? "  (" + Labels.percent(sc.costUsd().doubleValue() / total) + " of total)" : "")));
      out.add(new Fact("Calls in", Format.count(sc.calls()) + Labels.perShort(p)));
      for (LineCost l : sc.lines()) {
        out.add(new Fact("  " + l.meter(), Format.quantity(l.quantity(), l.unit()) + " → " + Labels.usd(l.costUsd())));
      }
    });
    setIfChanged(facts, out);
    List<Link> ls = new ArrayList<>();
    for (Service other : ev.model().services()) {
      for (int i = 0; i < other.calls().size(); i++) {
        if (other.calls().get(i).to().equals(s.id())) {
          ls.add(new Link("← from " + other.id() + " (" + Labels.calls(flow(ev, other.id(), i), p) + ")", new Selection.OfCall(other.id(), i)));
        }
      }
    }
    for (int i = 0; i < s.calls().size(); i++) {
      ls.add(new Link("→ to " + s.calls().get(i).to() + " (" + Labels.calls(flow(ev, s.id(), i), p) + ")", new Selection.OfCall(s.id(), i)));
    }
    setIfChanged(links, ls);
  }

  private static double flow(Evaluation.Valid ev, String from, int i) {
    var flows = ev.estimate().workload().outflows().get(from);
    return flows == null || i >= flows.size() ? 0 : flows.get(i).totalCalls();
  }

  // ------------------------------------------------------------------ calls

  private List<Group> callGroups(Service from, int index, Map<FieldViewModel, String> sc) {
    Call c = from.calls().get(index);
    Service target = current.model().service(c.to()).orElseThrow();
    String scope = "services." + from.id() + ".calls[" + index + "]";
    List<String> root = List.of("services", from.id(), "calls", Integer.toString(index));
    title.set(from.id() + " → " + c.to());
    subtitle.set("call " + (index + 1) + " of " + from.id() + " · " + from.type() + " → " + target.type());
    List<FieldViewModel> f = new ArrayList<>();
    boolean perCallPlain = !(at(append(root, "per_call")).orElse(null) instanceof YMap);
    f.add(field(sc, scope, append(root, "per_call"), "Per call", "calls into " + c.to() + " per call into " + from.id() + ": a number or a distribution (default 1)",
        Editor.TEXT, List.of(), perCallPlain ? Optional.of(new SliderSpec(0, 20, false, 0, 1)) : Optional.empty()));
    f.add(field(sc, scope, append(root, "probability"), "Probability", "share of calls that make this call: a branch, a filter policy, a cache miss (default 1)",
        Editor.TEXT, List.of(), Optional.of(new SliderSpec(0, 1, false, 0, 2))));
    boolean kbPlain = !(at(append(root, "kb")).orElse(null) instanceof YMap);
    f.add(field(sc, scope, append(root, "kb"), "Payload KB", "payload per call into the target in KB (default: as received for messages passed on, else 1)",
        Editor.TEXT, List.of(), kbPlain ? Optional.of(new SliderSpec(0.1, 10240, true, 0, 0)) : Optional.empty()));
    if (!target.kind().ops().isEmpty()) {
      List<String> ops = new ArrayList<>(new TreeSet<>(target.kind().ops()));
      f.add(field(sc, scope, append(root, "op"), "Operation", "the operation on " + target.type() + " (default " + target.kind().defaultOp() + ")", Editor.CHOICE, ops, Optional.empty()));
    }
    List<Group> out = new ArrayList<>();
    out.add(new Group("Call", f));
    if (from.kind().batchesInto(target)) {
      List<FieldViewModel> b = new ArrayList<>();
      b.add(field(sc, scope, append(root, "batch_size"), "Batch size", "records per invocation, 1–10000 (default 10)", Editor.TEXT, List.of(), Optional.of(new SliderSpec(1, 10000, true, 1, 0))));
      b.add(field(sc, scope, append(root, "batch_window_s"), "Batch window (s)", "seconds to gather a batch, 0–300 (default 0)", Editor.TEXT, List.of(), Optional.of(new SliderSpec(0, 300, false, 1, 0))));
      out.add(new Group("Batching", b));
    }
    return out;
  }

  private void callFacts(Evaluation.Valid ev, Service from, int index) {
    Period p = ev.model().period();
    Call c = from.calls().get(index);
    List<Fact> out = new ArrayList<>();
    out.add(new Fact("Carries", Labels.calls(flow(ev, from.id(), index), p)));
    out.add(new Fact("Per call into " + from.id(), Format.count(c.gain()) + " (probability × mean per_call)"));
    setIfChanged(facts, out);
    setIfChanged(links, List.of(new Link("← " + from.id(), new Selection.OfService(from.id())), new Link("→ " + c.to(), new Selection.OfService(c.to()))));
  }

  // ------------------------------------------------------------------ distributions

  /** A distribution: its form as a choice, then one field per parameter (or the whole value as text). */
  private List<FieldViewModel> distributionFields(Map<FieldViewModel, String> sc, String scope, List<String> path, String label, String help, Distribution d) {
    List<FieldViewModel> out = new ArrayList<>();
    Optional<YNode> node = at(path);
    String form = node.isEmpty() || node.get() instanceof YScalar ? "fixed" : ((YMap) node.get()).keys().get(0);
    List<String> forms = new ArrayList<>(List.of("fixed", "uniform", "normal", "lognormal", "exponential", "gamma", "percentiles"));
    if (!forms.contains(form)) {
      forms.add(form);
    }
    FieldViewModel formField = new FieldViewModel(scope + "#form", path, "Form", "the shape of the distribution: switching keeps its centre and spread roughly", "", Editor.CHOICE, forms, Optional.empty());
    formField.show(form);
    formField.onEdit((fld, v) -> {
      if (v instanceof YScalar s && !s.text().equals(form)) {
        sink.edit(path, seed(s.text(), d), label + " form", fld.mergeKey(), errs -> fld.result(message(fld, errs)));
      } else {
        fld.result("");
      }
    });
    sc.put(formField, scope);
    out.add(formField);
    if (node.isEmpty() || node.get() instanceof YScalar) {
      double v = d.mean();
      out.add(field(sc, scope, path, label, help, Editor.TEXT, List.of(), Optional.of(new SliderSpec(0, niceMax(v), false, 1, 0))));
      return out;
    }
    YEntry e = ((YMap) node.get()).entries().iterator().next();
    if (e.value() instanceof YMap params) {
      for (YEntry p : params.entries()) {
        List<String> pp = append(append(path, e.key()), p.key());
        double v = p.value() instanceof YScalar ps ? parseOr(ps.text(), 0) : 0;
        boolean plain = p.value() instanceof YScalar;
        out.add(field(sc, scope, pp, p.key(), form + " " + p.key() + " in ms", Editor.TEXT, List.of(), plain ? Optional.of(new SliderSpec(0, niceMax(v), false, 1, 0)) : Optional.empty()));
      }
    } else {
      out.add(field(sc, scope, append(path, e.key()), form, help, Editor.TEXT, List.of(), Optional.empty()));
    }
    out.add(info(scope + "#describe", "Now", d.describe() + ", mean " + Format.count(d.mean()) + " ms"));
    return out;
  }

  /** A distribution of another form with about the same centre and spread as {@code d}. */
  static YNode seed(String form, Distribution d) {
    double mean = d.mean();
    double p50 = d instanceof Fixed ? mean : d.quantile(0.5);
    double p90 = d instanceof Fixed ? mean * 1.8 : d.quantile(0.9);
    double p99 = d instanceof Fixed ? mean * 3 : d.quantile(0.99);
    double sd = d instanceof Fixed ? mean * 0.5 : Math.max(1e-9, (p90 - p50) / 1.2816);
    Position at = Position.of("inspector");
    return switch (form) {
      case "fixed" -> number(nice(mean));
      case "uniform" -> dist(form, Map.of("min", nice(Math.max(0, mean - sd * 1.7)), "max", nice(mean + sd * 1.7)), List.of("min", "max"), at);
      case "normal", "gamma" -> dist(form, Map.of("mean", nice(mean), "sd", nice(sd)), List.of("mean", "sd"), at);
      case "lognormal" -> dist(form, Map.of("p50", nice(p50), "p99", nice(Math.max(p99, p50 * 1.01 + 1))), List.of("p50", "p99"), at);
      case "exponential" -> dist(form, Map.of("mean", nice(mean)), List.of("mean"), at);
      case "percentiles" -> dist(form, Map.of("p50", nice(p50), "p90", nice(Math.max(p90, p50)), "p99", nice(Math.max(p99, p90)), "max", nice(Math.max(p99, p90) * 1.5)),
          List.of("p50", "p90", "p99", "max"), at);
      default -> throw new IllegalArgumentException(form);
    };
  }

  private static YNode dist(String form, Map<String, Double> params, List<String> order, Position at) {
    List<YEntry> ps = new ArrayList<>();
    for (String k : order) {
      ps.add(new YEntry(k, at, number(params.get(k))));
    }
    return new YMap(List.of(new YEntry(form, at, new YMap(ps, at))), at);
  }

  /** Three significant digits. */
  static double nice(double v) {
    if (v <= 0 || !Double.isFinite(v)) {
      return 0;
    }
    return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_UP)).doubleValue();
  }

  private static double niceMax(double v) {
    double m = Math.max(10, v * 4);
    double p = Math.pow(10, Math.floor(Math.log10(m)));
    return Math.ceil(m / p) * p;
  }

  // ------------------------------------------------------------------ helpers

  /** Replaces a list's content only when it differs (each change redraws its part of the panel). */
  private static <T> void setIfChanged(ObservableList<T> list, List<T> content) {
    if (!list.equals(content)) {
      list.setAll(content);
    }
  }

  private FieldViewModel field(Map<FieldViewModel, String> sc, String scope, List<String> path, String label, String help, Editor editor, List<String> choices,
      Optional<SliderSpec> slider) {
    String id = String.join(".", path);
    String placeholder = defaultOf(help);
    FieldViewModel f = new FieldViewModel(id, path, label, help, placeholder, editor, choices, slider);
    f.show(at(path).map(InspectorViewModel::text).orElse(""));
    f.onEdit(this::send);
    sc.put(f, scope);
    return f;
  }

  private static FieldViewModel info(String id, String label, String text) {
    FieldViewModel f = new FieldViewModel(id, List.of(), label, "", "", Editor.INFO, List.of(), Optional.empty());
    f.show(text);
    return f;
  }

  private void send(FieldViewModel f, YNode value) {
    List<String> path = f.path();
    YNode v = value;
    // A call written as a bare name ("- orders") becomes {to: orders, key: value}.
    int ci = path.indexOf("calls");
    if (ci >= 0 && path.size() == ci + 3) {
      List<String> item = path.subList(0, ci + 2);
      Optional<YNode> node = at(item);
      if (node.isPresent() && node.get() instanceof YScalar s) {
        v = new YMap(List.of(new YEntry("to", s.pos(), s), new YEntry(path.get(ci + 2), value.pos(), value)), s.pos());
        path = item;
      }
    }
    sink.edit(path, v, f.label() + " of " + (shown instanceof Selection.OfService s ? s.id() : title.get()), f.mergeKey(), errs -> f.result(message(f, errs)));
  }

  /** The reader's messages about this field (its key path first), or all of them. */
  String message(FieldViewModel f, List<Diagnostic> errs) {
    if (errs.isEmpty()) {
      return "";
    }
    String scope = scopes.getOrDefault(f, f.id());
    List<String> mine = errs.stream().map(Diagnostic::message).filter(m -> m.startsWith(scope)).toList();
    List<String> show = mine.isEmpty() ? errs.stream().map(Diagnostic::message).toList() : mine;
    return String.join("\n", show.subList(0, Math.min(3, show.size())));
  }

  private Optional<YNode> at(List<String> path) {
    if (current == null) {
      return Optional.empty();
    }
    YNode n = current.tree();
    for (String k : path) {
      if (n instanceof YMap m) {
        Optional<YNode> c = m.get(k);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        n = c.get();
      } else if (n instanceof YList l) {
        int i;
        try {
          i = Integer.parseInt(k);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        if (i < 0 || i >= l.items().size()) {
          return Optional.empty();
        }
        n = l.items().get(i);
      } else {
        return Optional.empty();
      }
    }
    if (n instanceof YScalar s && s.kind() == YScalar.Kind.NULL) {
      return Optional.empty();
    }
    return Optional.of(n);
  }

  private static String text(YNode n) {
    return n instanceof YScalar s ? s.text() : YamlWriter.inline(n);
  }

  private static List<String> append(List<String> p, String k) {
    List<String> out = new ArrayList<>(p);
    out.add(k);
    return out;
  }

  private static String words(String key) {
    String w = key.replace('_', ' ');
    w = w.replaceAll("\\bmb\\b", "(MB)").replaceAll("\\bms\\b", "(ms)").replaceAll("\\bkb\\b", "(KB)").replaceAll("\\bgb\\b", "(GB)").replaceAll("\\bmin\\b", "(min)")
        .replaceAll("\\bs\\b", "(s)").replaceAll("\\bpct\\b", "%");
    StringBuilder b = new StringBuilder();
    for (String part : w.split(" ")) {
      b.append(b.length() == 0 ? "" : " ").append(ACRONYMS.getOrDefault(part, part));
    }
    return Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  private static String defaultOf(String help) {
    Matcher m = DEFAULT.matcher(help);
    if (m.find()) {
      return "default " + m.group(1);
    }
    Matcher w = WORD_DEFAULT.matcher(help);
    return w.find() ? "default " + w.group(1) : "";
  }

  /**
   * The words a key takes, read from its help: "standard (default) or express", "service: peak
   * (default) or hourly" → [standard, express], [peak, hourly]; empty when the help is not a
   * plain list of words.
   */
  static List<String> choicesOf(String help) {
    String h = help.replaceAll("\\([^)]*\\)", "");
    int semi = h.indexOf(';');
    if (semi >= 0) {
      h = h.substring(0, semi);
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(colon + 1);
    }
    if (!h.contains(" or ")) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : h.split(" or |,")) {
      String w = part.strip();
      if (!w.matches("[a-z][a-z0-9_]*")) {
        return List.of();
      }
      out.add(w);
    }
    return out;
  }

  private static double parseOr(String s, double d) {
    try {
      return Double.parseDouble(s.replace("_", ""));
    } catch (NumberFormatException e) {
      return d;
    }
  }

  static YScalar number(double v) {
    return YamlWriter.num(nice(v) == 0 && v > 0 ? v : (Math.abs(v) >= 1000 ? Math.rint(v) : nice(v)));
  }

  // ------------------------------------------------------------------ properties

  public ObservableList<Group> groups() {
    return groups;
  }

  public ObservableList<Fact> facts() {
    return facts;
  }

  public ObservableList<Link> links() {
    return links;
  }

  public ReadOnlyStringProperty title() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty subtitle() {
    return subtitle.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty hint() {
    return hint.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canAddTraffic() {
    return canAddTraffic.getReadOnlyProperty();
  }

  public Selection shown() {
    return shown;
  }

  /** A field by id (its dotted key path), for tests and the view. */
  public Optional<FieldViewModel> field(String id) {
    return groups.stream().flatMap(g -> g.fields().stream()).filter(f -> f.id().equals(id)).findFirst();
  }

  static boolean isDistributionForm(String s) {
    return Distributions.FORMS.contains(s);
  }
}
