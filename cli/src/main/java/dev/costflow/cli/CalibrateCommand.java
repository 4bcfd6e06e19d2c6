package dev.costflow.cli;

import dev.costflow.actuals.Calibrator;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.reports.CalibrateReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code costflow calibrate MODEL --out MODEL2}: fit traffic, durations, payload sizes and fan-out to the actuals. */
@Command(name = "calibrate", description = {"Fit the model's traffic, function durations, payload sizes and fan-out ratios to the actual quantities of its meters",
    "(least squares), and write the model with the fitted values, each commented with its value before and after.",
    "--fit-until DATE fits on the days up to DATE and reports the forecast error on the later ones."}, mixinStandardHelpOptions = true)
public final class CalibrateCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json
  }

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--out", required = true, paramLabel = "MODEL2", description = "Where to write the calibrated model (atomically).")
  Path out;

  @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC, inclusive).")
  String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD, UTC, inclusive).")
  String until;

  @Option(names = "--fit-until", paramLabel = "DATE", description = "Fit on days up to DATE; report the forecast error on the days after it.")
  String fitUntil;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Model m = ModelReader.read(model);
    String text;
    try {
      text = Files.readString(model, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserException(model + ": cannot read: " + e.getMessage(), e);
    }
    Optional<LocalDate> fu = Optional.ofNullable(fitUntil).map(v -> ImportCeCommand.date("--fit-until", v));
    try (BillingStore st = store.open()) {
      LocalDate[] w = ActualsWindow.of(m, st, since, until);
      if (fu.isPresent() && (fu.get().isBefore(w[0]) || !fu.get().isBefore(w[1]))) {
        throw new UserException("costflow: --fit-until " + fu.get() + " must be a day from " + w[0] + " to the day before " + w[1]);
      }
      Calibrator.Result r = new Calibrator(store.estimator()).calibrate(m, text, st.actualLines(Optional.of(w[0]), Optional.of(w[1])), w[0], w[1], fu);
      String header = "# Calibrated by costflow calibrate against actuals " + r.since() + ".." + r.fitUntil() + " (UTC) from " + model.getFileName() + ".\n";
      Output.writeAtomically(out, (header + r.modelText()).getBytes(StandardCharsets.UTF_8));
      String report = format == Fmt.json ? CalibrateReports.json(r, out.toString()) : CalibrateReports.table(r, out.toString());
      spec.commandLine().getOut().print(report);
      spec.commandLine().getOut().flush();
      return Main.EXIT_OK;
    } catch (BillingStoreException e) {
      throw BillingImports.failed(e);
    }
  }
}
