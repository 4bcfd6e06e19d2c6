package dev.costflow.model;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Exponential;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Gamma;
import dev.costflow.dist.LogNormal;
import dev.costflow.dist.Normal;
import dev.costflow.dist.Percentiles;
import dev.costflow.dist.Samples;
import dev.costflow.dist.Uniform;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads SPEC 2.1 numbers and distributions from the model file. */
public final class Distributions {
  public static final List<String> FORMS = List.of("fixed", "uniform", "normal", "lognormal", "exponential", "gamma", "percentiles", "samples");
  private static final Pattern PERCENTILE_KEY = Pattern.compile("^p([0-9]{1,2}(?:\\.[0-9]+)?|100)$");
  /** Samples files read, by path and the file's size and modification time (an edited file is read again). */
  private static final Map<SampleKey, Samples> SAMPLE_CACHE = new ConcurrentHashMap<>();

  private record SampleKey(Path file, long size, long modifiedMillis) {
    static SampleKey of(Path file) {
      try {
        return new SampleKey(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
      } catch (IOException | RuntimeException e) {
        return new SampleKey(file, -1, -1);
      }
    }
  }

  private Distributions() {}

  static Optional<Distribution> read(YNode n, String where, String unit, double max, NodeReader ctx) {
    Problems problems = ctx.problems();
    int before = problems.errorCount();
    Optional<Distribution> d = readUnchecked(n, where, unit, ctx);
    if (d.isEmpty() || problems.errorCount() > before) {
      return Optional.empty();
    }
    double hi = d.get() instanceof Fixed f ? f.value() : d.get().quantile(0.99);
    if (hi > max) {
      problems.error(n.pos(), where + ": " + (d.get() instanceof Fixed ? "" : "99th percentile ") + NodeReader.fmt(hi)
          + " is above the maximum " + NodeReader.fmt(max) + (unit.isEmpty() ? "" : " " + unit));
      return Optional.empty();
    }
    return d;
  }

