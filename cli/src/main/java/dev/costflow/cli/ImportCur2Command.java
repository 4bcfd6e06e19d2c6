package dev.costflow.cli;

import dev.costflow.importers.bills.CurImporter;
import dev.costflow.pricing.UsageTypeIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code costflow import cur2 PATH…}: replaces the billing periods the files cover in the billing store. */
@Command(name = "cur2", description = "CUR 2.0 (AWS Data Exports): gzip CSV or Parquet, snake_case with resource_tags and product maps; files, folders or a manifest. Replaces the billing periods the files cover.", mixinStandardHelpOptions = true)
public final class ImportCur2Command implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Bill files, folders of parts, or manifests (*Manifest.json).")
  List<Path> paths;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return BillFileImport.run(spec.commandLine(), store, new CurImporter(CurImporter.Flavor.CUR2, UsageTypeIndex.bundled()), paths, List.of());
  }
}
