package dev.costflow.model;

import dev.costflow.dist.Distribution;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validating access to one mapping of the model file. Every problem is reported with the
 * position of the offending value and its dotted key path (e.g. {@code services.checkout.memory_mb});
 * reading goes on after an error so that one run reports them all.
 */
public final class NodeReader {
  private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("^\\s*([-+]?[0-9][0-9_]*(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z%/]+)\\s*$");

  private final YMap map;
  private final String path;
  private final Problems problems;
  private final Path baseDir;
  private final Set<String> used = new HashSet<>();

  public NodeReader(YMap map, String path, Problems problems, Path baseDir) {
    this.map = map;
    this.path = path;
    this.problems = problems;
    this.baseDir = baseDir;
  }

  public YMap map() {
    return map;
  }

  public Problems problems() {
    return problems;
  }

  public Path baseDir() {
    return baseDir;
  }

  /** The dotted path of a key of this mapping. */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public String path() {
    return path;
  }

  public boolean has(String key) {
    return map.get(key).isPresent();
  }

  /** The value of a key (marks the key as known). */
  public Optional<YNode> node(String key) {
    used.add(key);
    return map.get(key).filter(n -> !(n instanceof YScalar s && s.kind() == YScalar.Kind.NULL));
  }

  /** The position of a key's value, or of the mapping when the key is absent. */
  public Position pos(String key) {
    return map.get(key).map(YNode::pos).orElse(map.pos());
  }

  public Position keyPos(String key) {
    return map.entry(key).map(YEntry::keyPos).orElse(map.pos());
  }

  public void error(String key, String message) {
    problems.error(pos(key), path(key) + ": " + message);
  }

  public void warning(String key, String message) {
    problems.warning(pos(key), path(key) + ": " + message);
  }

  /** Reports an error at the mapping itself. */
  public void errorHere(String message) {
    problems.error(map.pos(), (path.isEmpty() ? "" : path + ": ") + message);
  }

  // ---- numbers ----

  /** A number in [min, max], or {@code dflt} when absent. */
  public double number(String key, double dflt, double min, double max, String unit) {
    return optNumber(key, min, max, unit).orElse(dflt);
  }

