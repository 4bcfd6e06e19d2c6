package dev.costflow.yaml;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link YNode} tree as block-style YAML with two-space indentation. Scalars are quoted
 * only when YAML would otherwise read them differently. Comments can be attached to keys through
 * {@link #write(YNode, Map)} (key path → comment lines written above the key).
 */
public final class YamlWriter {
  private static final Pattern PLAIN_SAFE = Pattern.compile("^[A-Za-z0-9_./][A-Za-z0-9_./ ()@+-]*$");
  private static final Pattern LOOKS_SPECIAL =
      Pattern.compile("^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?(?:\\.inf|\\.nan)|[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$",
          Pattern.CASE_INSENSITIVE);

  private YamlWriter() {}

  public static String write(YNode root) {
    return write(root, Map.of());
  }

  /** @param comments dotted key path (e.g. {@code services.api.traffic}) → comment lines */
  public static String write(YNode root, Map<String, List<String>> comments) {
    StringBuilder b = new StringBuilder();
    if (root instanceof YMap m) {
      writeMap(b, m, 0, "", comments);
    } else if (root instanceof YList l) {
      writeList(b, l, 0, "", comments);
    } else {
      b.append(scalar((YScalar) root)).append('\n');
    }
    return b.toString();
  }

  private static void writeMap(StringBuilder b, YMap m, int indent, String path, Map<String, List<String>> comments) {
    for (YEntry e : m.entries()) {
      String p = path.isEmpty() ? e.key() : path + "." + e.key();
      for (String c : comments.getOrDefault(p, List.of())) {
        b.append(" ".repeat(indent)).append("# ").append(c).append('\n');
      }
      b.append(" ".repeat(indent)).append(key(e.key())).append(':');
      writeValue(b, e.value(), indent, p, comments);
    }
  }

  private static void writeList(StringBuilder b, YList l, int indent, String path, Map<String, List<String>> comments) {
    for (int i = 0; i < l.items().size(); i++) {
      YNode item = l.items().get(i);
      String p = path + "." + i;
      b.append(" ".repeat(indent)).append("-");
      if (item instanceof YMap m && !m.isEmpty()) {
        // first key on the dash line, the rest indented under it
        StringBuilder inner = new StringBuilder();
        writeMap(inner, m, indent + 2, p, comments);
        b.append(' ').append(inner.substring(indent + 2));
      } else if (item instanceof YList sub && !sub.items().isEmpty()) {
        b.append('\n');
        writeList(b, sub, indent + 2, p, comments);
      } else {
        b.append(' ').append(inline(item)).append('\n');
      }
    }
  }

  private static void writeValue(StringBuilder b, YNode v, int indent, String path, Map<String, List<String>> comments) {
    if (v instanceof YMap m && !m.isEmpty()) {
      if (isSmallFlow(m)) {
        b.append(' ').append(inline(m)).append('\n');
      } else {
        b.append('\n');
        writeMap(b, m, indent + 2, path, comments);
      }
    } else if (v instanceof YList l && !l.items().isEmpty()) {
      b.append('\n');
      writeList(b, l, indent + 2, path, comments);
    } else {
      b.append(' ').append(inline(v)).append('\n');
    }
  }

  /** Small mappings of scalars (distributions, traffic) read best on one line. */
  private static boolean isSmallFlow(YMap m) {
    if (m.entries().size() > 4) {
      return false;
    }
    int len = 0;
    for (YEntry e : m.entries()) {
      if (e.value() instanceof YList) {
        return false;
      }
      if (e.value() instanceof YMap inner && (!isSmallFlow(inner))) {
        return false;
      }
      len += e.key().length() + inline(e.value()).length() + 4;
    }
    return len <= 70;
  }

  /** A value on one line, in flow style for collections. */
  public static String inline(YNode v) {
    if (v instanceof YScalar s) {
      return scalar(s);
    }
    if (v instanceof YList l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.items().size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append(inline(l.items().get(i)));
      }
      return b.append(']').toString();
    }
    YMap m = (YMap) v;
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (YEntry e : m.entries()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(key(e.key())).append(": ").append(inline(e.value()));
    }
    return b.append('}').toString();
  }

  static String key(String k) {
    return PLAIN_SAFE.matcher(k).matches() && !LOOKS_SPECIAL.matcher(k).matches() ? k : quote(k);
  }

  public static String scalar(YScalar s) {
    return switch (s.kind()) {
      case NULL -> "null";
      case BOOL, INT, FLOAT -> s.text();
      case STRING -> PLAIN_SAFE.matcher(s.text()).matches() && !LOOKS_SPECIAL.matcher(s.text()).matches() && !s.text().endsWith(" ") ? s.text() : quote(s.text());
    };
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Scalar helpers for building trees in code. */
  public static YScalar str(String s) {
    return new YScalar(s, YScalar.Kind.STRING, Position.of("(generated)"));
  }

  public static YScalar num(double d) {
    String t = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    return new YScalar(t, t.contains(".") ? YScalar.Kind.FLOAT : YScalar.Kind.INT, Position.of("(generated)"));
  }

  public static YScalar bool(boolean b) {
    return new YScalar(Boolean.toString(b), YScalar.Kind.BOOL, Position.of("(generated)"));
  }
}
