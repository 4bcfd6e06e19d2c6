package dev.costflow.desktop.core;

import dev.costflow.reports.AtomicFiles;
import dev.costflow.model.Diagnostic;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The open document and its last valid evaluation. Every change is evaluated before it is
 * accepted: an edit the reader rejects leaves the document as it was and returns the reader's
 * errors. Not thread-safe: the desktop drives it from one worker thread, tests call it directly.
 */
public final class Workspace {
  private final Evaluator evaluator;
  private ModelDocument doc;
  private Evaluation.Valid current;

  public Workspace(Evaluator evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator);
  }

  /** A consistent view of the document and its evaluation. */
  public record Snapshot(ModelDocument document, Evaluation.Valid evaluation) {}

  /** The result of a change: the state afterwards, and the errors if the change was refused. */
  public record Result(Optional<Snapshot> snapshot, List<Diagnostic> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Optional<Snapshot> snapshot() {
    return doc == null ? Optional.empty() : Optional.of(new Snapshot(doc, current));
  }

  private Result ok() {
    return new Result(snapshot(), List.of());
  }

  private Result refused(List<Diagnostic> errors) {
    return new Result(snapshot(), errors);
  }

  /** Opens a model file; nothing changes if it cannot be read or has errors. */
  public Result open(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return refused(List.of(Diagnostic.error(Position.of(file.toString()), "no such file")));
    } catch (IOException | RuntimeException e) {
      return refused(List.of(Diagnostic.error(Position.of(file.toString()), "cannot read the model: " + e.getMessage())));
    }
    return openText(Optional.of(file), file.getFileName().toString(), text);
  }

  /** Opens model text, e.g. the output of an importer (then {@code file} is empty until saved). */
  public Result openText(Optional<Path> file, String displayName, String text) {
    String name = file.map(Path::toString).orElse(displayName);
    YNode tree;
    try {
      tree = YTrees.parse(text, name);
    } catch (YTrees.SyntaxException e) {
      return refused(List.of(Diagnostic.error(e.pos(), e.getMessage())));
    }
    ModelDocument candidate = ModelDocument.of(file, displayName, text, tree);
    Evaluation ev = evaluator.evaluate(candidate);
    if (ev instanceof Evaluation.Invalid inv) {
      return refused(inv.errors());
    }
    doc = candidate;
    current = (Evaluation.Valid) ev;
    return ok();
  }

  /**
   * Sets one key (a path of mapping keys and list indexes) to a value. {@code mergeKey}: edits
   * with the same key in a row are one undo step (a slider drag).
   */
  public Result edit(List<String> path, YNode value, String label, String mergeKey) {
    requireOpen();
    YNode tree;
    try {
      tree = YTrees.set(doc.tree(), path, value, value.pos());
    } catch (YTrees.SyntaxException e) {
      return refused(List.of(Diagnostic.error(e.pos(), String.join(".", path) + ": " + e.getMessage())));
    }
    return replace(tree, label, mergeKey);
  }

  /** Replaces the whole tree (loading a scenario into the editor), as one undo step. */
  public Result replace(YNode tree, String label, String mergeKey) {
    requireOpen();
    Evaluation ev = evaluator.evaluate(tree, doc.baseDir(), doc.file(), doc.sourceName());
    if (ev instanceof Evaluation.Invalid inv) {
      return refused(inv.errors());
    }
    doc = doc.withTree(tree, label, mergeKey);
    current = (Evaluation.Valid) ev;
    return ok();
  }

  public Result undo() {
    requireOpen();
    return move(doc.undo());
  }

  public Result redo() {
    requireOpen();
    return move(doc.redo());
  }

  private Result move(ModelDocument next) {
    Evaluation ev = evaluator.evaluate(next);
    if (ev instanceof Evaluation.Invalid inv) {
      return refused(inv.errors()); // a state that was valid no longer is (e.g. a samples file vanished)
    }
    doc = next;
    current = (Evaluation.Valid) ev;
    return ok();
  }

  /** Saves to the document's file, or to {@code to}; returns whether comments and layout were kept. */
  public boolean save(Optional<Path> to) throws IOException {
    requireOpen();
    Path target = to.or(doc::file).orElseThrow(() -> new IllegalStateException("no file to save to"));
    ModelDocument.SavedText saved = doc.textToSave();
    AtomicFiles.write(target, saved.text().getBytes(StandardCharsets.UTF_8));
    boolean moved = doc.file().map(f -> !f.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())).orElse(true);
    doc = doc.saved(target, saved.text());
    if (moved) {
      // samples: and series: files are found relative to the model: re-read from the new place
      Evaluation ev = evaluator.evaluate(doc);
      if (ev instanceof Evaluation.Valid v) {
        current = v;
      }
    }
    return saved.layoutKept();
  }

  /** Evaluates another tree against this document's folder, without changing anything (scenarios). */
  public Evaluation evaluate(YNode tree) {
    requireOpen();
    return evaluator.evaluate(tree, doc.baseDir(), doc.file(), doc.sourceName());
  }

  private void requireOpen() {
    if (doc == null) {
      throw new IllegalStateException("no model is open");
    }
  }
}
