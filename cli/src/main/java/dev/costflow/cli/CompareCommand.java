package dev.costflow.cli;

import dev.costflow.compare.CompareSettings;
import dev.costflow.compare.Comparator;
import dev.costflow.compare.Comparison;
import dev.costflow.compare.Platform;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Diagnostic;
import dev.costflow.reports.CompareReports;
import dev.costflow.services.Ec2Kind;
import dev.costflow.services.FargateKind;
import dev.costflow.services.Fleet;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"The same traffic on containers (Fargate) or VMs (EC2) next to serverless: infrastructure and people's cost, "
        + "the total cost of ownership, and the traffic level where the two cross. Assumptions: docs/compare.md."})
public final class CompareCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json,
    markdown
  }

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (YAML).")
  Path model;

  @Option(names = "--with", required = true, paramLabel = "fargate|ec2", description = "What the functions move to: fargate or ec2.")
  Platform with;

  @Option(names = "--ops-hours-per-month", paramLabel = "H", description = "People's hours a month to run the containers or VMs (default: 8 for fargate, 24 for ec2).")
  Double opsHours;

  @Option(names = "--serverless-ops-hours-per-month", paramLabel = "H", description = "People's hours a month to run the serverless version (default: ${DEFAULT-VALUE}).",
      defaultValue = "2")
  double serverlessOpsHours;

  @Option(names = "--ops-rate-usd", paramLabel = "R", description = "Cost of one hour of an engineer, USD (default: ${DEFAULT-VALUE}).", defaultValue = "100")
  BigDecimal opsRate;

  @Option(names = "--utilization", paramLabel = "U", description = "CPU utilization the fleet is sized to, 0–1 (default: ${DEFAULT-VALUE}).", defaultValue = "0.6")
  double utilization;

  @Option(names = "--min-units", paramLabel = "N", description = "Fewest tasks or instances per function (default: ${DEFAULT-VALUE}, one per availability zone).",
      defaultValue = "2")
  int minUnits;

  @Option(names = "--cpu-fraction", paramLabel = "F", description = "Share of a function's duration that is CPU work, 0–1 (default: ${DEFAULT-VALUE}: CPU-bound).",
      defaultValue = "1")
  double cpuFraction;

  @Option(names = "--scaling", paramLabel = "peak|hourly", description = "Fleet sized to the peak hour for the whole period (default), or each hour to its own load.",
      defaultValue = "peak")
  String scaling;

  @Option(names = "--instance-type", paramLabel = "TYPE", description = "EC2 instance type (default: m7g.large for arm64 functions, m7i.large for x86_64).")
  String instanceType;

  @Option(names = "--task-vcpu", paramLabel = "V", description = "Fargate task vCPU (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  double taskVcpu;

  @Option(names = "--task-memory-gb", paramLabel = "GB", description = "Fargate task memory (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  double taskMemoryGb;

  @Option(names = "--format", defaultValue = "table", description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin ModelOptions modelOptions;

  @Mixin CatalogOptions catalogOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CompareSettings settings = settings();
    Comparison c = Comparator.compare(modelOptions.read(model), settings, new Estimator(catalogOptions.catalog()));
    String text = switch (format) {
      case table -> CompareReports.table(c);
      case json -> CompareReports.json(c);
      case markdown -> CompareReports.markdown(c);
    };
    if (format == Fmt.json) {
      for (Diagnostic d : c.serverless().estimate().warnings()) {
        spec.commandLine().getErr().println(d);
      }
    }
    Output.write(text, out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  CompareSettings settings() {
    if (!(utilization > 0 && utilization <= 1)) {
      throw new UserException("--utilization: must be more than 0 and at most 1, got " + utilization);
    }
    if (!(cpuFraction > 0 && cpuFraction <= 1)) {
      throw new UserException("--cpu-fraction: must be more than 0 and at most 1, got " + cpuFraction);
    }
    if (minUnits < 0 || minUnits > 100_000) {
      throw new UserException("--min-units: must be between 0 and 100000, got " + minUnits);
    }
    if (serverlessOpsHours < 0 || (opsHours != null && opsHours < 0) || opsRate.signum() < 0) {
      throw new UserException("--ops-hours-per-month, --serverless-ops-hours-per-month and --ops-rate-usd must be 0 or more");
    }
    Fleet.Scaling sc = switch (scaling) {
      case "peak" -> Fleet.Scaling.PEAK;
      case "hourly" -> Fleet.Scaling.HOURLY;
      default -> throw new UserException("--scaling: expected peak or hourly, got '" + scaling + "'");
    };
    if (instanceType != null) {
      if (with != Platform.EC2) {
        throw new UserException("--instance-type applies to --with ec2");
      }
      if (!Ec2Kind.TYPES.containsKey(instanceType)) {
        throw new UserException("--instance-type: no price for '" + instanceType + "'; priced types: " + String.join(", ", Ec2Kind.TYPES.keySet()));
      }
    }
    if (with == Platform.FARGATE) {
      FargateKind.sizeProblem(taskVcpu, taskMemoryGb).ifPresent(p -> {
        throw new UserException("--task-vcpu/--task-memory-gb: " + p);
      });
    }
    return new CompareSettings(with, utilization, minUnits, cpuFraction, sc, opsHours != null ? opsHours : CompareSettings.defaultOpsHours(with), serverlessOpsHours,
        opsRate, Optional.ofNullable(instanceType), taskVcpu, taskMemoryGb, CompareSettings.DEFAULT_VOLUME_GB);
  }
}
