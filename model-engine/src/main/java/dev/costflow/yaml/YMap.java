package dev.costflow.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping; keys keep their order and positions. */
public final class YMap implements YNode {
  private final Map<String, YEntry> entries;
  private final Position pos;

  public YMap(List<YEntry> entries, Position pos) {
    Map<String, YEntry> m = new LinkedHashMap<>();
    for (YEntry e : entries) {
      m.put(e.key(), e);
    }
    this.entries = Collections.unmodifiableMap(m);
    this.pos = pos;
  }

  @Override
  public Position pos() {
    return pos;
  }

  public Optional<YEntry> entry(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public Optional<YNode> get(String key) {
    YEntry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  public Collection<YEntry> entries() {
    return entries.values();
  }

  public List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A copy with one key set (replaced in place, or appended). */
  public YMap with(String key, Position keyPos, YNode value) {
    List<YEntry> out = new ArrayList<>();
    boolean replaced = false;
    for (YEntry e : entries.values()) {
      if (e.key().equals(key)) {
        out.add(new YEntry(key, e.keyPos(), value));
        replaced = true;
      } else {
        out.add(e);
      }
    }
    if (!replaced) {
      out.add(new YEntry(key, keyPos, value));
    }
    return new YMap(out, pos);
  }

  /** A copy without a key. */
  public YMap without(String key) {
    List<YEntry> out = new ArrayList<>();
    for (YEntry e : entries.values()) {
      if (!e.key().equals(key)) {
        out.add(e);
      }
    }
    return new YMap(out, pos);
  }

  @Override
  public String describe() {
    return "a mapping";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof YMap m && entriesEqual(m);
  }

  private boolean entriesEqual(YMap m) {
    if (!entries.keySet().equals(m.entries.keySet())) {
      return false;
    }
    for (YEntry e : entries.values()) {
      if (!YTrees.sameValue(e.value(), m.entries.get(e.key()).value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return entries.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "YMap" + entries.keySet();
  }
}
