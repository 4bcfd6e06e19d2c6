package dev.costflow.actuals;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlEditor;
import dev.costflow.yaml.YamlWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a model's traffic, function durations, payload sizes and fan-out ratios ({@code per_call})
 * to the actual quantities of its meters (docs/billing-import.md#calibrate). Each parameter is a
 * factor {@code exp(θ)} on the value written in the model; the residual of each observed service,
 * meter and day is (modeled − actual) ÷ the meter's mean daily actual, so every meter weighs the same
 * whatever its unit; a weak pull of every θ towards 0 keeps parameters the bill cannot tell apart
 * where the model had them. Solved with Commons Math's Levenberg–Marquardt on finite-difference
 * Jacobians (each evaluation estimates the model again). The new model is the original text with
 * the fitted values edited in place (comments kept) and a comment with the value before and after.
 */
public final class Calibrator {
  /** What a parameter scales. */
  public enum Kind {
    TRAFFIC("traffic"),
    DURATION("duration"),
    PAYLOAD("payload size"),
    FAN_OUT("fan-out");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** A value of the model the fit may scale: at {@code path} (absent in the file: {@code original} is the default). */
  public record Parameter(Kind kind, String serviceId, List<String> path, YNode original, boolean present) {
    public String key() {
      return String.join(".", path);
    }
  }

  /** A parameter after the fit. */
  public record Fitted(Parameter parameter, double factor, String before, String after, boolean changed) {}

  /**
   * Fit of one service's meter over some days: actual and modeled totals (before and after the
   * fit) and the mean absolute daily error in percent.
   */
  public record MeterFit(String serviceId, String meterId, String unit, int days, double actualQuantity, double modeledBefore, double modeledAfter,
      double dailyErrorPctBefore, double dailyErrorPctAfter) {
    public double totalErrorPctBefore() {
      return actualQuantity == 0 ? 0 : (modeledBefore - actualQuantity) / actualQuantity * 100;
    }

    public double totalErrorPctAfter() {
      return actualQuantity == 0 ? 0 : (modeledAfter - actualQuantity) / actualQuantity * 100;
    }
  }

  /** The outcome: fitted parameters, fit error per meter on the fit days and, with held-out days, the forecast error on them. */
  public record Result(
      LocalDate since,
      LocalDate fitUntil,
      LocalDate until,
      List<Fitted> parameters,
      List<MeterFit> fit,
      List<MeterFit> forecast,
      String modelText,
      int evaluations,
      int iterations,
      List<String> notes) {}

  /** Weight of the pull of each log-factor towards 0 (1 = as strong as one meter's fit). */
  static final double PRIOR = 0.05;
  /** Finite-difference step on θ: 2 % straddles the 1 ms and 1 KB steps of metered quantities. */
  static final double STEP = 0.02;

  private final Estimator estimator;

  public Calibrator(Estimator estimator) {
    this.estimator = estimator;
  }

  private record Obs(String serviceId, String meterId, LocalDate day, double actual, double scale) {}

  /**
   * Calibrates over days {@code since}..{@code until}; with {@code fitUntil} only days up to it are
   * fitted and the later ones are forecast.
   */
  public Result calibrate(Model model, String modelText, List<ActualLine> actuals, LocalDate since, LocalDate until, Optional<LocalDate> fitUntil) {
    LocalDate lastFit = fitUntil.map(d -> d.isAfter(until) ? until : d).orElse(until);
    Reconciliation r = new Reconciler(estimator).reconcile(model, actuals, since, until);
    // observations: per service, modeled meter and day with actual usage
    Map<String, List<Obs>> bySeries = new LinkedHashMap<>();
    Map<String, String> units = new HashMap<>();
    for (Reconciliation.ServiceVariance s : r.services()) {
      for (Reconciliation.MeterVariance m : s.meters()) {
        if (!m.modeled() || m.actualQuantity() <= 0) {
          continue;
        }
        double sum = 0;
        int n = 0;
        for (Reconciliation.DayVariance d : m.days()) {
          if (!d.day().isAfter(lastFit)) {
            sum += d.actualQuantity();
            n++;
          }
        }
        double scale = n == 0 ? 1 : Math.max(sum / n, 1e-9);
        List<Obs> obs = new ArrayList<>();
        for (Reconciliation.DayVariance d : m.days()) {
          obs.add(new Obs(s.id(), m.meterId(), d.day(), d.actualQuantity(), scale));
        }
        bySeries.put(s.id() + " " + m.meterId(), obs);
        units.put(s.id() + " " + m.meterId(), m.unit());
      }
    }
    List<String> notes = new ArrayList<>(r.notes());
    List<Obs> fitObs = new ArrayList<>();
    for (List<Obs> series : bySeries.values()) {
      int n = (int) series.stream().filter(o -> !o.day().isAfter(lastFit)).count();
      for (Obs o : series) {
        if (!o.day().isAfter(lastFit)) {
          fitObs.add(new Obs(o.serviceId(), o.meterId(), o.day(), o.actual(), o.scale() * Math.sqrt(Math.max(1, n))));
        }
      }
    }
    List<Parameter> candidates = parameters(model);
    YNode root = model.tree();
    Path base = model.source().map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("."));
    Evaluator ev = new Evaluator(model, root, base == null ? Path.of(".") : base, candidates, since, until);

    double[] zero = new double[candidates.size()];
    Map<String, Map<String, ModeledDays.Series>> before = ev.modeled(zero);
    List<Parameter> params = new ArrayList<>();
    if (!fitObs.isEmpty()) {
      // keep the parameters that move some observation
      double[] r0 = residuals(fitObs, before);
      for (int k = 0; k < candidates.size(); k++) {
        double[] t = zero.clone();
        t[k] = STEP;
        double[] rk = residuals(fitObs, ev.modeled(t));
        double move = 0;
        for (int i = 0; i < r0.length; i++) {
          move = Math.max(move, Math.abs(rk[i] - r0[i]));
        }
        if (move > 1e-9) {
          params.add(candidates.get(k));
        }
      }
    }
    if (fitObs.isEmpty()) {
      notes.add("no actual usage matches a modeled meter between " + since + " and " + lastFit + ": nothing to fit");
    } else if (params.isEmpty()) {
      notes.add("no traffic, duration, payload or fan-out of the model moves the observed meters: nothing to fit");
    }
    double[] theta = new double[params.size()];
    int iterations = 0;
    if (!params.isEmpty()) {
      int[] index = new int[params.size()];
      for (int k = 0; k < params.size(); k++) {
        index[k] = candidates.indexOf(params.get(k));
      }
      MultivariateJacobianFunction f = point -> {
        double[] th = point.toArray();
        double[] value = full(fitObs, th, index, candidates.size(), ev);
        RealMatrix jac = new Array2DRowRealMatrix(value.length, th.length);
        for (int k = 0; k < th.length; k++) {
          double[] t = th.clone();
          t[k] += STEP;
          double[] v2 = full(fitObs, t, index, candidates.size(), ev);
          for (int i = 0; i < value.length; i++) {
            jac.setEntry(i, k, (v2[i] - value[i]) / STEP);
          }
        }
        return new Pair<RealVector, RealMatrix>(new ArrayRealVector(value, false), jac);
      };
      LeastSquaresProblem problem = new LeastSquaresBuilder()
          .start(new double[params.size()])
          .model(f)
          .target(new double[fitObs.size() + params.size()])
          .maxEvaluations(200)
          .maxIterations(100)
          .build();
      try {
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-6).withParameterRelativeTolerance(1e-5).optimize(problem);
        theta = opt.getPoint().toArray();
        iterations = opt.getIterations();
      } catch (org.apache.commons.math3.exception.TooManyEvaluationsException | org.apache.commons.math3.exception.TooManyIterationsException e) {
        notes.add("the fit stopped at its evaluation limit; the values are the best found");
        theta = ev.best(index, candidates.size(), fitObs);
      }
      for (int k = 0; k < theta.length; k++) {
        theta[k] = Math.max(-5, Math.min(5, theta[k]));
      }
    }
    double[] fullTheta = new double[candidates.size()];
    for (int k = 0; k < params.size(); k++) {
      fullTheta[candidates.indexOf(params.get(k))] = theta[k];
    }
    // the written values are rounded; report the fit of the model as written
    List<Fitted> fitted = new ArrayList<>();
    double[] writtenTheta = new double[candidates.size()];
    for (int k = 0; k < params.size(); k++) {
      Parameter p = params.get(k);
      double factor = Math.exp(theta[k]);
      YNode after = scale(p.original(), factor, true);
      double written = ratio(p.original(), after);
      boolean changed = Math.abs(factor - 1) > 0.005 && !YTrees.sameValue(after, p.original());
      fitted.add(new Fitted(p, factor, YamlWriter.inline(p.original()) + (p.present() ? "" : " (default)"), YamlWriter.inline(changed ? after : p.original()), changed));
      writtenTheta[candidates.indexOf(p)] = changed ? Math.log(written) : 0;
    }
    Map<String, Map<String, ModeledDays.Series>> after = ev.modeled(writtenTheta);
    List<MeterFit> fit = new ArrayList<>();
    List<MeterFit> forecast = new ArrayList<>();
    for (Map.Entry<String, List<Obs>> e : bySeries.entrySet()) {
      List<Obs> series = e.getValue();
      String unit = units.get(e.getKey());
      fit.add(meterFit(series, unit, before, after, o -> !o.day().isAfter(lastFit)));
      if (lastFit.isBefore(until)) {
        forecast.add(meterFit(series, unit, before, after, o -> o.day().isAfter(lastFit)));
      }
    }
    String text = write(modelText, model, fitted, since, lastFit);
    return new Result(since, lastFit, until, fitted, fit, forecast, text, ev.evaluations, iterations, notes);
  }

  private static MeterFit meterFit(List<Obs> series, String unit, Map<String, Map<String, ModeledDays.Series>> before,
      Map<String, Map<String, ModeledDays.Series>> after, java.util.function.Predicate<Obs> which) {
    double a = 0;
    double b = 0;
    double c = 0;
    double eb = 0;
    double ec = 0;
    int n = 0;
    int withActual = 0;
    for (Obs o : series) {
      if (!which.test(o)) {
        continue;
      }
      n++;
      double mb = modeledAt(before, o);
      double mc = modeledAt(after, o);
      a += o.actual();
      b += mb;
      c += mc;
      if (o.actual() > 0) {
        withActual++;
        eb += Math.abs(mb - o.actual()) / o.actual();
        ec += Math.abs(mc - o.actual()) / o.actual();
      }
    }
    Obs first = series.get(0);
    return new MeterFit(first.serviceId(), first.meterId(), unit, n, a, b, c, withActual == 0 ? 0 : eb / withActual * 100, withActual == 0 ? 0 : ec / withActual * 100);
  }

  private static double modeledAt(Map<String, Map<String, ModeledDays.Series>> m, Obs o) {
    ModeledDays.Series s = m.getOrDefault(o.serviceId(), Map.of()).get(o.meterId());
    return s == null ? 0 : s.quantity.getOrDefault(o.day(), 0.0);
  }

  private static double[] residuals(List<Obs> obs, Map<String, Map<String, ModeledDays.Series>> m) {
    double[] r = new double[obs.size()];
    for (int i = 0; i < r.length; i++) {
      Obs o = obs.get(i);
      r[i] = (modeledAt(m, o) - o.actual()) / o.scale();
    }
    return r;
  }

  private static double[] full(List<Obs> obs, double[] theta, int[] index, int n, Evaluator ev) {
    double[] t = new double[n];
    for (int k = 0; k < theta.length; k++) {
      t[index[k]] = theta[k];
    }
    double[] r = residuals(obs, ev.modeled(t));
    double[] out = new double[r.length + theta.length];
    System.arraycopy(r, 0, out, 0, r.length);
    for (int k = 0; k < theta.length; k++) {
      out[r.length + k] = PRIOR * theta[k];
    }
    return out;
  }

  /** Estimates the model with parameter factors applied; remembers results and the best point. */
  private final class Evaluator {
    final Model model;
    final YNode root;
    final Path base;
    final List<Parameter> params;
    final LocalDate since;
    final LocalDate until;
    final Map<String, Map<String, Map<String, ModeledDays.Series>>> cache = new HashMap<>();
    int evaluations;

    Evaluator(Model model, YNode root, Path base, List<Parameter> params, LocalDate since, LocalDate until) {
      this.model = model;
      this.root = root;
      this.base = base;
      this.params = params;
      this.since = since;
      this.until = until;
    }

    Map<String, Map<String, ModeledDays.Series>> modeled(double[] theta) {
      String key = java.util.Arrays.toString(theta);
      Map<String, Map<String, ModeledDays.Series>> hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
      YNode tree = root;
      for (int k = 0; k < theta.length; k++) {
        if (theta[k] == 0) {
          continue;
        }
        Parameter p = params.get(k);
        try {
          tree = YTrees.set(tree, p.path(), scale(p.original(), Math.exp(theta[k]), false), Position.of("calibrate"));
        } catch (YTrees.SyntaxException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      Model m;
      try {
        m = theta.length == 0 || allZero(theta) ? model : ModelReader.read(tree, base, model.source());
      } catch (ModelException e) {
        // a factor drove a value out of its allowed range: treat as a very bad fit
        m = model;
      }
      evaluations++;
      Map<String, Map<String, ModeledDays.Series>> out = ModeledDays.compute(m, since, until, estimator);
      if (cache.size() > 2000) {
        cache.clear();
      }
      cache.put(key, out);
      return out;
    }

    double[] best(int[] index, int n, List<Obs> obs) {
      double bestCost = Double.MAX_VALUE;
      double[] bestTheta = new double[index.length];
      for (String k : cache.keySet()) {
        double[] t = java.util.Arrays.stream(k.substring(1, k.length() - 1).split(", ")).mapToDouble(Double::parseDouble).toArray();
        if (t.length != n) {
          continue;
        }
        double[] th = new double[index.length];
        for (int i = 0; i < index.length; i++) {
          th[i] = t[index[i]];
        }
        double cost = 0;
        for (double v : full(obs, th, index, n, this)) {
          cost += v * v;
        }
        if (cost < bestCost) {
          bestCost = cost;
          bestTheta = th;
        }
      }
      return bestTheta;
    }
  }

  private static boolean allZero(double[] t) {
    for (double v : t) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ parameters

  private static final Set<String> RATES = Set.of("monthly", "daily", "hourly", "rps");

  /** The values of a model the fit may scale, in file order. */
  public static List<Parameter> parameters(Model model) {
    List<Parameter> out = new ArrayList<>();
    if (!(model.tree() instanceof YMap top) || !(top.get("services").orElse(null) instanceof YMap services)) {
      return out;
    }
    for (YEntry e : services.entries()) {
      if (!(e.value() instanceof YMap s)) {
        continue;
      }
      String id = e.key();
      if (s.get("traffic").orElse(null) instanceof YMap t) {
        for (YEntry te : t.entries()) {
          if (RATES.contains(te.key()) && te.value() instanceof YScalar sc && sc.isNumber()) {
            out.add(new Parameter(Kind.TRAFFIC, id, List.of("services", id, "traffic", te.key()), sc, true));
          }
        }
        t.get("kb").filter(Calibrator::scalable).ifPresent(kb -> out.add(new Parameter(Kind.PAYLOAD, id, List.of("services", id, "traffic", "kb"), kb, true)));
      }
      String type = s.get("type").filter(n -> n instanceof YScalar).map(n -> ((YScalar) n).text()).orElse("");
      Optional<YNode> duration = s.get("duration_ms");
      if (duration.isPresent() && scalable(duration.get())) {
        out.add(new Parameter(Kind.DURATION, id, List.of("services", id, "duration_ms"), duration.get(), true));
      } else if (duration.isEmpty() && type.equals("aws.lambda")) {
        out.add(new Parameter(Kind.DURATION, id, List.of("services", id, "duration_ms"), number(100), false));
      }
      if (s.get("calls").orElse(null) instanceof YList calls) {
        for (int i = 0; i < calls.items().size(); i++) {
          if (!(calls.items().get(i) instanceof YMap c)) {
            continue;
          }
          String idx = Integer.toString(i);
          Optional<YNode> pc = c.get("per_call");
          if (pc.isPresent() && scalable(pc.get())) {
            out.add(new Parameter(Kind.FAN_OUT, id, List.of("services", id, "calls", idx, "per_call"), pc.get(), true));
          } else if (pc.isEmpty()) {
            out.add(new Parameter(Kind.FAN_OUT, id, List.of("services", id, "calls", idx, "per_call"), number(1), false));
          }
          c.get("kb").filter(Calibrator::scalable).ifPresent(kb -> out.add(new Parameter(Kind.PAYLOAD, id, List.of("services", id, "calls", idx, "kb"), kb, true)));
        }
      }
    }
    return out;
  }

  /** A number, or a distribution whose parameters all scale with it (not samples from a file). */
  static boolean scalable(YNode n) {
    if (n instanceof YScalar s) {
      return s.isNumber();
    }
    if (n instanceof YMap m) {
      if (m.get("samples").isPresent()) {
        return false;
      }
      for (YEntry e : m.entries()) {
        if (!scalable(e.value())) {
          return false;
        }
      }
      return !m.isEmpty();
    }
    return false;
  }

  static YScalar number(double v) {
    return number(BigDecimal.valueOf(v));
  }

  static YScalar number(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() < 0) {
      s = s.setScale(0);
    }
    return new YScalar(s.toPlainString(), s.scale() == 0 ? YScalar.Kind.INT : YScalar.Kind.FLOAT, Position.of("calibrate"));
  }

  /** Every number of a value times {@code factor}; rounded to 4 significant digits when written. */
  static YNode scale(YNode n, double factor, boolean round) {
    if (n instanceof YScalar s && s.isNumber()) {
      BigDecimal v = new BigDecimal(s.text().replace("_", "")).multiply(BigDecimal.valueOf(factor), MathContext.DECIMAL64);
      if (round) {
        v = v.round(new MathContext(4));
        if (s.kind() == YScalar.Kind.INT && v.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
          v = v.setScale(0, java.math.RoundingMode.HALF_EVEN);
        }
      }
      return number(v);
    }
    if (n instanceof YMap m) {
      List<YEntry> out = new ArrayList<>();
      for (YEntry e : m.entries()) {
        out.add(new YEntry(e.key(), e.keyPos(), scale(e.value(), factor, round)));
      }
      return new YMap(out, m.pos());
    }
    return n;
  }

  /** The factor a written (rounded) value is of the original: the ratio of their first numbers. */
  private static double ratio(YNode original, YNode written) {
    double a = firstNumber(original);
    double b = firstNumber(written);
    return a == 0 ? 1 : b / a;
  }

  private static double firstNumber(YNode n) {
    if (n instanceof YScalar s && s.isNumber()) {
      return Double.parseDouble(s.text().replace("_", ""));
    }
    if (n instanceof YMap m) {
      for (YEntry e : m.entries()) {
        double v = firstNumber(e.value());
        if (!Double.isNaN(v)) {
          return v;
        }
      }
    }
    return Double.NaN;
  }

  // ------------------------------------------------------------------ writing

  /** The model text with the changed values edited in place, each with a before/after comment. */
  static String write(String text, Model model, List<Fitted> fitted, LocalDate since, LocalDate until) {
    String file = model.source().map(Path::toString).orElse("model.yaml");
    // group edits by the block-level value they live in (a flow mapping takes one comment)
    Map<List<String>, List<Fitted>> groups = new LinkedHashMap<>();
    for (Fitted f : fitted) {
      if (f.changed()) {
        groups.computeIfAbsent(editPath(text, file, f.parameter().path()), k -> new ArrayList<>()).add(f);
      }
    }
    String out = text;
    try {
      for (Map.Entry<List<String>, List<Fitted>> g : groups.entrySet()) {
        YNode root = YTrees.parse(out, file);
        List<String> at = g.getKey();
        YNode current = at.equals(g.getValue().get(0).parameter().path()) && !g.getValue().get(0).parameter().present() ? null : get(root, at);
        YNode value = current;
        List<String> notes = new ArrayList<>();
        for (Fitted f : g.getValue()) {
          List<String> rest = f.parameter().path().subList(at.size(), f.parameter().path().size());
          YNode after = YTrees.parse(f.after(), file);
          value = rest.isEmpty() ? after : YTrees.set(value, rest, after, Position.of(file));
          notes.add((rest.isEmpty() ? "" : String.join(".", rest) + " ") + f.before() + " → " + f.after());
        }
        String comment = "calibrated to actuals " + since + ".." + until + ": " + String.join("; ", notes);
        out = new YamlEditor(out, file).set(at, value, comment).text();
      }
    } catch (YTrees.SyntaxException e) {
      throw new IllegalStateException("cannot edit the model text: " + e.getMessage(), e);
    }
    return out;
  }

  private static YNode get(YNode root, List<String> path) {
    YNode n = root;
    for (String k : path) {
      if (n instanceof YMap m) {
        n = m.get(k).orElse(null);
      } else if (n instanceof YList l) {
        n = l.items().get(Integer.parseInt(k));
      } else {
        return null;
      }
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /**
   * Where to edit a parameter so that a comment fits: the value itself when its mapping is written
   * in block style, else the nearest enclosing value whose parent is a block (the whole flow
   * mapping or list item is rewritten).
   */
  static List<String> editPath(String text, String file, List<String> path) {
    YNode root;
    try {
      root = YTrees.parse(text, file);
    } catch (YTrees.SyntaxException e) {
      return path;
    }
    String[] lines = text.split("\n", -1);
    for (int len = path.size(); len > 2; len--) {
      YNode parent = get(root, path.subList(0, len - 1));
      YNode self = get(root, path.subList(0, len));
      boolean parentFlow = parent != null && isFlow(lines, parent);
      boolean selfFlowDist = self instanceof YMap || self instanceof YList;
      if (!parentFlow && (len == path.size() || selfFlowDist || self != null)) {
        return path.subList(0, len);
      }
    }
    return path.subList(0, 3);
  }

  private static boolean isFlow(String[] lines, YNode n) {
    if (n instanceof YScalar) {
      return false;
    }
    Position p = n.pos();
    if (p.line() < 1 || p.line() > lines.length) {
      return false;
    }
    String line = lines[p.line() - 1];
    int c = p.column() - 1;
    return c >= 0 && c < line.length() && (line.charAt(c) == '{' || line.charAt(c) == '[');
  }
}
