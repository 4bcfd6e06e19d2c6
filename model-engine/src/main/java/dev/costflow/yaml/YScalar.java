package dev.costflow.yaml;

import java.util.Objects;

/** A scalar with its source text and the type YAML gave it. */
public record YScalar(String text, Kind kind, Position pos) implements YNode {
  public enum Kind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  public YScalar {
    Objects.requireNonNull(text);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(pos);
  }

  public boolean isNumber() {
    return kind == Kind.INT || kind == Kind.FLOAT;
  }

  @Override
  public String describe() {
    return switch (kind) {
      case NULL -> "an empty value";
      case BOOL -> "the boolean " + text;
      case INT, FLOAT -> "the number " + text;
      case STRING -> "the text '" + text + "'";
    };
  }
}
