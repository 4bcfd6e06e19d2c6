package dev.costflow.model;

import dev.costflow.yaml.Position;
import java.util.Objects;

/** An error or warning about the model, printed as {@code FILE:LINE:COLUMN: error: MESSAGE}. */
public record Diagnostic(Severity severity, Position pos, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Diagnostic {
    Objects.requireNonNull(severity);
    Objects.requireNonNull(pos);
    Objects.requireNonNull(message);
  }

  public static Diagnostic error(Position pos, String message) {
    return new Diagnostic(Severity.ERROR, pos, message);
  }

  public static Diagnostic warning(Position pos, String message) {
    return new Diagnostic(Severity.WARNING, pos, message);
  }

  @Override
  public String toString() {
    return pos + ": " + (severity == Severity.ERROR ? "error" : "warning") + ": " + message;
  }
}
