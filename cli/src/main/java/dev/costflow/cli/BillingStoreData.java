package dev.costflow.cli;

import dev.costflow.actuals.DailyCost;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The billing store ({@code costflow import …}) as the daily costs of the dashboard and the export. */
final class BillingStoreData implements BillingData {
  private final BillingStore store;

  private BillingStoreData(BillingStore store) {
    this.store = store;
  }

  /** The store in {@code --home}; a missing store is an error that says how to fill it. */
  static BillingData open(StoreOptions options) {
    return openIfExists(options).orElseThrow(() -> new UserException("costflow: no billing store at " + options.home().resolve(BillingStore.FILE)
        + "; import a bill first (costflow import focus|cur|cur2|ce …, see docs/billing-import.md), point --home or COSTFLOW_HOME at a store,"
        + " or give daily costs with --from FILE.csv"));
  }

  /** The store in {@code --home} when there is one (a missing store is not created). */
  static Optional<BillingData> openIfExists(StoreOptions options) {
    Path file = options.home().resolve(BillingStore.FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(new BillingStoreData(options.open()));
  }

  @Override
  public List<DailyCost> dailyCosts(Optional<LocalDate> since, Optional<LocalDate> until) {
    try {
      return store.dailyCosts(since, until);
    } catch (BillingStoreException e) {
      throw new UserException("costflow: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "billing store " + store.file();
  }

  @Override
  public void close() {
    store.close();
  }
}
