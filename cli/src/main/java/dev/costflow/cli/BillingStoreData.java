package dev.costflow.cli;

/**
 * The billing store as {@link BillingData}. The store (module importers, {@code costflow import …})
 * is not part of this build yet; until it is, the commands read a daily-cost CSV with --from.
 */
final class BillingStoreData {
  private BillingStoreData() {}

  static BillingData openDefault() {
    throw new UserException("costflow: the billing store is not available in this build yet; give the daily costs with --from FILE.csv"
        + " (columns day,service,usage_type,billed_usd[,meter_id,quantity,unit,list_usd])");
  }
}
