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
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

  /** Largest JSON document read whole (text logs and JSON Lines are streamed, any size). */
  static final long MAX_BYTES = 256L * 1024 * 1024;

  private static final Pattern REPORT = Pattern.compile("REPORT RequestId:\\s*(\\S+)");
  private static final Pattern FIELD = Pattern.compile("(Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration|Restore Duration|Billed Restore Duration|Status):\\s*([^\\t\\n]*?)(?=\\s*(?:\\t|$|\\s(?:Duration|Billed Duration|Memory Size|Max Memory Used|Init Duration|Restore Duration|Billed Restore Duration|Status|XRAY TraceId):))");

  private final Problems problems = new Problems();
  private final List<Report> reports = new ArrayList<>();
  private final Set<String> seen = new java.util.HashSet<>();
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

  /**
   * Reads one file, streaming: text logs and JSON Lines line by line (any size); a JSON document
   * (an array, or an object over several lines) whole, up to {@link #MAX_BYTES}.
   */
  private void readFile(Path file, String name) {
    try (BufferedReader in = open(file)) {
      String line;
      int lineNo = 0;
      String first = null;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (!line.isBlank()) {
          first = line;
          break;
        }
      }
      if (first == null) {
        return;
      }
      String t = first.strip();
      boolean jsonLines = false;
      if (t.startsWith("{")) {
        try {
          YTrees.parseJson(t, name);
          jsonLines = true;
        } catch (YTrees.SyntaxException e) {
          jsonLines = false;
        }
      }
      if (t.startsWith("[") || (t.startsWith("{") && !jsonLines)) {
        wholeDocument(in, first, lineNo, name);
        return;
      }
      int n = lineNo;
      line = first;
      do {
        if (jsonLines) {
          jsonLine(line, n, name);
        } else {
          scanText(line, new Position(name, n, 1));
        }
        n++;
      } while ((line = in.readLine()) != null);
    } catch (NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "no such file"));
    } catch (CharacterCodingException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "not a text log (not UTF-8, and not gzip)"));
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "a damaged gzip file (" + e.getMessage() + ")"));
    } catch (IOException e) {
      throw new ModelException(Diagnostic.error(Position.of(name), "cannot read: " + e.getMessage()));
    }
  }

  private void wholeDocument(BufferedReader in, String first, int firstLine, String name) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < firstLine; i++) {
      b.append('\n'); // keep line numbers
    }
    b.append(first).append('\n');
    char[] buf = new char[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      b.append(buf, 0, n);
      if (b.length() > MAX_BYTES) {
        throw new ModelException(Diagnostic.error(Position.of(name), "a JSON document larger than " + MAX_BYTES / (1024 * 1024)
            + " MB; export the logs as text or JSON Lines (read line by line, any size)"));
      }
    }
    try {
      walk(YTrees.parseJson(b.toString(), name));
    } catch (YTrees.SyntaxException e) {
      problems.error(e.pos(), e.getMessage());
    }
  }

  /** One line of JSON Lines (Lambda's JSON log format exported line by line). */
  private void jsonLine(String line, int n, String name) {
    String t = line.strip();
    if (t.isEmpty()) {
      return;
    }
    if (!t.startsWith("{")) {
      scanText(line, new Position(name, n, 1));
      return;
    }
    try {
      walk(YTrees.parseJson(t, name));
    } catch (YTrees.SyntaxException e) {
      problems.error(new Position(name, n, e.pos().column()), e.getMessage());
    }
  }

  /** A reader over the file, gunzipped when it starts with gzip's magic bytes; invalid UTF-8 is an error. */
  private static BufferedReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b1 = raw.read();
    int b2 = raw.read();
    raw.reset();
    InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
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
    int r = line.indexOf("REPORT RequestId:");
    if (r < 0) {
      return;
    }
    int idStart = r + "REPORT RequestId:".length();
    while (idStart < line.length() && line.charAt(idStart) == ' ') {
      idStart++;
    }
    int idEnd = idStart;
    while (idEnd < line.length() && !Character.isWhitespace(line.charAt(idEnd))) {
      idEnd++;
    }
    String requestId = line.substring(idStart, idEnd);
    String rest = line.substring(idEnd);
    Map<String, String> fields = new HashMap<>();
    if (rest.indexOf('\t') >= 0) {
      // the usual form: tab-separated "Name: value" fields
      for (String part : rest.split("\t")) {
        int colon = part.indexOf(": ");
        if (colon > 0) {
          fields.putIfAbsent(part.substring(0, colon).strip(), part.substring(colon + 2).strip());
        }
      }
    } else {
      // an export that turned the tabs into spaces
      Matcher f = FIELD.matcher(rest);
      while (f.find()) {
        fields.putIfAbsent(f.group(1), f.group(2).strip());
      }
    }
    Position col = new Position(at.file(), at.line(), at.column() + r);
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
    double v = number(value, " ms");
    if (Double.isNaN(v)) {
      problems.error(at, "REPORT line: " + field + " is '" + value + "', expected a number of ms");
      return Optional.empty();
    }
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
    double v = number(value, " MB");
    if (Double.isNaN(v) || v != Math.rint(v) || v > 1_000_000) {
      problems.error(at, "REPORT line: " + field + " is '" + value + "', expected a number of MB");
      return Optional.empty();
    }
    return Optional.of((int) v);
  }

  /** "123.45 ms" → 123.45 (digits and one dot only); NaN when it is not that. */
  private static double number(String value, String unit) {
    String v = value.strip();
    if (!v.endsWith(unit.strip())) {
      return Double.NaN;
    }
    String num = v.substring(0, v.length() - unit.strip().length()).strip();
    if (num.isEmpty() || num.length() > 20) {
      return Double.NaN;
    }
    boolean dot = false;
    for (int i = 0; i < num.length(); i++) {
      char c = num.charAt(i);
      if (c == '.' && !dot && i > 0 && i < num.length() - 1) {
        dot = true;
      } else if (c < '0' || c > '9') {
        return Double.NaN;
      }
    }
    return Double.parseDouble(num);
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
