package dev.costflow.cli;

import dev.costflow.diff.CostDiff;
import dev.costflow.diff.ModelDiff;
import dev.costflow.reports.DiffPolicy;
import dev.costflow.reports.DiffReports;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    description = {
      "Code-review cost report between two models: the change per service and in total, and the drivers (which model change caused how much).",
      "BASE and HEAD are files or git:REF:PATH (the file at a git revision, e.g. git:main:examples/checkout.yaml)."
    },
    mixinStandardHelpOptions = true,
    footer = {"", "Exit codes: 0 ok, 1 a --fail-above-* threshold was crossed (the report is still written), 2 bad input.",
        "Docs: docs/reports.md (CI integration: docs/ci/)."})
public final class DiffCommand implements Callable<Integer> {
  public enum Fmt {
    markdown,
    json,
    table
  }

  @Parameters(index = "0", paramLabel = "BASE", description = "The model before the change: a file or git:REF:PATH.")
  String base;

  @Parameters(index = "1", paramLabel = "HEAD", description = "The model after the change: a file or git:REF:PATH.")
  String head;

  @Option(names = "--format", defaultValue = "markdown", description = "markdown (a pull-request comment), json or table (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--fail-above-usd", paramLabel = "X", description = "Exit with 1 when the cost goes up by more than X USD per period.")
  BigDecimal failAboveUsd;

  @Option(names = "--fail-above-pct", paramLabel = "P", description = "Exit with 1 when the cost goes up by more than P percent.")
  BigDecimal failAbovePct;

  @Option(names = "--missing-as-empty", description = "Compare a model that does not exist (at that revision, or as a file) as an empty model: a new model is all added, a deleted one all removed.")
  boolean missingAsEmpty;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to a file (atomically) instead of standard output.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "-C", paramLabel = "DIR", description = "Run as if started in DIR: relative paths and git:REF:PATH are resolved there (like git -C).")
  Path cwd = Path.of("");

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    DiffPolicy policy = new DiffPolicy(Optional.ofNullable(failAboveUsd), Optional.ofNullable(failAbovePct));
    CostDiff d;
    try (ModelSources sources = new ModelSources(cwd)) {
      ModelDiff.Input b = sources.load(base, missingAsEmpty);
      ModelDiff.Input h = sources.load(head, missingAsEmpty);
      if (b.tree().isEmpty() && h.tree().isEmpty()) {
        throw new UserException("costflow diff: neither " + base + " nor " + head + " exists");
      }
      for (String note : sources.notes()) {
        err.println("note: " + note);
      }
      d = ModelDiff.bundled().compare(b, h);
    }
    DiffReports.Context ctx = new DiffReports.Context(base, head, policy);
    String text =
        switch (format) {
          case markdown -> DiffReports.markdown(d, ctx);
          case json -> DiffReports.json(d, ctx);
          case table -> DiffReports.table(d, ctx);
        };
    Output.write(text, out, spec.commandLine().getOut());
    List<String> violations = policy.violations(d);
    if (!violations.isEmpty()) {
      for (String v : violations) {
        err.println("costflow: cost policy failed: " + v);
      }
      return Main.EXIT_POLICY;
    }
    return Main.EXIT_OK;
  }
}
