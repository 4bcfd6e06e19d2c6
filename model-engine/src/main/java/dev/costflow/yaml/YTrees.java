package dev.costflow.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses YAML into {@link YNode} trees that remember every position. */
public final class YTrees {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final JsonFactory JSON_FACTORY = JsonFactory.builder().build();

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

  /** Parses one YAML document; an empty document is an empty mapping. Tags are ignored. */
  public static YNode parse(String text, String file) throws SyntaxException {
    return parse(text, file, false);
  }

  /**
   * Parses one YAML document. Anchors and aliases ({@code &a}, {@code *a}) and merge keys
   * ({@code <<: *a}) are resolved. With {@code keepTags}, a value carrying a local tag such as
   * CloudFormation's {@code !Ref Foo} is returned wrapped in a one-key mapping whose key is the tag
   * as written ({@code {"!Ref": "Foo"}}); without it, tags are ignored.
   */
  public static YNode parse(String text, String file, boolean keepTags) throws SyntaxException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YMap(List.of(), new Position(file, 1, 1));
      }
      YNode root = new Reader(p, file, keepTags).read();
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

  /** Parses one JSON document with the positions of every value (duplicate keys are errors). */
  public static YNode parseJson(String text, String file) throws SyntaxException {
    try (JsonParser p = JSON_FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new SyntaxException(new Position(file, 1, 1), "the JSON document is empty");
      }
      YNode root = new Reader(p, file, false).read();
      if (p.nextToken() != null) {
        throw new SyntaxException(pos(p, file), "JSON: unexpected content after the document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      Position at = loc == null ? new Position(file, 1, 1) : new Position(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
      throw new SyntaxException(at, "JSON syntax: " + cleanMessage(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SyntaxException(new Position(file, 1, 1), "cannot read JSON: " + e.getMessage());
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

  /** Most values (counting every use of an alias) one document may expand to: a guard against alias bombs. */
  static final long MAX_EXPANDED_NODES = 2_000_000;

  /** Builds the tree from parser events, resolving aliases, merge keys and (optionally) tags. */
  private static final class Reader {
    private final JsonParser p;
    private final String file;
    private final boolean keepTags;
    private final boolean yaml;
    private final Map<String, YNode> anchors = new HashMap<>();
    private final Map<YNode, Long> sizes = new IdentityHashMap<>();
    private long expanded;

    Reader(JsonParser p, String file, boolean keepTags) {
      this.p = p;
      this.file = file;
      this.keepTags = keepTags;
      this.yaml = p instanceof YAMLParser;
    }

    YNode read() throws IOException, SyntaxException {
      JsonToken t = p.currentToken();
      Position at = pos(p, file);
      if (yaml && ((YAMLParser) p).isCurrentAlias()) {
        String name = p.getText();
        YNode target = anchors.get(name);
        if (target == null) {
          throw new SyntaxException(at, "unknown alias *" + name + " (no anchor &" + name + " before it)");
        }
        count(sizes.getOrDefault(target, 1L), at);
        return target;
      }
      Object anchorId = yaml ? p.getObjectId() : null;
      String anchor = anchorId == null ? null : anchorId.toString();
      String tag = yaml && keepTags ? localTag() : null;
      YNode node = readValue(t, at);
      if (tag != null) {
        node = new YMap(List.of(new YEntry("!" + tag, at, node)), at);
      }
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      return node;
    }

    /** The local tag of the current value ({@code Ref} for {@code !Ref}), or null for none and for standard tags. */
    private String localTag() throws IOException {
      Object id = p.getTypeId();
      String tag = id == null ? null : id.toString();
      if (tag == null || tag.isEmpty() || tag.startsWith("tag:yaml.org,2002:")) {
        return null;
      }
      return tag;
    }

    private void count(long n, Position at) throws SyntaxException {
      expanded += n;
      if (expanded > MAX_EXPANDED_NODES) {
        throw new SyntaxException(at, "the document expands to more than " + MAX_EXPANDED_NODES + " values through aliases");
      }
    }

    private YNode readValue(JsonToken t, Position at) throws IOException, SyntaxException {
      switch (t) {
        case START_OBJECT -> {
          List<YEntry> entries = new ArrayList<>();
          List<YEntry> merged = new ArrayList<>();
          Set<String> seen = new HashSet<>();
          long size = 1;
          while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
              throw new SyntaxException(pos(p, file), "expected a key");
            }
            String key = p.currentName();
            Position keyPos = pos(p, file);
            p.nextToken();
            YNode value = read();
            size += sizes.getOrDefault(value, 1L);
            if (yaml && key.equals("<<")) {
              mergeInto(merged, value, keyPos);
              continue;
            }
            if (!seen.add(key)) {
              throw new SyntaxException(keyPos, "duplicate key '" + key + "'");
            }
            entries.add(new YEntry(key, keyPos, value));
          }
          for (YEntry m : merged) {
            if (seen.add(m.key())) {
              entries.add(m);
            }
          }
          count(1, at);
          YMap map = new YMap(entries, at);
          sizes.put(map, size);
          return map;
        }
        case START_ARRAY -> {
          List<YNode> items = new ArrayList<>();
          long size = 1;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            YNode item = read();
            size += sizes.getOrDefault(item, 1L);
            items.add(item);
          }
          count(1, at);
          YList list = new YList(items, at);
          sizes.put(list, size);
          return list;
        }
        case VALUE_STRING -> {
          count(1, at);
          return new YScalar(p.getText(), YScalar.Kind.STRING, at);
        }
        case VALUE_NUMBER_INT -> {
          count(1, at);
          return new YScalar(p.getText(), YScalar.Kind.INT, at);
        }
        case VALUE_NUMBER_FLOAT -> {
          count(1, at);
          return new YScalar(p.getText(), YScalar.Kind.FLOAT, at);
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          count(1, at);
          return new YScalar(p.getText(), YScalar.Kind.BOOL, at);
        }
        case VALUE_NULL -> {
          count(1, at);
          return new YScalar("", YScalar.Kind.NULL, at);
        }
        default -> throw new SyntaxException(at, "unsupported YAML value (" + t + ")");
      }
    }

    /** YAML merge key: the entries of a mapping (or of each mapping of a list) that the mapping does not set itself. */
    private static void mergeInto(List<YEntry> merged, YNode value, Position at) throws SyntaxException {
      List<YNode> sources = value instanceof YList l ? l.items() : List.of(value);
      for (YNode src : sources) {
        if (!(src instanceof YMap m)) {
          throw new SyntaxException(at, "a merge key '<<' takes a mapping or a list of mappings, got " + src.describe());
        }
        for (YEntry e : m.entries()) {
          if (merged.stream().noneMatch(x -> x.key().equals(e.key()))) {
            merged.add(e);
          }
        }
      }
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
