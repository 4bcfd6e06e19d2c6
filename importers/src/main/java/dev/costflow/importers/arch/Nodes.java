package dev.costflow.importers.arch;

import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers to read template trees (which keep the positions of the file they came from). */
final class Nodes {
  private Nodes() {}

  static Optional<YNode> get(YNode n, String key) {
    return n instanceof YMap m ? m.get(key).filter(v -> !isNull(v)) : Optional.empty();
  }

  static Optional<YMap> map(YNode n, String key) {
    return get(n, key).filter(YMap.class::isInstance).map(YMap.class::cast);
  }

  static Optional<YList> list(YNode n, String key) {
    return get(n, key).filter(YList.class::isInstance).map(YList.class::cast);
  }

  /** A list value, or a single value as a one-item list (templates often allow both). */
  static List<YNode> items(YNode n, String key) {
    Optional<YNode> v = get(n, key);
    if (v.isEmpty()) {
      return List.of();
    }
    return v.get() instanceof YList l ? l.items() : List.of(v.get());
  }

  static List<YNode> items(YNode v) {
    return v instanceof YList l ? l.items() : List.of(v);
  }

  /** The text of a scalar value (numbers and booleans as written), empty for other nodes. */
  static Optional<String> text(YNode n, String key) {
    return get(n, key).flatMap(Nodes::text);
  }

  static Optional<String> text(YNode v) {
    return v instanceof YScalar s && s.kind() != YScalar.Kind.NULL ? Optional.of(s.text()) : Optional.empty();
  }

  static Optional<Double> number(YNode n, String key) {
    return text(n, key).flatMap(Nodes::parseNumber);
  }

  static Optional<Double> parseNumber(String s) {
    try {
      double d = Double.parseDouble(s.strip());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Optional<Boolean> bool(YNode n, String key) {
    return text(n, key).flatMap(t -> switch (t.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    });
  }

  static boolean isNull(YNode n) {
    return n instanceof YScalar s && s.kind() == YScalar.Kind.NULL;
  }

  static YScalar str(String s, Position at) {
    return new YScalar(s, YScalar.Kind.STRING, at);
  }

  static YMap map1(String key, YNode value, Position at) {
    return new YMap(List.of(new YEntry(key, at, value)), at);
  }

  static YMap emptyMap(Position at) {
    return new YMap(List.of(), at);
  }

  /** Every scalar text in a tree, depth first (for scanning references in free-form values). */
  static List<String> allTexts(YNode n) {
    List<String> out = new ArrayList<>();
    collect(n, out);
    return out;
  }

  private static void collect(YNode n, List<String> out) {
    if (n instanceof YScalar s) {
      out.add(s.text());
    } else if (n instanceof YList l) {
      for (YNode i : l.items()) {
        collect(i, out);
      }
    } else if (n instanceof YMap m) {
      for (YEntry e : m.entries()) {
        collect(e.value(), out);
      }
    }
  }
}
