package dev.costflow.importers.usage;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import dev.costflow.services.LambdaKind;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlEditor;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Lambda REPORT lines into model values: the measured durations as a {@code samples}
 * file, INIT durations and the cold-start rate, the memory actually used (with a note when the
 * configured memory is oversized), and optionally edits a model in place (comments kept).
 */
public final class LambdaLogImport {
  /** Share of memory used below which the configured size is called oversized. */
  static final double OVERSIZED_SHARE = 0.5;

  /** What the logs say, and what to write. */
  public record Result(
      int invocations,
      int duplicates,
      String samplesText,
      Optional<String> initSamplesText,
      List<String> summary,
      String snippet,
      Optional<String> modelText,
      List<Diagnostic> warnings) {}

  private LambdaLogImport() {}

  /**
   * @param samplesPath how the model refers to the samples file (relative to the model)
   * @param initSamplesPath how the model refers to the INIT samples file
   * @param model the model text to edit, its file name and folder (empty: no model)
   */
  public static Result apply(LambdaLogs.Reading reading, String functionId, String sourceLabel, String samplesPath, String initSamplesPath,
      Optional<String> modelText, String modelName, Path modelDir) {
    List<LambdaLogs.Report> reports = reading.reports();
    int n = reports.size();
    List<Double> durations = new ArrayList<>();
    List<Double> inits = new ArrayList<>();
    Map<Integer, Integer> memorySizes = new LinkedHashMap<>();
    int maxUsed = 0;
    int errors = 0;
    int timeouts = 0;
    double billedSum = 0;
    StringBuilder samples = new StringBuilder();
    samples.append("# Lambda durations in ms, one invocation a line: ").append(n).append(" REPORT records of ").append(functionId)
        .append(" (costflow import lambda-logs ").append(sourceLabel).append(")\n");
    StringBuilder initSamples = new StringBuilder();
    initSamples.append("# Lambda INIT durations in ms of the cold starts among ").append(n).append(" invocations of ").append(functionId).append('\n');
    for (LambdaLogs.Report r : reports) {
      durations.add(r.durationMs());
      samples.append(fmt(r.durationMs())).append('\n');
      billedSum += r.billedDurationMs();
      memorySizes.merge(r.memorySizeMb(), 1, Integer::sum);
      maxUsed = Math.max(maxUsed, r.maxMemoryUsedMb());
      r.initDurationMs().ifPresent(i -> {
        inits.add(i);
        initSamples.append(fmt(i)).append('\n');
      });
      String st = r.status().toLowerCase(Locale.ROOT);
      if (st.equals("timeout")) {
        timeouts++;
      } else if (!st.equals("success")) {
        errors++;
      }
    }
    double[] d = LambdaLogs.sorted(durations);
    double mean = durations.stream().mapToDouble(Double::doubleValue).sum() / n;
    double coldRate = inits.size() / (double) n;
    int memory = memorySizes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(128);

    List<String> summary = new ArrayList<>();
    summary.add(String.format(Locale.ROOT, "%,d invocations%s: duration p50 %s ms, p90 %s ms, p99 %s ms, max %s ms (mean %s ms, mean billed %s ms)",
        n, reading.duplicates() > 0 ? " (" + reading.duplicates() + " repeated reports skipped)" : "",
        fmt(LambdaLogs.quantile(d, 0.5)), fmt(LambdaLogs.quantile(d, 0.9)), fmt(LambdaLogs.quantile(d, 0.99)), fmt(d[d.length - 1]),
        fmt(mean), fmt(billedSum / n)));
    if (!inits.isEmpty()) {
      double[] i = LambdaLogs.sorted(inits);
      summary.add(String.format(Locale.ROOT, "%,d cold starts (%s %% of invocations): INIT p50 %s ms, max %s ms", inits.size(), fmt(coldRate * 100),
          fmt(LambdaLogs.quantile(i, 0.5)), fmt(i[i.length - 1])));
    } else {
      summary.add("no cold starts in these reports (no Init Duration)");
    }
    if (errors + timeouts > 0) {
      summary.add(String.format(Locale.ROOT, "%d invocations ended with an error status and %d timed out (REPORT Status); error_rate is not set from logs, "
          + "which show only crashes and timeouts", errors, timeouts));
    }
    String memLine = "memory " + memory + " MB" + (memorySizes.size() > 1 ? " (the reports show " + memorySizes.keySet() + " MB: the size changed during the logs)" : "")
        + ", at most " + maxUsed + " MB used (" + fmt(100.0 * maxUsed / memory) + " %)";
    boolean oversized = memory > 128 && maxUsed < OVERSIZED_SHARE * memory;
    if (oversized) {
      memLine += ": memory looks oversized — a smaller size costs less per ms, but Lambda's CPU share scales with memory, "
          + "so measure durations at the smaller size before changing it";
    }
    summary.add(memLine);

    Map<String, String> values = new LinkedHashMap<>();
    values.put("duration_ms", "{samples: " + YamlWriter.scalar(YamlWriter.str(samplesPath)) + "}");
    if (!inits.isEmpty()) {
      values.put("init_ms", "{samples: " + YamlWriter.scalar(YamlWriter.str(initSamplesPath)) + "}");
    }
    boolean rateKnown = !inits.isEmpty() || n >= 1000;
    if (rateKnown) {
      values.put("cold_start_rate", NodeReader.fmt(round(coldRate, 6)));
    }
    StringBuilder snippet = new StringBuilder();
    snippet.append("  ").append(functionId).append(":\n");
    snippet.append("    memory_mb: ").append(memory).append('\n');
    for (Map.Entry<String, String> v : values.entrySet()) {
      snippet.append("    ").append(v.getKey()).append(": ").append(v.getValue()).append('\n');
    }

    Optional<String> edited = Optional.empty();
    List<Diagnostic> warnings = new ArrayList<>(reading.warnings());
    if (modelText.isPresent()) {
      edited = Optional.of(edit(modelText.get(), modelName, modelDir, functionId, values, memory, maxUsed, oversized, n, d, inits.size(), warnings));
    }
    return new Result(n, reading.duplicates(), samples.toString(), inits.isEmpty() ? Optional.empty() : Optional.of(initSamples.toString()), summary,
        snippet.toString(), edited, warnings);
  }

