package dev.costflow.cli;

import java.util.Optional;

/**
 * The billing store as {@link BillingData}. The store (module importers, {@code costflow import …})
 * is not part of this build yet; until it is, the commands read a daily-cost CSV with --from.
 */
final class BillingStoreData {
  private BillingStoreData() {}

  static BillingData openDefault() {
    return tryOpenDefault().orElseThrow(() -> new UserException("costflow: the billing store is not available in this build yet; give the daily costs with --from FILE.csv"
        + " (columns day,service,usage_type,billed_usd[,meter_id,quantity,unit,list_usd])"));
  }

  /** The store, when there is one to read. */
  static Optional<BillingData> tryOpenDefault() {
    return Optional.empty();
  }
}
