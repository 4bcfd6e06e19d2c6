package dev.costflow.reports;

import dev.costflow.diff.CostDiff;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cost policy for code review ({@code diff --fail-above-usd X --fail-above-pct P}): the change
 * fails when the cost goes up by more than X USD or by more than P percent of the base. Only
 * increases count. A model that did not exist before (base $0) that costs anything crosses any
 * percent threshold (an increase from $0 is infinitely many percent).
 */
public record DiffPolicy(Optional<BigDecimal> failAboveUsd, Optional<BigDecimal> failAbovePct) {
  public DiffPolicy {
    Objects.requireNonNull(failAboveUsd);
    Objects.requireNonNull(failAbovePct);
  }

  public static DiffPolicy none() {
    return new DiffPolicy(Optional.empty(), Optional.empty());
  }

  public boolean isSet() {
    return failAboveUsd.isPresent() || failAbovePct.isPresent();
  }

  /** Why the change fails the policy, one sentence per threshold crossed; empty when it passes. */
  public List<String> violations(CostDiff d) {
    List<String> out = new ArrayList<>();
    BigDecimal delta = d.deltaUsd();
    failAboveUsd.ifPresent(limit -> {
      if (delta.compareTo(limit) > 0) {
        out.add("the cost goes up by " + Format.usd(delta) + ", more than the limit of " + Format.usd(limit) + " (--fail-above-usd " + Format.exact(limit) + ")");
      }
    });
    failAbovePct.ifPresent(limit -> {
      Optional<BigDecimal> pct = d.deltaPct();
      if (pct.isPresent() ? pct.get().compareTo(limit) > 0 : delta.signum() > 0) {
        out.add("the cost goes up by " + pct.map(p -> DiffReports.percent(p)).orElse("an unbounded percentage (from $0.00)")
            + ", more than the limit of " + Format.exact(limit) + "% (--fail-above-pct " + Format.exact(limit) + ")");
      }
    });
    return out;
  }

  public boolean fails(CostDiff d) {
    return !violations(d).isEmpty();
  }

  /** The limits in words: "at most +$25.00 and +10%". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    failAboveUsd.ifPresent(v -> parts.add("+" + Format.usd(v)));
    failAbovePct.ifPresent(v -> parts.add("+" + Format.exact(v) + "%"));
    return "at most " + String.join(" and ", parts);
  }
}
