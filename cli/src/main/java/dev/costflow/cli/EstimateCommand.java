package dev.costflow.cli;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Diagnostic;
import dev.costflow.reports.EstimateReports;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "estimate", description = "Expected cost of one period, per service and line.", mixinStandardHelpOptions = true)
public final class EstimateCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json,
    markdown,
    csv
  }

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--format", defaultValue = "table", description = "table, json, markdown or csv (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin ModelOptions modelOptions;

  @Mixin CatalogOptions catalogOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.util.function.Supplier<dev.costflow.pricing.Catalog> catalog = catalogOptions.catalogInBackground();
    dev.costflow.model.Model m = modelOptions.read(model);
    Estimate e = new Estimator(catalog.get()).estimate(m);
    String text =
        switch (format) {
          case table -> EstimateReports.table(e);
          case json -> EstimateReports.json(e);
          case markdown -> EstimateReports.markdown(e);
          case csv -> EstimateReports.csv(e);
        };
    if (format != Fmt.table) {
      for (Diagnostic d : e.warnings()) {
        spec.commandLine().getErr().println(d);
      }
    }
    Output.write(text, out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }
}