  private static Optional<Distribution> readUnchecked(YNode n, String where, String unit, NodeReader ctx) {
    Problems problems = ctx.problems();
    if (n instanceof YScalar) {
      Optional<Double> v = ctx.parseNumber(n, where, unit);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      if (v.get() < 0) {
        problems.error(n.pos(), where + ": must be 0 or more, got " + NodeReader.fmt(v.get()));
        return Optional.empty();
      }
      return Optional.of(new Fixed(v.get()));
    }
    if (!(n instanceof YMap m) || m.entries().size() != 1) {
      problems.error(
          n.pos(),
          where + ": must be a number or one distribution {" + String.join("|", FORMS) + ": …}, got " + n.describe()
              + (n instanceof YMap mm && mm.entries().size() > 1 ? " with " + mm.entries().size() + " keys" : ""));
      return Optional.empty();
    }
    YEntry e = m.entries().iterator().next();
    String form = e.key();
    String at = where + "." + form;
    YNode body = e.value();
    try {
      switch (form) {
        case "fixed" -> {
          return ctx.parseNumber(body, at, unit).map(v -> nonNegative(v, at, body.pos(), problems)).map(Fixed::new);
        }
        case "exponential" -> {
          Map<String, Double> p = params(body, at, List.of("mean"), List.of(), unit, ctx);
          return p == null ? Optional.empty() : Optional.of(new Exponential(positive(p, "mean", at, body.pos(), problems)));
        }
        case "uniform" -> {
          Map<String, Double> p = params(body, at, List.of("min", "max"), List.of(), unit, ctx);
          if (p == null) {
            return Optional.empty();
          }
          if (p.get("max") < p.get("min")) {
            problems.error(body.pos(), at + ": max (" + NodeReader.fmt(p.get("max")) + ") is below min (" + NodeReader.fmt(p.get("min")) + ")");
            return Optional.empty();
          }
          return Optional.of(new Uniform(nonNegative(p.get("min"), at + ".min", body.pos(), problems), p.get("max")));
        }
        case "normal" -> {
          Map<String, Double> p = params(body, at, List.of("mean", "sd"), List.of(), unit, ctx);
          return p == null ? Optional.empty() : Optional.of(new Normal(nonNegative(p.get("mean"), at + ".mean", body.pos(), problems), positive(p, "sd", at, body.pos(), problems)));
        }
        case "gamma" -> {
          Map<String, Double> p = params(body, at, List.of("mean", "sd"), List.of(), unit, ctx);
          return p == null ? Optional.empty() : Optional.of(Gamma.ofMoments(positive(p, "mean", at, body.pos(), problems), positive(p, "sd", at, body.pos(), problems)));
        }
        case "lognormal" -> {
          if (body instanceof YMap bm && bm.get("p50").isPresent()) {
            Map<String, Double> p = params(body, at, List.of("p50", "p99"), List.of(), unit, ctx);
            if (p == null) {
              return Optional.empty();
            }
            if (p.get("p99") <= p.get("p50")) {
              problems.error(body.pos(), at + ": p99 (" + NodeReader.fmt(p.get("p99")) + ") must be greater than p50 (" + NodeReader.fmt(p.get("p50")) + ")");
              return Optional.empty();
            }
            return Optional.of(LogNormal.ofPercentiles(positive(p, "p50", at, body.pos(), problems), p.get("p99")));
          }
          Map<String, Double> p = params(body, at, List.of("mean", "sd"), List.of(), unit, ctx);
          if (p == null) {
            problems.error(body.pos(), at + ": give either {p50, p99} or {mean, sd}");
            return Optional.empty();
          }
          return Optional.of(LogNormal.ofMoments(positive(p, "mean", at, body.pos(), problems), positive(p, "sd", at, body.pos(), problems)));
        }
        case "percentiles" -> {
          return percentiles(body, at, unit, ctx);
        }
        case "samples" -> {
          return samples(body, at, ctx);
        }
        default -> {
          problems.error(e.keyPos(), where + ": unknown distribution '" + form + "'" + Suggest.hint(form, FORMS) + "; expected one of " + String.join(", ", FORMS));
          return Optional.empty();
        }
      }
    } catch (IllegalArgumentException ex) {
      problems.error(body.pos(), at + ": " + ex.getMessage());
      return Optional.empty();
    }
  }

  private static double nonNegative(double v, String at, Position pos, Problems problems) {
    if (v < 0) {
      problems.error(pos, at + ": must be 0 or more, got " + NodeReader.fmt(v));
      return 0;
    }
    return v;
  }

  private static double positive(Map<String, Double> p, String key, String at, Position pos, Problems problems) {
    double v = p.get(key);
    if (!(v > 0)) {
      problems.error(pos, at + "." + key + ": must be greater than 0, got " + NodeReader.fmt(v));
      return 1;
    }
    return v;
  }

  /** Reads {key: number} parameters; null (after reporting) when any is missing, unknown or bad. */
  private static Map<String, Double> params(YNode body, String at, List<String> required, List<String> optional, String unit, NodeReader ctx) {
    Problems problems = ctx.problems();
    if (!(body instanceof YMap m)) {
      problems.error(body.pos(), at + ": expected {" + String.join(", ", required) + "}, got " + body.describe());
      return null;
    }
    Map<String, Double> out = new TreeMap<>();
    boolean ok = true;
    List<String> allowed = new ArrayList<>(required);
    allowed.addAll(optional);
    for (YEntry e : m.entries()) {
      if (!allowed.contains(e.key())) {
        problems.error(e.keyPos(), at + ": unknown key '" + e.key() + "'" + Suggest.hint(e.key(), allowed) + "; expected " + String.join(", ", allowed));
        ok = false;
        continue;
      }
      Optional<Double> v = ctx.parseNumber(e.value(), at + "." + e.key(), unit);
      if (v.isEmpty()) {
        ok = false;
      } else {
        out.put(e.key(), v.get());
      }
    }
    for (String r : required) {
      if (!out.containsKey(r) && m.get(r).isEmpty()) {
        problems.error(body.pos(), at + ": missing '" + r + "'");
        ok = false;
      }
    }
    return ok ? out : null;
  }

