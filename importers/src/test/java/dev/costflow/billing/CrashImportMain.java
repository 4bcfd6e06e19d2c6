package dev.costflow.billing;

import dev.costflow.importers.bills.BillImport;
import dev.costflow.importers.bills.CurImporter;
import dev.costflow.importers.bills.Progress;
import dev.costflow.pricing.UsageTypeIndex;
import java.nio.file.Path;
import java.util.List;

/** Child process of {@link BillingStoreCrashTest}: imports a file into a store and is killed on the way. */
public final class CrashImportMain {
  private CrashImportMain() {}

  public static void main(String[] args) throws Exception {
    try (BillingStore store = BillingStore.open(Path.of(args[0]))) {
      System.out.println("importing");
      System.out.flush();
      BillImport.files(store, new CurImporter(CurImporter.Flavor.LEGACY, UsageTypeIndex.bundled()), List.of(Path.of(args[1])), Progress.NONE);
      System.out.println("done");
    }
  }
}
