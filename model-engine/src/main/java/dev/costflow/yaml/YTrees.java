package dev.costflow.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses YAML into {@link YNode} trees that remember every position. */
public final class YTrees {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YTrees() {}

  /** A YAML syntax problem, or a duplicate key, at a position. */
  public static final class SyntaxException extends Exception {
    private final Position pos;

    public SyntaxException(Position pos, String message) {
      super(message);
      this.pos = pos;
    }

    public Position pos() {
      return pos;
    }
  }

  /** Parses one YAML document; an empty document is an empty mapping. */
  public static YNode parse(String text, String file) throws SyntaxException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YMap(List.of(), new Position(file, 1, 1));
      }
      YNode root = read(p, file);
      if (p.nextToken() != null) {
        throw new SyntaxException(pos(p, file), "only one YAML document is allowed");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      Position at = loc == null ? new Position(file, 1, 1) : new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
      throw new SyntaxException(at, "YAML syntax: " + cleanMessage(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SyntaxException(new Position(file, 1, 1), "cannot read YAML: " + e.getMessage());
    }
  }

  private static String cleanMessage(String m) {
    if (m == null) {
      return "invalid document";
    }
    // SnakeYAML messages span lines with a caret drawing; keep the first meaningful line
    String first = m.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^")).findFirst().orElse(m);
    return first.replaceAll("\\s+", " ");
  }

  private static Position pos(JsonParser p, String file) {
    JsonLocation loc = p.currentTokenLocation();
    return new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }

  private static YNode read(JsonParser p, String file) throws IOException, SyntaxException {
    JsonToken t = p.currentToken();
    Position at = pos(p, file);
    switch (t) {
      case START_OBJECT -> {
        List<YEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
          if (t != JsonToken.FIELD_NAME) {
            throw new SyntaxException(pos(p, file), "expected a key");
          }
          String key = p.currentName();
          Position keyPos = pos(p, file);
          if (!seen.add(key)) {
            throw new SyntaxException(keyPos, "duplicate key '" + key + "'");
          }
          p.nextToken();
          entries.add(new YEntry(key, keyPos, read(p, file)));
        }
        return new YMap(entries, at);
      }
      case START_ARRAY -> {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, file));
        }
        return new YList(items, at);
      }
      case VALUE_STRING -> {
        return new YScalar(p.getText(), YScalar.Kind.STRING, at);
      }
      case VALUE_NUMBER_INT -> {
        return new YScalar(p.getText(), YScalar.Kind.INT, at);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new YScalar(p.getText(), YScalar.Kind.FLOAT, at);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YScalar(p.getText(), YScalar.Kind.BOOL, at);
      }
      case VALUE_NULL -> {
        return new YScalar("", YScalar.Kind.NULL, at);
      }
      default -> throw new SyntaxException(at, "unsupported YAML value (" + t + ")");
    }
  }

  /** Structural equality of two values, ignoring positions. */
  public static boolean sameValue(YNode a, YNode b) {
    if (a instanceof YScalar x && b instanceof YScalar y) {
      if (x.isNumber() && y.isNumber()) {
        try {
          return new java.math.BigDecimal(x.text()).compareTo(new java.math.BigDecimal(y.text())) == 0;
        } catch (NumberFormatException e) {
          return x.text().equals(y.text());
        }
      }
      return x.kind() == y.kind() && x.text().equals(y.text());
    }
    if (a instanceof YList x && b instanceof YList y) {
      if (x.items().size() != y.items().size()) {
        return false;
      }
      for (int i = 0; i < x.items().size(); i++) {
        if (!sameValue(x.items().get(i), y.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof YMap x && b instanceof YMap y) {
      return x.equals(y);
    }
    return false;
  }

  /**
   * Sets a dotted path (e.g. {@code services.checkout.memory_mb}) to a value, creating mappings on
   * the way. List items are addressed by index ({@code services.web.calls.0.probability}).
   */
  public static YNode set(YNode root, List<String> path, YNode value, Position at) throws SyntaxException {
    if (path.isEmpty()) {
      return value;
    }
    String head = path.get(0);
    List<String> rest = path.subList(1, path.size());
    if (root instanceof YMap m) {
      YNode child = m.get(head).orElse(new YMap(List.of(), at));
      return m.with(head, at, set(child, rest, value, at));
    }
    if (root instanceof YList l) {
      int idx;
      try {
        idx = Integer.parseInt(head);
      } catch (NumberFormatException e) {
        throw new SyntaxException(at, "'" + head + "' is not a list index (the value at that point is a list)");
      }
      if (idx < 0 || idx >= l.items().size()) {
        throw new SyntaxException(at, "list index " + idx + " is out of range (the list has " + l.items().size() + " items)");
      }
      List<YNode> items = new ArrayList<>(l.items());
      items.set(idx, set(items.get(idx), rest, value, at));
      return new YList(items, l.pos());
    }
    throw new SyntaxException(at, "cannot set '" + head + "' inside " + root.describe() + " (at " + root.pos() + ")");
  }
}
