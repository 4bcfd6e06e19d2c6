package dev.costflow.desktop.core;

import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlEditor;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open model: the text it was read from, the tree being edited and an undo history. Immutable:
 * every change returns a new document. Saving patches the original text with {@link YamlEditor}
 * so comments, key order and flow or block style survive; only when that cannot reproduce the
 * edited tree exactly is the file rewritten with {@link YamlWriter} (and the caller told).
 */
public final class ModelDocument {
  /** Undo steps kept. */
  public static final int HISTORY = 200;

  private final Optional<Path> file;
  private final String displayName;
  private final String savedText;
  private final YNode savedTree;
  private final List<Step> history;
  private final int cursor;

  /** One state of the undo history; {@code label} says what changed, {@code key} lets slider drags merge. */
  public record Step(YNode tree, String label, String key) {}

  /** The text to write and whether comments and layout were kept. */
  public record SavedText(String text, boolean layoutKept) {}

  private ModelDocument(Optional<Path> file, String displayName, String savedText, YNode savedTree, List<Step> history, int cursor) {
    this.file = Objects.requireNonNull(file);
    this.displayName = displayName;
    this.savedText = savedText;
    this.savedTree = savedTree;
    this.history = List.copyOf(history);
    this.cursor = cursor;
  }

  /** A document read from {@code text}; {@code file} is empty for an import not yet saved. */
  public static ModelDocument of(Optional<Path> file, String displayName, String text, YNode tree) {
    return new ModelDocument(file, displayName, text, tree, List.of(new Step(tree, "open", "")), 0);
  }

  public Optional<Path> file() {
    return file;
  }

  /** The file name, or the name given to an unsaved import. */
  public String displayName() {
    return displayName;
  }

  /** The name used in positions of error messages. */
  public String sourceName() {
    return file.map(Path::toString).orElse(displayName);
  }

  public Path baseDir() {
    return file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
  }

  public YNode tree() {
    return history.get(cursor).tree();
  }

  public YNode savedTree() {
    return savedTree;
  }

  public boolean dirty() {
    return file.isEmpty() || !YTrees.sameValue(tree(), savedTree) || !sameShape(tree(), savedTree);
  }

  public boolean canUndo() {
    return cursor > 0;
  }

  public boolean canRedo() {
    return cursor < history.size() - 1;
  }

  public String undoLabel() {
    return canUndo() ? history.get(cursor).label() : "";
  }

  public String redoLabel() {
    return canRedo() ? history.get(cursor + 1).label() : "";
  }

  /**
   * The document with {@code tree} as its new state. A change with the same non-empty
   * {@code mergeKey} as the previous one (a slider being dragged, a number being typed) replaces
   * that step instead of adding one, so undo goes back to before the whole gesture.
   */
  public ModelDocument withTree(YNode tree, String label, String mergeKey) {
    List<Step> h = new ArrayList<>(history.subList(0, cursor + 1));
    Step top = h.get(h.size() - 1);
    if (!mergeKey.isEmpty() && mergeKey.equals(top.key()) && h.size() > 1) {
      h.set(h.size() - 1, new Step(tree, label, mergeKey));
    } else {
      h.add(new Step(tree, label, mergeKey));
    }
    while (h.size() > HISTORY) {
      h.remove(0);
    }
    return new ModelDocument(file, displayName, savedText, savedTree, h, h.size() - 1);
  }

  public ModelDocument undo() {
    return canUndo() ? new ModelDocument(file, displayName, savedText, savedTree, history, cursor - 1) : this;
  }

  public ModelDocument redo() {
    return canRedo() ? new ModelDocument(file, displayName, savedText, savedTree, history, cursor + 1) : this;
  }

  /** The text of the current tree, patched into the last saved text where possible. */
  public SavedText textToSave() {
    YNode target = tree();
    String name = sourceName();
    if (!TreeDiff.replacesRoot(savedTree, target) && !savedText.isBlank()) {
      try {
        YamlEditor editor = new YamlEditor(savedText, name);
        for (TreeDiff.Edit e : TreeDiff.edits(savedTree, target)) {
          editor.set(e.path(), e.value(), null);
        }
        String text = editor.text();
        YNode check = YTrees.parse(text, name);
        if (YTrees.sameValue(check, target) && sameShape(check, target)) {
          return new SavedText(text, true);
        }
      } catch (YTrees.SyntaxException | RuntimeException e) {
        // fall through to a clean rewrite: correctness over layout
      }
    }
    return new SavedText(YamlWriter.write(target), false);
  }

  /** The document after its text was written to {@code to}. */
  public ModelDocument saved(Path to, String text) {
    YNode tree = tree();
    return new ModelDocument(Optional.of(to), to.getFileName().toString(), text, tree, history, cursor);
  }

  /** sameValue ignores scalar kinds of non-numbers (e.g. "true" the text vs true the boolean); this does not. */
  private static boolean sameShape(YNode a, YNode b) {
    return TreeDiff.changes(a, b).isEmpty();
  }
}
