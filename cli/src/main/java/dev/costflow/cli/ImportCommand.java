package dev.costflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code costflow import …}: bring billing data, usage or an architecture in. */
@Command(
    name = "import",
    description = "Bring billing data, usage or an architecture in.",
    mixinStandardHelpOptions = true,
    subcommands = {
      // one subcommand per line (keeps merges of new importers simple)
      ImportCurCommand.class,
      ImportCur2Command.class,
      ImportFocusCommand.class,
      ImportCeCommand.class,
      ImportSamCommand.class,
      ImportServerlessCommand.class,
      ImportCloudwatchCommand.class,
      ImportLambdaLogsCommand.class,
    })
public final class ImportCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name what to import, e.g. costflow import cur report.csv.gz, or costflow import sam template.yaml --out model.yaml");
  }
}
