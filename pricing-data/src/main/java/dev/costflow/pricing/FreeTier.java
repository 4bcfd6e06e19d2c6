package dev.costflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A monthly free allowance. Meters that name the same {@code group} share one allowance (Lambda's
 * 400,000 GB-s are shared by x86 and Arm functions). {@code until} bounds allowances that ended.
 */
public record FreeTier(String group, BigDecimal monthlyQuantity, LocalDate from, Optional<LocalDate> until, String source) {
  public FreeTier {
    Objects.requireNonNull(group);
    Objects.requireNonNull(monthlyQuantity);
    Objects.requireNonNull(from);
    Objects.requireNonNull(until);
    Objects.requireNonNull(source);
    if (monthlyQuantity.signum() < 0) {
      throw new IllegalArgumentException("negative free allowance in group " + group);
    }
  }

  public boolean appliesOn(LocalDate day) {
    return !day.isBefore(from) && until.map(day::isBefore).orElse(true);
  }
}
