package dev.costflow.cli;

import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.importers.bills.BillImport;
import dev.costflow.importers.bills.BillImportException;
import dev.costflow.importers.bills.BillImporter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs a file import for the {@code import cur|cur2|focus} commands. */
final class BillFileImport {
  private BillFileImport() {}

  static int run(CommandLine cl, StoreOptions store, BillImporter importer, List<Path> paths, List<String> notes) {
    try (BillingStore s = store.open()) {
      BillImport.Outcome o = BillImport.files(s, importer, paths, BillingImports.progress(cl.getErr()));
      cl.getOut().print(BillingImports.summary(importer.kind(), o.stats(), o.result(), o.replaced(), s.file(), notes));
      cl.getOut().flush();
      return Main.EXIT_OK;
    } catch (BillImportException e) {
      throw BillingImports.bad(e);
    } catch (BillingStoreException e) {
      throw BillingImports.failed(e);
    }
  }
}
