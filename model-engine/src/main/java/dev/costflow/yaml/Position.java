package dev.costflow.yaml;

import java.util.Objects;

/** Where a value came from: a file (or a pseudo-source such as {@code --set}), 1-based line and column. */
public record Position(String file, int line, int column) {
  public Position {
    Objects.requireNonNull(file);
  }

  public static Position of(String file) {
    return new Position(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
