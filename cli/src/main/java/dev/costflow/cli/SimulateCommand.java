package dev.costflow.cli;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.reports.SimulateReports;
import dev.costflow.sim.Comparison;
import dev.costflow.sim.SimOptions;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "simulate",
    description = {
      "Monte Carlo runs of the model's period: the cost distribution (mean, p5, p50, p95) per service and in total, "
          + "and for functions cold starts, billed INIT, throttles and peak concurrency.",
      "--compare HEAD simulates a second model with the same random numbers and reports the paired difference."
    },
    mixinStandardHelpOptions = true)
public final class SimulateCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json,
    markdown
  }

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "100", description = "Periods to simulate, 1 to 100,000 (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the random numbers: the same seed gives the same result (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--compare", paramLabel = "HEAD", description = "A second model to compare with MODEL, run for run with common random numbers.")
  Path compare;

  @Option(names = "--compare-set", paramLabel = "KEY=VALUE",
      description = "Change one value of the compared model only (repeatable); without --compare, MODEL is compared with itself so changed.")
  List<String> compareSets = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Threads running the simulation (default: the machine's cores; results do not depend on it).")
  Integer threads;

  @Option(names = "--format", defaultValue = "table", description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin ModelOptions modelOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (runs < 1 || runs > SimOptions.MAX_RUNS) {
      throw new UserException("--runs: expected a number of runs from 1 to " + String.format(java.util.Locale.US, "%,d", SimOptions.MAX_RUNS) + ", got " + runs);
    }
    if (threads != null && (threads < 1 || threads > 1024)) {
      throw new UserException("--threads: expected 1 to 1024, got " + threads);
    }
    SimOptions options = new SimOptions(runs, seed, threads != null ? threads : Runtime.getRuntime().availableProcessors());
    Model base = modelOptions.read(model);
    Simulator simulator = Simulator.bundled();
    String text;
    List<Diagnostic> warnings = new ArrayList<>(base.warnings());
    if (compare != null || !compareSets.isEmpty()) {
      List<String> sets = new ArrayList<>(modelOptions.allSets());
      sets.addAll(compareSets);
      Model head = ModelReader.read(compare != null ? compare : model, sets);
      for (Diagnostic d : head.warnings()) {
        if (!warnings.contains(d)) {
          warnings.add(d);
        }
      }
      Comparison c = simulator.compare(base, head, options);
      text = switch (format) {
        case table -> SimulateReports.table(c);
        case json -> SimulateReports.json(c);
        case markdown -> SimulateReports.markdown(c);
      };
    } else {
      Simulation s = simulator.simulate(base, options);
      text = switch (format) {
        case table -> SimulateReports.table(s);
        case json -> SimulateReports.json(s);
        case markdown -> SimulateReports.markdown(s);
      };
      if (format == Fmt.table) {
        warnings.clear(); // the table lists them
      }
    }
    if (format != Fmt.table || compare != null || !compareSets.isEmpty()) {
      for (Diagnostic d : warnings) {
        spec.commandLine().getErr().println(d);
      }
    }
    Output.write(text, out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }
}
