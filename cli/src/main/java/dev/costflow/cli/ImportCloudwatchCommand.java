package dev.costflow.cli;

import dev.costflow.importers.usage.CloudWatchImport;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.ModelReader;
import dev.costflow.model.ModelException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

@Command(name = "cloudwatch", mixinStandardHelpOptions = true,
    description = {"Measured traffic, durations and error rates from CloudWatch metrics into a model.",
        "GetMetricData: hourly traffic series at the entry points, Lambda duration percentiles, error rates.",
        "Credentials come from the AWS default provider chain. Docs: docs/importing-architectures.md"})
public final class ImportCloudwatchCommand implements Callable<Integer> {
  /** CloudWatch keeps hourly data points for 455 days. */
  static final long MAX_DAYS = 455;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The model to fill (it is not changed; see --out).")
  Path model;

  @Option(names = "--start", required = true, paramLabel = "DATE", description = "First day measured (YYYY-MM-DD, UTC).")
  String start;

  @Option(names = "--end", required = true, paramLabel = "DATE", description = "Day after the last day measured (YYYY-MM-DD, UTC; exclusive, as in AWS APIs).")
  String end;

  @Option(names = {"--out", "-o"}, required = true, paramLabel = "MODEL2", description = "The filled model (written atomically; series files go to MODEL2's folder).")
  Path out;

  @Option(names = "--region", description = "Region of the metrics (default: the model's region).")
  String region;

  @Option(names = "--map", paramLabel = "ID=NAME", description = "The CloudWatch name of a service: function name, queue name, topic name, REST API name or HTTP API id (repeatable).")
  List<String> maps = List.of();

  @Option(names = "--endpoint-url", paramLabel = "URL", description = "CloudWatch endpoint (default: AWS_ENDPOINT_URL_MONITORING, AWS_ENDPOINT_URL_CLOUDWATCH or AWS_ENDPOINT_URL, else AWS's).")
  String endpointUrl;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LocalDate from = date("--start", start);
    LocalDate to = date("--end", end);
    if (!to.isAfter(from)) {
      throw new UserException("--end " + end + " must be after --start " + start + " (--end is the day after the last day measured)");
    }
    if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      throw new UserException("--start/--end: CloudWatch keeps hourly data for " + MAX_DAYS + " days; choose a shorter window");
    }
    String text = read(model);
    Path modelDir = dir(model);
    String reg = region != null ? Regions.check(region) : ModelReader.read(text, model.toString(), modelDir, List.of(), Optional.empty()).region();
    Optional<URI> endpoint;
    try {
      endpoint = CloudWatchImport.endpoint(Optional.ofNullable(endpointUrl), System::getenv);
    } catch (IllegalArgumentException e) {
      throw new UserException("--endpoint-url: " + e.getMessage());
    }
    Map<String, String> names = ImportSamCommand.keyValues(maps, "--map");
    String stem = out.getFileName().toString().replaceAll("\\.(ya?ml)$", "");
    String seriesDir = stem + ".series";
    CloudWatchImport.Result r;
    try (CloudWatchClient cw = CloudWatchImport.client(reg, endpoint, Optional.empty())) {
      r = CloudWatchImport.run(cw, text, model.toString(), modelDir, seriesDir, new CloudWatchImport.Options(from, to, names));
    } catch (SdkException e) {
      throw new UserException("costflow: CloudWatch (" + reg + endpoint.map(u -> ", " + u).orElse("") + "): " + e.getMessage(), e);
    }
    Path outDir = dir(out);
    for (Map.Entry<String, String> f : r.seriesFiles().entrySet()) {
      Output.writeAtomically(outDir.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    try {
      ModelReader.read(r.modelText(), out.toString(), outDir, List.of(), Optional.empty());
    } catch (ModelException e) {
      throw new IllegalStateException("the filled model does not read back (a bug): " + e.getMessage(), e);
    }
    Output.writeAtomically(out, r.modelText().getBytes(StandardCharsets.UTF_8));
    var err = spec.commandLine().getErr();
    for (Diagnostic d : r.warnings()) {
      err.println(d);
    }
    err.println("costflow: imported CloudWatch metrics " + from + " to " + to.minusDays(1) + " (" + reg + ") into " + out + ":");
    for (String line : r.summary()) {
      err.println("  " + line);
    }
    err.flush();
    return Main.EXIT_OK;
  }

  static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UserException(option + ": expected a date YYYY-MM-DD, got '" + value + "'");
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(dev.costflow.yaml.Position.of(file.toString()), "no such file"));
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ModelException(Diagnostic.error(dev.costflow.yaml.Position.of(file.toString()), "cannot read: " + e.getMessage()));
    }
  }

  static Path dir(Path file) {
    Path p = file.toAbsolutePath().getParent();
    return p == null ? Path.of(".").toAbsolutePath() : p;
  }
}
