package dev.costflow.cli;

import dev.costflow.importers.usage.LambdaLogImport;
import dev.costflow.importers.usage.LambdaLogs;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lambda-logs", mixinStandardHelpOptions = true,
    description = {"Durations, cold starts and memory of one function from its REPORT log lines.",
        "Text, JSON, JSON Lines (platform.report) or gzip: a samples file of durations, INIT durations, the cold-start rate, the memory used.",
        "With --model and --out, the function's service in the model is updated (comments kept).",
        "Docs: docs/importing-architectures.md"})
public final class ImportLambdaLogsCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files of the function.")
  List<Path> files;

  @Option(names = "--function", required = true, paramLabel = "ID", description = "The function's service id in the model.")
  String function;

  @Option(names = "--model", paramLabel = "MODEL", description = "A model to update (needs --out).")
  Path model;

  @Option(names = {"--out", "-o"}, paramLabel = "MODEL2", description = "Where the updated model goes (atomically; may be MODEL itself).")
  Path out;

  @Option(names = "--samples", paramLabel = "FILE", description = "The durations file to write (default: ID.durations.txt next to MODEL2, or here).")
  Path samples;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!dev.costflow.model.ModelReader.SERVICE_ID.matcher(function).matches()) {
      throw new UserException("--function: '" + function + "' is not a service id");
    }
    if ((model == null) != (out == null)) {
      throw new UserException(model == null ? "--out needs --model (the model to update)" : "--model needs --out (where the updated model goes)");
    }
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      names.add(f.toString());
    }
    LambdaLogs.Reading reading = LambdaLogs.read(files, names);
    Path baseDir = out != null ? ImportCloudwatchCommand.dir(out) : Path.of("").toAbsolutePath();
    Path samplesFile = samples != null ? samples.toAbsolutePath() : baseDir.resolve(function + ".durations.txt");
    Path initFile = samplesFile.resolveSibling(samplesFile.getFileName().toString().replaceAll("(\\.durations)?\\.txt$", "") + ".init-durations.txt");
    String samplesRef = relative(baseDir, samplesFile);
    String initRef = relative(baseDir, initFile);
    Optional<String> text = model == null ? Optional.empty() : Optional.of(ImportCloudwatchCommand.read(model));
    String label = files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    LambdaLogImport.Result r = LambdaLogImport.apply(reading, function, label, samplesRef, initRef, text,
        model == null ? "" : model.toString(), model == null ? baseDir : ImportCloudwatchCommand.dir(model));
    Output.writeAtomically(samplesFile, r.samplesText().getBytes(StandardCharsets.UTF_8));
    r.initSamplesText().ifPresent(t -> Output.writeAtomically(initFile, t.getBytes(StandardCharsets.UTF_8)));
    var err = spec.commandLine().getErr();
    for (Diagnostic d : r.warnings()) {
      err.println(d);
    }
    if (r.modelText().isPresent()) {
      try {
        ModelReader.read(r.modelText().get(), out.toString(), baseDir, List.of(), Optional.empty());
      } catch (ModelException e) {
        throw new IllegalStateException("the updated model does not read back (a bug): " + e.getMessage(), e);
      }
      Output.writeAtomically(out, r.modelText().get().getBytes(StandardCharsets.UTF_8));
    } else {
      spec.commandLine().getOut().print("# add to services." + function + " of your model:\n" + r.snippet());
      spec.commandLine().getOut().flush();
    }
    err.println("costflow: read " + label + " for " + function + " -> " + samplesFile.getFileName()
        + (r.initSamplesText().isPresent() ? " and " + initFile.getFileName() : "") + (out != null ? ", " + out : "") + ":");
    for (String line : r.summary()) {
      err.println("  " + line);
    }
    err.flush();
    return Main.EXIT_OK;
  }

  static String relative(Path base, Path file) {
    Path rel = base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    return rel.toString().replace('\\', '/');
  }
}
