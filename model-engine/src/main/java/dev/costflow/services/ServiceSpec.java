package dev.costflow.services;

/** The kind-specific settings of a service (a record per kind). */
public interface ServiceSpec {
  /** For kinds without settings of their own. */
  record None() implements ServiceSpec {}
}
