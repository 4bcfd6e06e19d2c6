package dev.costflow.importers.usage;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.ModelException;
import dev.costflow.model.Problems;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads AWS Lambda's per-invocation reports from log files: the text {@code REPORT RequestId: …
 * Duration: … ms Billed Duration: … ms Memory Size: … MB Max Memory Used: … MB [Init Duration: … ms]}
 * lines (plain log exports, or inside JSON such as CloudWatch Logs subscription payloads and
 * {@code aws logs filter-log-events} output) and the JSON {@code platform.report} records of
 * Lambda's JSON log format and Telemetry API. Files may be gzip-compressed. Reports seen twice
 * (same request id) count once.
 */
public final class LambdaLogs {
  /** One invocation's report. */
  public record Report(String requestId, double durationMs, double billedDurationMs, int memorySizeMb, int maxMemoryUsedMb,
      Optional<Double> initDurationMs, String status, Position pos) {}

  /** Everything read from the files. */
  public record Reading(List<Report> reports, int duplicates, List<Diagnostic> warnings) {
    public Reading {
      reports = List.copyOf(reports);
      warnings = List.copyOf(warnings);
    }
  }

  /** Largest file read (uncompressed): logs beyond this should be sampled first. */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private static final Pattern REPORT = Pattern.compile("REPORT RequestId:\\s*(\\S+)");
  private static final Pattern FIELD = Pattern.compile("(Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration|Restore Duration|Billed Restore Duration|Status):\\s*([^\\t\\n]*?)(?=\\s*(?:\\t|$|\\s(?:Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration|Restore Duration|Billed Restore Duration|Status|XRAY TraceId):))");
  private static final Pattern MS = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)\\s*ms$");
  private static final Pattern MB = Pattern.compile("^([0-9]+)\\s*MB$");

  private final Problems problems = new Problems();
  private final List<Report> reports = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private int duplicates;

  private LambdaLogs() {}

  /** Reads log files (shown under the given names in messages); bad input throws a {@link ModelException}. */
  public static Reading read(List<Path> files, List<String> names) {
    LambdaLogs l = new LambdaLogs();
    for (int i = 0; i < files.size(); i++) {
      l.readFile(files.get(i), names.get(i));
    }
    if (l.reports.isEmpty() && !l.problems.hasErrors()) {
      l.problems.error(Position.of(names.isEmpty() ? "(no file)" : names.get(0)),
          "no REPORT lines or platform.report records found (is this a Lambda function's log?)");
    }
    l.problems.throwIfErrors();
    return new Reading(l.reports, l.duplicates, l.problems.warnings());
  }

  private void readFile(Path file, String name) {
    String text = text(file, name);
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        walk(YTrees.parseJson(text, name));
        return;
      } catch (YTrees.SyntaxException e) {
        if (!trimmed.startsWith("{") || !e.getMessage().contains("after the document")) {
          problems.error(e.pos(), e.getMessage());
          return;
        }
      }
      jsonLines(text, name);
      return;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      scanText(lines[i], new Position(name, i + 1, 1));
    }
  }

  /** One JSON document a line (Lambda's JSON log format exported line by line). */
  private void jsonLines(String text, String name) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("{")) {
        scanText(lines[i], new Position(name, i + 1, 1));
        continue;
      }
      try {
        walk(YTrees.parseJson(line, name));
      } catch (YTrees.SyntaxException e) {
        problems.error(new Position(name, i + 1, e.pos().column()), e.getMessage());
      }
    }
  }

  private static String text(Path file, String name) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ModelException(Diagnostic.error(Position.of(name), "the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB; sample the logs first"));
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        bytes = gunzip(bytes, name);
      }
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "no such file"));
    } catch (CharacterCodingException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "not a text log (not UTF-8, and not gzip)"));
    } catch (IOException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "cannot read: " + e.getMessage()));
    }
  }

  private static byte[] gunzip(byte[] bytes, String name) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      byte[] buf = new byte[65536];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw new ModelException(Diagnostic.error(Position.of(name), "the file uncompresses to more than " + MAX_BYTES / (1024 * 1024) + " MB; sample the logs first"));
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "a damaged gzip file (" + e.getMessage() + ")"));
    }
  }

  /** Finds reports anywhere in a JSON tree: platform.report records and log messages. */
  private void walk(YNode n) {
    if (n instanceof YList l) {
      for (YNode i : l.items()) {
        walk(i);
      }
      return;
    }
    if (!(n instanceof YMap m)) {
      return;
    }
    Optional<YNode> type = m.get("type");
    if (type.isPresent() && type.get() instanceof YScalar t && t.text().equals("platform.report")) {
      platformReport(m);
      return;
    }
    for (YEntry e : m.entries()) {
      if (e.key().equals("message") && e.value() instanceof YScalar s) {
        message(s);
      } else {
        walk(e.value());
      }
    }
  }

  /** A log message: a REPORT line, or (JSON log format) a platform.report record as a JSON string. */
  private void message(YScalar s) {
    String t = s.text().strip();
    if (t.startsWith("{") && t.contains("platform.report")) {
      try {
        walk(YTrees.parseJson(t, s.pos().file()));
      } catch (YTrees.SyntaxException e) {
        problems.error(s.pos(), "a log message that looks like a JSON platform.report is not valid JSON: " + e.getMessage());
      }
      return;
    }
    for (String line : s.text().split("\n")) {
      scanText(line, s.pos());
    }
  }

  private void scanText(String line, Position at) {
    Matcher m = REPORT.matcher(line);
    if (!m.find()) {
      return;
    }
    String requestId = m.group(1);
    String rest = line.substring(m.end());
    Map<String, String> fields = new HashMap<>();
    Matcher f = FIELD.matcher(rest);
    while (f.find()) {
      fields.putIfAbsent(f.group(1), f.group(2).strip());
    }
    Position col = new Position(at.file(), at.line(), at.column() + m.start());
    Optional<Double> duration = ms(fields.get("Duration"), "Duration", col);
    Optional<Double> billed = ms(fields.get("Billed Duration"), "Billed Duration", col);
    Optional<Integer> memory = mb(fields.get("Memory Size"), "Memory Size", col);
    Optional<Integer> used = mb(fields.get("Max Memory Used"), "Max Memory Used", col);
    Optional<Double> init = fields.containsKey("Init Duration") ? ms(fields.get("Init Duration"), "Init Duration", col) : Optional.empty();
    if (duration.isEmpty() || memory.isEmpty() || used.isEmpty()) {
      return; // reported by ms() / mb()
    }
    add(new Report(requestId, duration.get(), billed.orElse(Math.ceil(duration.get())), memory.get(), used.get(), init,
        fields.getOrDefault("Status", "success"), col));
  }

  private Optional<Double> ms(String value, String field, Position at) {
    if (value == null) {
      problems.error(at, "REPORT line without '" + field + ": N ms'");
      return Optional.empty();
    }
    Matcher m = MS.matcher(value);
    if (!m.matches()) {
      problems.error(at, "REPORT line: " + field + " is '" + value + "', expected a number of ms");
      return Optional.empty();
    }
    double v = Double.parseDouble(m.group(1));
    if (v > 15 * 60 * 1000 + 1000) {
      problems.error(at, "REPORT line: " + field + " " + value + " is longer than Lambda's 15-minute limit");
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private Optional<Integer> mb(String value, String field, Position at) {
    if (value == null) {
      problems.error(at, "REPORT line without '" + field + ": N MB'");
      return Optional.empty();
    }
    Matcher m = MB.matcher(value);
    if (!m.matches() || m.group(1).length() > 6) {
      problems.error(at, "REPORT line: " + field + " is '" + value + "', expected a number of MB");
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(m.group(1)));
  }

  private void platformReport(YMap m) {
    Optional<YMap> record = m.get("record").filter(YMap.class::isInstance).map(YMap.class::cast);
    Optional<YMap> metrics = record.flatMap(r -> r.get("metrics")).filter(YMap.class::isInstance).map(YMap.class::cast);
    if (metrics.isEmpty()) {
      problems.error(m.pos(), "platform.report record without record.metrics");
      return;
    }
    YMap mt = metrics.get();
    Optional<Double> duration = number(mt, "durationMs");
    Optional<Double> memory = number(mt, "memorySizeMB");
    Optional<Double> used = number(mt, "maxMemoryUsedMB");
    if (duration.isEmpty() || memory.isEmpty() || used.isEmpty()) {
      problems.error(mt.pos(), "platform.report record.metrics needs durationMs, memorySizeMB and maxMemoryUsedMB (numbers)");
      return;
    }
    if (duration.get() < 0 || duration.get() > 15 * 60 * 1000 + 1000 || memory.get() < 1 || used.get() < 0) {
      problems.error(mt.pos(), "platform.report record.metrics: values out of range (duration " + duration.get() + " ms, memory " + memory.get() + " MB)");
      return;
    }
    String requestId = record.flatMap(r -> r.get("requestId")).filter(YScalar.class::isInstance).map(s -> ((YScalar) s).text()).orElse("");
    String status = record.flatMap(r -> r.get("status")).filter(YScalar.class::isInstance).map(s -> ((YScalar) s).text()).orElse("success");
    add(new Report(requestId, duration.get(), number(mt, "billedDurationMs").orElse(Math.ceil(duration.get())), (int) Math.round(memory.get()),
        (int) Math.round(used.get()), number(mt, "initDurationMs"), status, m.pos()));
  }

  private Optional<Double> number(YMap m, String key) {
    Optional<YNode> v = m.get(key);
    if (v.isEmpty() || !(v.get() instanceof YScalar s) || !s.isNumber()) {
      if (v.isPresent() && !(v.get() instanceof YScalar s2 && s2.kind() == YScalar.Kind.NULL)) {
        problems.error(v.get().pos(), "platform.report metrics." + key + " must be a number, got " + v.get().describe());
      }
      return Optional.empty();
    }
    return Optional.of(Double.parseDouble(s.text()));
  }

  private void add(Report r) {
    if (!r.requestId().isEmpty() && !seen.add(r.requestId())) {
      duplicates++;
      return;
    }
    reports.add(r);
  }

  /** The q-quantile (nearest rank) of values. */
  public static double quantile(double[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[i];
  }

  static double[] sorted(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v;
  }
}
