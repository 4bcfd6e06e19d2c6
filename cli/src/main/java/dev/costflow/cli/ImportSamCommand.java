package dev.costflow.cli;

import dev.costflow.importers.arch.ArchitectureImport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sam", mixinStandardHelpOptions = true,
    description = {"A model from an AWS SAM or CloudFormation template (YAML or JSON).",
        "Traffic, durations and call counts a template cannot know are written as marked PLACEHOLDERs;",
        "calls inferred from environment variables and permissions are marked for review.",
        "Docs: docs/importing-architectures.md"})
public final class ImportSamCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The SAM or CloudFormation template (.yaml, .yml, .json).")
  Path template;

  @Option(names = {"--out", "-o"}, paramLabel = "MODEL", description = "Write the model here (atomically); default: standard output.")
  Path out;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Region the template is deployed to (AWS::Region; default: ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--stack-name", paramLabel = "NAME", description = "The stack's name (AWS::StackName, and the aws:cloudformation:stack-name tag).")
  String stackName;

  @Option(names = "--parameter", paramLabel = "KEY=VALUE", description = "A template parameter's value (repeatable); parameters not given use their Default.")
  List<String> parameters = List.of();

  @Option(names = "--name", description = "The model's name (default: the template's file or folder name).")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> params = keyValues(parameters, "--parameter");
    ArchitectureImport.Result r = ArchitectureImport.sam(template, template.toString(),
        new ArchitectureImport.SamOptions(Regions.check(region), Optional.ofNullable(stackName), params, Optional.ofNullable(name)));
    ImportOutput.finish(r, template, out, spec.commandLine());
    return Main.EXIT_OK;
  }

  static Map<String, String> keyValues(List<String> given, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String kv : given) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UserException(option + ": expected KEY=VALUE, got '" + kv + "'");
      }
      out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1));
    }
    return out;
  }
}
