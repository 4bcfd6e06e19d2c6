package dev.costflow.diff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much one {@link Change} moves the cost of the period, in USD (unrounded).
 *
 * @param change the change
 * @param effectUsd its effect: positive when it makes the head model more expensive
 * @param measured how the effect was measured (see {@link Measure})
 */
public record Driver(Change change, BigDecimal effectUsd, Measure measured) {
  public Driver {
    Objects.requireNonNull(change);
    Objects.requireNonNull(effectUsd);
    Objects.requireNonNull(measured);
  }

  /** How a driver's effect was measured. */
  public enum Measure {
    /** Applied alone to the base model (with the changes it requires): cost(base + change) − cost(base). */
    ALONE_ON_BASE,
    /**
     * The base plus this change alone was not a valid model (e.g. it closes a cycle that another
     * change breaks), so it was measured last: cost(head) − cost(head without this change).
     */
    LAST_ON_HEAD,
    /** Could not be priced on its own either way; its effect is part of the interaction. */
    NOT_PRICED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
