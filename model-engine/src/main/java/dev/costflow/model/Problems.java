package dev.costflow.model;

import dev.costflow.yaml.Position;
import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings found while reading a model. */
public final class Problems {
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  public void error(Position pos, String message) {
    errors.add(Diagnostic.error(pos, message));
  }

  public void warning(Position pos, String message) {
    warnings.add(Diagnostic.warning(pos, message));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public int errorCount() {
    return errors.size();
  }

  public List<Diagnostic> errors() {
    return List.copyOf(errors);
  }

  public List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  /** Throws a {@link ModelException} with all errors, sorted by position, if there are any. */
  public void throwIfErrors() {
    if (!errors.isEmpty()) {
      List<Diagnostic> sorted = new ArrayList<>(errors);
      sorted.sort(
          java.util.Comparator.comparing((Diagnostic d) -> d.pos().file())
              .thenComparingInt(d -> d.pos().line())
              .thenComparingInt(d -> d.pos().column()));
      throw new ModelException(sorted);
    }
  }
}
