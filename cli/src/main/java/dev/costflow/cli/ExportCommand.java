package dev.costflow.cli;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.reports.EstimateReports;
import dev.costflow.reports.ModeledVsActual;
import dev.costflow.reports.XlsxExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    description = {
      "The estimate as a spreadsheet (.xlsx) with live formulas; --csv for the lines.",
      "Quantity × unit price = cost per line, pooled tiers, free-tier and discount switches, every price with its date and source,",
      "the traffic and an hourly or daily profile; with a bill, an Actuals vs Modeled sheet."
    },
    mixinStandardHelpOptions = true,
    footer = {"", "Docs: docs/reports.md."})
public final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--xlsx", paramLabel = "FILE", description = "Write the workbook (.xlsx) here (atomically).")
  Path xlsx;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write the lines as CSV here (atomically).")
  Path csv;

  @Option(names = "--actuals-from", paramLabel = "FILE.csv", description = "Daily costs for the Actuals vs Modeled sheet (day,service,usage_type,billed_usd[,meter_id,…]); default: the billing store, when there is one.")
  Path actualsFrom;

  @Option(names = "--until", paramLabel = "DATE", description = "Last day of the bill to compare with (default: the last day with data); the run-rate uses the 28 days up to it.")
  LocalDate until;

  @Mixin ModelOptions modelOptions;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * POI logs through the Log4j API; with no Log4j implementation on the class path the API prints
   * "could not find a logging provider" to stderr. Its built-in simple logger, at level OFF, keeps
   * the command's stderr for the user.
   */
  static void quietPoiLogging() {
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
      System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
      System.setProperty("log4j2.simplelogLevel", "OFF");
    }
  }

  @Override
  public Integer call() {
    if (xlsx == null && csv == null) {
      throw new UserException("costflow export: say what to write: --xlsx FILE and/or --csv FILE");
    }
    quietPoiLogging();
    Estimator estimator = store.estimator();
    Estimate e = estimator.estimate(modelOptions.read(model));
    Optional<ModeledVsActual.Comparison> actuals = Optional.empty();
    Optional<BillingData> data = actualsFrom != null ? Optional.of(DailyCostCsv.read(actualsFrom)) : BillingStoreData.openIfExists(store);
    if (data.isPresent()) {
      try (BillingData d = data.get()) {
        List<DailyCost> rows = d.dailyCosts(Optional.empty(), Optional.ofNullable(until));
        actuals = ModeledVsActual.compare(e, rows);
      }
    }
    if (xlsx != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try {
        XlsxExport.write(e, estimator.catalog(), actuals, bytes);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      Output.writeAtomically(xlsx, bytes.toByteArray());
      spec.commandLine().getErr().println("costflow: wrote " + xlsx + (actuals.isPresent() ? " (with Actuals vs Modeled)" : ""));
    }
    if (csv != null) {
      Output.writeAtomically(csv, EstimateReports.csv(e).getBytes(StandardCharsets.UTF_8));
      spec.commandLine().getErr().println("costflow: wrote " + csv);
    }
    return Main.EXIT_OK;
  }
}
