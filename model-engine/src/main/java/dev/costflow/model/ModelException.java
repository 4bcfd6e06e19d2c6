package dev.costflow.model;

import java.util.List;
import java.util.stream.Collectors;

/** The model cannot be read or priced; carries every error found, each with its position. */
public class ModelException extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public ModelException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public ModelException(Diagnostic d) {
    this(List.of(d));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
