package dev.costflow.billing;

/** How {@code costflow actuals} groups the store's lines. */
public enum Grouping {
  SERVICE("service"),
  DAY("day"),
  METER("meter_id"),
  USAGE_TYPE("usage_type");

  private final String column;

  Grouping(String column) {
    this.column = column;
  }

  String column() {
    return column;
  }

  /** The JSON key of the grouping ({@code service}, {@code day}, {@code meter}, {@code usage_type}). */
  public String key() {
    return this == METER ? "meter" : column;
  }
}
