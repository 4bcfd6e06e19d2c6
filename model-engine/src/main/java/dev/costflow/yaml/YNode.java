package dev.costflow.yaml;

/** A YAML value with the position it was read from. */
public sealed interface YNode permits YMap, YList, YScalar {
  Position pos();

  /** A word for error messages: "a mapping", "a list", "the number 12" … */
  String describe();
}
