package dev.costflow.desktop.vm;

/** What the inspector shows: nothing, a service, or one call of a service. */
public sealed interface Selection permits Selection.None, Selection.OfService, Selection.OfCall {
  None NONE = new None();

  record None() implements Selection {}

  record OfService(String id) implements Selection {}

  /** Call number {@code index} (0-based, file order) of service {@code from}. */
  record OfCall(String from, int index) implements Selection {}
}
