package dev.costflow.cli;

import dev.costflow.actuals.DailyCost;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code dashboard} and {@code export} read billed daily costs: the billing store, or a
 * daily-cost CSV given with {@code --from}. A seam so that the commands do not depend on how the
 * store is kept.
 */
interface BillingData extends AutoCloseable {
  /** Daily costs from {@code since} to {@code until}, both inclusive (UTC days). */
  List<DailyCost> dailyCosts(Optional<LocalDate> since, Optional<LocalDate> until);

  /** Where the data comes from, for the page ("billing store /home/…/costflow.duckdb"). */
  String describe();

  @Override
  void close();
}
