package dev.costflow.desktop.core;

import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Differences between two model trees, as the smallest set of "set this key to this value"
 * edits that turns one into the other (how a saved file is patched in place), and as readable
 * changes (what a scenario changed).
 */
public final class TreeDiff {
  private TreeDiff() {}

  /** One key set to a value: a path of mapping keys and list indexes. */
  public record Edit(List<String> path, YNode value) {
    public Edit {
      path = List.copyOf(path);
    }

    public String dotted() {
      return String.join(".", path);
    }
  }

  /** One changed value, for people: {@code services.checkout.memory_mb: 1024 → 2048}. */
  public record Change(List<String> path, Optional<YNode> before, Optional<YNode> after) {
    public Change {
      path = List.copyOf(path);
    }

    public String dotted() {
      return String.join(".", path);
    }

    /** "services.checkout.memory_mb: 1024 → 2048", "… added: 3", "… removed (was 3)". */
    public String describe() {
      if (before.isEmpty()) {
        return dotted() + ": added " + YamlWriter.inline(after.orElseThrow());
      }
      if (after.isEmpty()) {
        return dotted() + ": removed (was " + YamlWriter.inline(before.get()) + ")";
      }
      return dotted() + ": " + YamlWriter.inline(before.get()) + " → " + YamlWriter.inline(after.get());
    }
  }

  /**
   * Edits that turn {@code from} into {@code to}. A mapping that lost keys, or a list whose length
   * changed, is replaced as a whole (the editor only sets keys). The root itself is never an edit:
   * if the roots differ in kind the result is empty and {@link #replacesRoot} tells.
   */
  public static List<Edit> edits(YNode from, YNode to) {
    List<Edit> out = new ArrayList<>();
    edits(from, to, new ArrayList<>(), out);
    return out;
  }

  /** Whether the difference can only be expressed by rewriting the whole document. */
  public static boolean replacesRoot(YNode from, YNode to) {
    if (from instanceof YMap fm && to instanceof YMap tm) {
      return !tm.keys().containsAll(fm.keys());
    }
    return !YTrees.sameValue(from, to);
  }

  private static void edits(YNode a, YNode b, List<String> path, List<Edit> out) {
    if (YTrees.sameValue(a, b) && sameKind(a, b)) {
      return;
    }
    if (a instanceof YMap am && b instanceof YMap bm && bm.keys().containsAll(am.keys())) {
      for (YEntry e : bm.entries()) {
        path.add(e.key());
        Optional<YNode> old = am.get(e.key());
        if (old.isEmpty()) {
          out.add(new Edit(path, e.value()));
        } else {
          edits(old.get(), e.value(), path, out);
        }
        path.remove(path.size() - 1);
      }
      return;
    }
    if (a instanceof YList al && b instanceof YList bl && al.items().size() == bl.items().size()) {
      for (int i = 0; i < bl.items().size(); i++) {
        path.add(Integer.toString(i));
        edits(al.items().get(i), bl.items().get(i), path, out);
        path.remove(path.size() - 1);
      }
      return;
    }
    if (path.isEmpty()) {
      return; // the caller rewrites the document
    }
    out.add(new Edit(path, b));
  }

  /** Leaf-level changes from {@code from} to {@code to}, in the order of {@code to}. */
  public static List<Change> changes(YNode from, YNode to) {
    List<Change> out = new ArrayList<>();
    changes(Optional.of(from), Optional.of(to), new ArrayList<>(), out);
    return out;
  }

  private static void changes(Optional<YNode> a, Optional<YNode> b, List<String> path, List<Change> out) {
    if (a.isPresent() && b.isPresent() && YTrees.sameValue(a.get(), b.get()) && sameKind(a.get(), b.get())) {
      return;
    }
    if (a.orElse(null) instanceof YMap am && b.orElse(null) instanceof YMap bm) {
      for (YEntry e : am.entries()) {
        if (bm.get(e.key()).isEmpty()) {
          path.add(e.key());
          out.add(new Change(path, Optional.of(e.value()), Optional.empty()));
          path.remove(path.size() - 1);
        }
      }
      for (YEntry e : bm.entries()) {
        path.add(e.key());
        changes(am.get(e.key()), Optional.of(e.value()), path, out);
        path.remove(path.size() - 1);
      }
      return;
    }
    if (a.orElse(null) instanceof YList al && b.orElse(null) instanceof YList bl && al.items().size() == bl.items().size()) {
      for (int i = 0; i < bl.items().size(); i++) {
        path.add(Integer.toString(i));
        changes(Optional.of(al.items().get(i)), Optional.of(bl.items().get(i)), path, out);
        path.remove(path.size() - 1);
      }
      return;
    }
    out.add(new Change(path, a, b));
  }

  /** sameValue treats {@code 1} and {@code "1"} alike only for numbers; keep scalar kinds apart too. */
  private static boolean sameKind(YNode a, YNode b) {
    if (a instanceof YScalar x && b instanceof YScalar y) {
      return x.isNumber() == y.isNumber() && (x.isNumber() || x.kind() == y.kind());
    }
    return a.getClass() == b.getClass();
  }
}
