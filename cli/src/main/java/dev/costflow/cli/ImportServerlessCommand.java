package dev.costflow.cli;

import dev.costflow.importers.arch.ArchitectureImport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "serverless", mixinStandardHelpOptions = true,
    description = {"A model from a Serverless Framework service (serverless.yml).",
        "Functions, their events, provider defaults and the resources: section. Docs: docs/importing-architectures.md"})
public final class ImportServerlessCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SERVERLESS_YML", description = "The service file (serverless.yml).")
  Path file;

  @Option(names = {"--out", "-o"}, paramLabel = "MODEL", description = "Write the model here (atomically); default: standard output.")
  Path out;

  @Option(names = "--stage", description = "The stage (${opt:stage}); default: provider.stage, else dev.")
  String stage;

  @Option(names = "--region", description = "The region (${opt:region}); default: provider.region, else us-east-1.")
  String region;

  @Option(names = "--opt", paramLabel = "KEY=VALUE", description = "Another ${opt:KEY} value (repeatable).")
  List<String> opts = List.of();

  @Option(names = "--name", description = "The model's name (default: the service's name).")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ArchitectureImport.Result r = ArchitectureImport.serverless(file, file.toString(), new ArchitectureImport.ServerlessOptions(
        Optional.ofNullable(stage), Optional.ofNullable(region).map(Regions::check), ImportSamCommand.keyValues(opts, "--opt"), Optional.ofNullable(name)));
    ImportOutput.finish(r, file, out, spec.commandLine());
    return Main.EXIT_OK;
  }
}