  private static Optional<Distribution> percentiles(YNode body, String at, String unit, NodeReader ctx) {
    Problems problems = ctx.problems();
    if (!(body instanceof YMap m)) {
      problems.error(body.pos(), at + ": expected {p50: …, p90: …, p99: …, max: …}, got " + body.describe());
      return Optional.empty();
    }
    TreeMap<Double, Double> byProbability = new TreeMap<>();
    double min = 0;
    boolean ok = true;
    StringBuilder describe = new StringBuilder("percentiles(");
    for (YEntry e : m.entries()) {
      Optional<Double> v = ctx.parseNumber(e.value(), at + "." + e.key(), unit);
      if (v.isEmpty()) {
        ok = false;
        continue;
      }
      if (describe.length() > "percentiles(".length()) {
        describe.append(", ");
      }
      describe.append(e.key()).append('=').append(NodeReader.fmt(v.get()));
      if (e.key().equals("min") || e.key().equals("p0")) {
        min = v.get();
        continue;
      }
      if (e.key().equals("max")) {
        byProbability.put(1.0, v.get());
        continue;
      }
      Matcher pm = PERCENTILE_KEY.matcher(e.key());
      if (!pm.matches()) {
        problems.error(e.keyPos(), at + ": unknown key '" + e.key() + "'; use min, p1 … p99.9, max");
        ok = false;
        continue;
      }
      byProbability.put(Double.parseDouble(pm.group(1)) / 100.0, v.get());
    }
    if (!ok) {
      return Optional.empty();
    }
    if (!byProbability.containsKey(1.0)) {
      problems.error(body.pos(), at + ": missing 'max' (the largest value, needed to bound the distribution)");
      return Optional.empty();
    }
    double[] ps = byProbability.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    double[] vs = byProbability.values().stream().mapToDouble(Double::doubleValue).toArray();
    if (vs.length > 0 && vs[0] < min) {
      problems.error(body.pos(), at + ": min (" + NodeReader.fmt(min) + ") is above the lowest percentile (" + NodeReader.fmt(vs[0]) + ")");
      return Optional.empty();
    }
    return Optional.of(new Percentiles(min, ps, vs, describe.append(')').toString()));
  }

  private static Optional<Distribution> samples(YNode body, String at, NodeReader ctx) {
    Problems problems = ctx.problems();
    if (!(body instanceof YScalar s) || s.kind() != YScalar.Kind.STRING || s.text().isBlank()) {
      problems.error(body.pos(), at + ": expected a file name (one value per line), got " + body.describe());
      return Optional.empty();
    }
    Path file = ctx.baseDir().resolve(s.text()).normalize();
    SampleKey cacheKey = SampleKey.of(file);
    Samples cached = cacheKey.size() < 0 ? null : SAMPLE_CACHE.get(cacheKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.error(body.pos(), at + ": cannot read samples file " + s.text() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
      return Optional.empty();
    }
    double[] values = new double[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        double v = Double.parseDouble(line);
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new NumberFormatException();
        }
        values[n++] = v;
      } catch (NumberFormatException e) {
        problems.error(new Position(s.text(), i + 1, 1), at + ": line " + (i + 1) + " of " + s.text() + " is not a number >= 0: '" + line + "'");
        return Optional.empty();
      }
    }
    if (n == 0) {
      problems.error(body.pos(), at + ": samples file " + s.text() + " has no values");
      return Optional.empty();
    }
    Samples samples = new Samples(java.util.Arrays.copyOf(values, n), s.text());
    if (cacheKey.size() >= 0) {
      SAMPLE_CACHE.put(cacheKey, samples);
    }
    return Optional.of(samples);
  }
}
