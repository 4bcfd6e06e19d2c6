package dev.costflow.cli;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.reports.CostTrends;
import dev.costflow.reports.DashboardHtml;
import dev.costflow.reports.ModeledVsActual;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "dashboard",
    description = {
      "Daily trend dashboard of the bill: one self-contained HTML page (inline SVG, no scripts, no network).",
      "Daily cost per service, the 7-day average, month to date and the month-end forecast, anomalies with their drivers,",
      "top movers week over week and, with --model, modeled vs actual per service."
    },
    mixinStandardHelpOptions = true,
    footer = {"", "Data: the billing store (costflow import …; --home or COSTFLOW_HOME), or a daily-cost CSV with --from. Docs: docs/reports.md."})
public final class DashboardCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "FILE.html", defaultValue = "costflow-dashboard.html", description = "Where to write the page (atomically; default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--since", paramLabel = "DATE", description = "First day to show (YYYY-MM-DD, UTC; default: the first day with data).")
  LocalDate since;

  @Option(names = "--until", paramLabel = "DATE", description = "Last day to show (YYYY-MM-DD, UTC; default: the last day with data).")
  LocalDate until;

  @Option(names = "--model", paramLabel = "MODEL", description = "A model to compare with the bill (modeled vs actual per service type).")
  Path model;

  @Option(names = "--from", paramLabel = "FILE.csv", description = "Read daily costs from a CSV (day,service,usage_type,billed_usd[,meter_id,quantity,unit,list_usd]) instead of the billing store.")
  Path from;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Daily cost", description = "Page title (default: ${DEFAULT-VALUE}).")
  String title;

  @Mixin ModelOptions modelOptions;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (since != null && until != null && until.isBefore(since)) {
      throw new UserException("--until " + until + " is before --since " + since);
    }
    List<DailyCost> rows;
    String source;
    try (BillingData data = from != null ? DailyCostCsv.read(from) : BillingStoreData.open(store)) {
      rows = data.dailyCosts(Optional.ofNullable(since), Optional.ofNullable(until));
      source = data.describe();
    }
    Optional<ModeledVsActual.Comparison> modeled = Optional.empty();
    if (model != null) {
      Estimate e = store.estimator().estimate(modelOptions.read(model));
      modeled = ModeledVsActual.compare(e, rows);
    }
    CostTrends.Trends trends = CostTrends.analyze(rows);
    String generated = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    String html = DashboardHtml.render(trends, modeled, new DashboardHtml.Meta(title, source, generated));
    Output.writeAtomically(out, html.getBytes(StandardCharsets.UTF_8));
    spec.commandLine().getErr().println("costflow: wrote " + out + (trends.isEmpty() ? " (no billing data in the range)"
        : " (" + trends.days().size() + " days, " + trends.services().size() + " services, " + trends.anomalies().size() + " anomalies)"));
    return Main.EXIT_OK;
  }
}
