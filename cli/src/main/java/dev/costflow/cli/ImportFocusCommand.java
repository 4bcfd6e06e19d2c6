package dev.costflow.cli;

import dev.costflow.importers.bills.FocusImporter;
import dev.costflow.pricing.UsageTypeIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code costflow import focus PATH…}: FOCUS 1.0–1.2 cost and usage data from any provider. */
@Command(name = "focus", description = "FOCUS 1.0, 1.1 or 1.2 cost and usage data (CSV, gzip CSV or Parquet; any provider). Replaces the billing periods the files cover.",
    mixinStandardHelpOptions = true)
public final class ImportFocusCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "FOCUS files, folders, or Data Exports manifests.")
  List<Path> paths;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FocusImporter importer = new FocusImporter(UsageTypeIndex.bundled());
    return BillFileImport.run(spec.commandLine(), store, importer, paths, List.of());
  }
}