  public Optional<Double> optNumber(String key, double min, double max, String unit) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> v = parseNumber(n.get(), path(key), unit);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    double d = v.get();
    if (d < min || d > max) {
      problems.error(n.get().pos(), path(key) + ": " + rangeMessage(min, max, unit) + ", got " + fmt(d) + unitHint(key, d, min, max));
      return Optional.empty();
    }
    return v;
  }

  /** A whole number in [min, max]. */
  public Optional<Long> optInteger(String key, long min, long max, String unit) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> v = parseNumber(n.get(), path(key), unit);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    double d = v.get();
    if (d != Math.rint(d)) {
      problems.error(n.get().pos(), path(key) + ": must be a whole number" + (unit.isEmpty() ? "" : " of " + unit) + ", got " + fmt(d) + unitHint(key, d, min, max));
      return Optional.empty();
    }
    if (d < min || d > max) {
      problems.error(n.get().pos(), path(key) + ": " + rangeMessage(min, max, unit) + ", got " + fmt(d) + unitHint(key, d, min, max));
      return Optional.empty();
    }
    return Optional.of((long) d);
  }

  public long integer(String key, long dflt, long min, long max, String unit) {
    return optInteger(key, min, max, unit).orElse(dflt);
  }

  /** Parses a scalar as a number, reporting a clear error (including a unit written into it). */
  public Optional<Double> parseNumber(YNode n, String where, String unit) {
    if (!(n instanceof YScalar s)) {
      problems.error(n.pos(), where + ": must be a number" + (unit.isEmpty() ? "" : " (" + unit + ")") + ", got " + n.describe());
      return Optional.empty();
    }
    if (s.kind() == YScalar.Kind.BOOL || s.kind() == YScalar.Kind.NULL) {
      problems.error(n.pos(), where + ": must be a number, got " + s.describe());
      return Optional.empty();
    }
    String text = s.text().strip().replace("_", "");
    try {
      // plain decimals and exponents; BigDecimal's grammar (no hex, no "NaN", no "Infinity", no "1f")
      double d = isDecimal(text) ? Double.parseDouble(text) : new BigDecimal(text).doubleValue();
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return Optional.of(d);
    } catch (NumberFormatException e) {
      Matcher m = NUMBER_WITH_UNIT.matcher(s.text());
      if (m.matches()) {
        problems.error(
            n.pos(),
            where + ": write a plain number" + (unit.isEmpty() ? "" : " in " + unit) + ", without the unit '" + m.group(2) + "'"
                + (unit.isEmpty() ? "" : unitConversionHint(m.group(1), m.group(2), unit)));
      } else {
        problems.error(n.pos(), where + ": must be a number" + (unit.isEmpty() ? "" : " (" + unit + ")") + ", got " + s.describe());
      }
      return Optional.empty();
    }
  }

  /** [+-]digits[.digits][e[+-]digits]: a form Double.parseDouble reads exactly like BigDecimal. */
  private static boolean isDecimal(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(t.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(t.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(t.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static String unitConversionHint(String number, String written, String unit) {
    double v;
    try {
      v = Double.parseDouble(number.replace("_", ""));
    } catch (NumberFormatException e) {
      return "";
    }
    String w = written.toLowerCase(Locale.ROOT);
    String u = unit.toLowerCase(Locale.ROOT);
    Double factor = null;
    if (u.equals("ms")) {
      factor = switch (w) {
        case "s", "sec", "secs", "second", "seconds" -> 1000.0;
        case "ms" -> 1.0;
        case "us", "µs" -> 0.001;
        case "m", "min", "mins", "minutes" -> 60000.0;
        default -> null;
      };
    } else if (u.equals("kb")) {
      factor = switch (w) {
        case "b", "bytes" -> 1 / 1024.0;
        case "kb", "kib", "k" -> 1.0;
        case "mb", "mib", "m" -> 1024.0;
        case "gb", "gib", "g" -> 1024.0 * 1024;
        default -> null;
      };
    } else if (u.equals("mb")) {
      factor = switch (w) {
        case "kb", "kib" -> 1 / 1024.0;
        case "mb", "mib", "m" -> 1.0;
        case "gb", "gib", "g" -> 1024.0;
        default -> null;
      };
    } else if (u.equals("gb")) {
      factor = switch (w) {
        case "mb", "mib" -> 1 / 1024.0;
        case "gb", "gib", "g" -> 1.0;
        case "tb", "tib", "t" -> 1024.0;
        default -> null;
      };
    } else if (u.equals("s")) {
      factor = switch (w) {
        case "ms" -> 0.001;
        case "s", "sec", "secs", "seconds" -> 1.0;
        case "m", "min", "mins", "minutes" -> 60.0;
        default -> null;
      };
    } else if (u.equals("min")) {
      factor = switch (w) {
        case "s", "sec", "secs", "seconds" -> 1 / 60.0;
        case "m", "min", "mins", "minutes" -> 1.0;
        case "h", "hour", "hours" -> 60.0;
        default -> null;
      };
    }
    return factor == null ? "" : " (did you mean " + fmt(v * factor) + "?)";
  }

  private static String rangeMessage(double min, double max, String unit) {
    String u = unit.isEmpty() ? "" : " " + unit;
    if (max == Double.MAX_VALUE || max == Long.MAX_VALUE) {
      return min == 0 ? "must be 0 or more" + u : "must be at least " + fmt(min) + u;
    }
    return "must be between " + fmt(min) + " and " + fmt(max) + u;
  }

  private static String unitHint(String key, double v, double min, double max) {
    if (key.endsWith("_mb") && v > 0 && v < min && v * 1024 >= min && v * 1024 <= max) {
      return " (" + key + " is in MB: did you mean " + fmt(v * 1024) + " for " + fmt(v) + " GB?)";
    }
    return "";
  }

  public static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  // ---- other scalars ----

  public boolean bool(String key, boolean dflt) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return dflt;
    }
    if (n.get() instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
      return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
    }
    problems.error(n.get().pos(), path(key) + ": must be true or false, got " + n.get().describe());
    return dflt;
  }

  public Optional<String> optText(String key) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof YScalar s && s.kind() != YScalar.Kind.NULL) {
      return Optional.of(s.text());
    }
    problems.error(n.get().pos(), path(key) + ": must be a text value, got " + n.get().describe());
    return Optional.empty();
  }

  public String text(String key, String dflt) {
    return optText(key).orElse(dflt);
  }

  /** One of a fixed set of words. */
  public <E> E choice(String key, E dflt, Map<String, E> options) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return dflt;
    }
    if (n.get() instanceof YScalar s) {
      E v = options.get(s.text());
      if (v != null) {
        return v;
      }
      problems.error(
          n.get().pos(),
          path(key) + ": unknown value '" + s.text() + "'" + Suggest.hint(s.text(), options.keySet()) + "; expected one of "
              + String.join(", ", options.keySet()));
      return dflt;
    }
    problems.error(n.get().pos(), path(key) + ": must be one of " + String.join(", ", options.keySet()) + ", got " + n.get().describe());
    return dflt;
  }

  /** A string → string mapping such as {@code tags}. */
  public Map<String, String> stringMap(String key) {
    Optional<YNode> n = node(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isEmpty()) {
      return out;
    }
    if (!(n.get() instanceof YMap m)) {
      problems.error(n.get().pos(), path(key) + ": must be a mapping of names to values, got " + n.get().describe());
      return out;
    }
    for (YEntry e : m.entries()) {
      if (e.value() instanceof YScalar s && s.kind() != YScalar.Kind.NULL) {
        out.put(e.key(), s.text());
      } else {
        problems.error(e.value().pos(), path(key) + "." + e.key() + ": must be a text value, got " + e.value().describe());
      }
    }
    return out;
  }

  /** A nested mapping. */
  public Optional<NodeReader> child(String key) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof YMap m) {
      return Optional.of(new NodeReader(m, path(key), problems, baseDir));
    }
    problems.error(n.get().pos(), path(key) + ": must be a mapping (key: value lines), got " + n.get().describe());
    return Optional.empty();
  }

  public Optional<YList> list(String key) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof YList l) {
      return Optional.of(l);
    }
    problems.error(n.get().pos(), path(key) + ": must be a list, got " + n.get().describe());
    return Optional.empty();
  }

  /** A list of text values (e.g. service ids), each with its position; empty when absent. */
  public List<YScalar> stringList(String key) {
    Optional<YList> l = list(key);
    List<YScalar> out = new java.util.ArrayList<>();
    if (l.isEmpty()) {
      return out;
    }
    for (YNode n : l.get().items()) {
      if (n instanceof YScalar s && s.kind() != YScalar.Kind.NULL && s.kind() != YScalar.Kind.BOOL) {
        out.add(s);
      } else {
        problems.error(n.pos(), path(key) + ": must be a list of names, got " + n.describe() + " in it");
      }
    }
    return out;
  }

  // ---- distributions ----

  /** A number or a distribution (SPEC 2.1), values in [0, max]. */
  public Optional<Distribution> optDistribution(String key, String unit, double max) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    return Distributions.read(n.get(), path(key), unit, max, this);
  }

  public Distribution distribution(String key, Distribution dflt, String unit, double max) {
    return optDistribution(key, unit, max).orElse(dflt);
  }

  // ---- unknown keys ----

  /** Reports every key of this mapping not in {@code allowed}, with a did-you-mean hint. */
  public void rejectUnknown(Collection<String> allowed) {
    for (YEntry e : map.entries()) {
      if (!allowed.contains(e.key())) {
        Set<String> sorted = new TreeSet<>(allowed);
        problems.error(
            e.keyPos(),
            path(e.key()) + ": unknown key '" + e.key() + "'"
                + Suggest.closest(e.key(), allowed).map(k -> " (did you mean '" + k + "'?)").orElse("; known keys here: " + String.join(", ", sorted)));
      }
    }
  }

  /** Keys read so far. */
  public Set<String> used() {
    return Set.copyOf(used);
  }

  public List<String> keys() {
    return map.keys();
  }
}
