package dev.costflow.billing;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What an import replaces: the lines of one cloud and billing account, in one billing period
 * (file imports: the month a bill covers) or in a range of days {@code [from, until)} (Cost
 * Explorer imports), whichever source wrote them.
 */
public record Partition(String cloud, String billingAccount, Optional<LocalDate> billingPeriod, Optional<LocalDate> from, Optional<LocalDate> until) {
  public Partition {
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(billingAccount);
    Objects.requireNonNull(billingPeriod);
    Objects.requireNonNull(from);
    Objects.requireNonNull(until);
  }

  public static Partition period(String cloud, String billingAccount, LocalDate periodStart) {
    return new Partition(cloud, billingAccount, Optional.of(periodStart), Optional.empty(), Optional.empty());
  }

  public static Partition days(String cloud, String billingAccount, LocalDate from, LocalDate until) {
    return new Partition(cloud, billingAccount, Optional.empty(), Optional.of(from), Optional.of(until));
  }

  @Override
  public String toString() {
    String what = billingPeriod.map(p -> p.toString().substring(0, 7)).orElse(from.map(Object::toString).orElse("") + ".." + until.map(Object::toString).orElse(""));
    return cloud + " " + (billingAccount.isEmpty() ? "(no billing account)" : billingAccount) + " " + what;
  }
}