  private static String edit(String text, String modelName, Path modelDir, String functionId, Map<String, String> values, int memory, int maxUsed,
      boolean oversized, int n, double[] d, int colds, List<Diagnostic> warnings) {
    Model m = ModelReader.read(text, modelName, modelDir, List.of(), Optional.empty());
    Optional<Service> s = m.service(functionId);
    if (s.isEmpty()) {
      throw new ModelException(Diagnostic.error(Position.of(modelName), "--function " + functionId + ": no service '" + functionId + "' in the model"));
    }
    if (!(s.get().kind() instanceof LambdaKind)) {
      throw new ModelException(Diagnostic.error(s.get().pos(), "--function " + functionId + ": service '" + functionId + "' is " + s.get().type() + ", not aws.lambda"));
    }
    LambdaKind.Spec spec = s.get().spec(LambdaKind.Spec.class);
    YamlEditor ed = new YamlEditor(text, modelName);
    String from = String.format(Locale.ROOT, "from %,d Lambda REPORT records (costflow import lambda-logs): p50 %s ms, p99 %s ms", n,
        fmt(LambdaLogs.quantile(d, 0.5)), fmt(LambdaLogs.quantile(d, 0.99)));
    try {
      for (Map.Entry<String, String> v : values.entrySet()) {
        String comment = switch (v.getKey()) {
          case "duration_ms" -> from;
          case "init_ms" -> "INIT durations of the " + colds + " cold starts in the logs";
          default -> "cold starts seen in the logs: " + colds + " of " + n;
        };
        ed.set(List.of("services", functionId, v.getKey()), YTrees.parse(v.getValue(), "(lambda-logs)"), comment);
      }
      List<String> memNotes = new ArrayList<>();
      if (spec.memoryMb() != memory) {
        memNotes.add("the logs show " + memory + " MB (the model said " + spec.memoryMb() + ")");
      }
      if (oversized) {
        memNotes.add("at most " + maxUsed + " MB used: oversized? CPU scales with memory, so measure durations before shrinking");
      }
      if (!memNotes.isEmpty()) {
        ed.set(List.of("services", functionId, "memory_mb"), YamlWriter.num(memory), String.join("; ", memNotes));
      }
    } catch (YTrees.SyntaxException e) {
      throw new ModelException(Diagnostic.error(e.pos(), e.getMessage()));
    }
    return ed.text();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static String fmt(double v) {
    return NodeReader.fmt(round(v, 3));
  }
}
