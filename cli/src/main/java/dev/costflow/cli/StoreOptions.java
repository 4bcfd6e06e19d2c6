package dev.costflow.cli;

import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.engine.Estimator;
import dev.costflow.pricing.CatalogLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home DIR}: where the billing store lives (default {@code $COSTFLOW_HOME}, else {@code ~/.costflow}). */
public final class StoreOptions {
  @Option(names = "--home", paramLabel = "DIR", description = "Directory of the billing store (default: $COSTFLOW_HOME, else ~/.costflow).")
  Path home;

  public Path home() {
    return home != null ? home : BillingStore.defaultHome();
  }

  /**
   * The estimator for modeled costs: the bundled prices plus those imported with
   * {@code costflow pricing import} into the same directory (see {@link CatalogOptions}).
   */
  public Estimator estimator() {
    return new Estimator(CatalogLoader.installed(CatalogOptions.importedDir(home())));
  }

  /** Opens the store; a store that cannot be opened is a usage error (exit 2). */
  public BillingStore open() {
    try {
      return BillingStore.open(home());
    } catch (BillingStoreException e) {
      throw new UserException("costflow: " + e.getMessage(), e);
    }
  }
}
