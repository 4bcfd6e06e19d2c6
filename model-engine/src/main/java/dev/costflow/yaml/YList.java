package dev.costflow.yaml;

import java.util.List;

/** A YAML sequence. */
public record YList(List<YNode> items, Position pos) implements YNode {
  public YList {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
