package dev.costflow.cli;

import dev.costflow.actuals.Reconciler;
import dev.costflow.actuals.Reconciliation;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.model.Model;
import dev.costflow.reports.ReconcileReports;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code costflow reconcile MODEL}: modeled vs actual per service, meter and day, with the variance explained. */
@Command(name = "reconcile", description = {"Modeled vs actual cost per service, meter and day, the variance split into quantity, price and unmodeled parts.",
    "Actual lines are matched to services by the costflow:service tag, the resource id (an arn tag on the service), the resource name, then by a meter only one service uses;",
    "the rest is listed as unmatched. Days: --since/--until, else the model's calendar month, else the newest month in the store."}, mixinStandardHelpOptions = true)
public final class ReconcileCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json,
    markdown
  }

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC, inclusive).")
  String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD, UTC, inclusive).")
  String until;

  @Option(names = "--format", defaultValue = "table", description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin ModelOptions modelOptions;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Model m = modelOptions.read(model);
    try (BillingStore st = store.open()) {
      LocalDate[] w = ActualsWindow.of(m, st, since, until);
      Reconciliation r = new Reconciler(store.estimator()).reconcile(m, st.actualLines(Optional.of(w[0]), Optional.of(w[1])), w[0], w[1]);
      String text = switch (format) {
        case table -> ReconcileReports.table(r);
        case json -> ReconcileReports.json(r);
        case markdown -> ReconcileReports.markdown(r);
      };
      Output.write(text, out, spec.commandLine().getOut());
      return Main.EXIT_OK;
    } catch (BillingStoreException e) {
      throw BillingImports.failed(e);
    }
  }
}
