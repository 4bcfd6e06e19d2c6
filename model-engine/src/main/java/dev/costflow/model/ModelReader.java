package dev.costflow.model;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceKinds;
import dev.costflow.services.ServiceSpec;
import dev.costflow.traffic.Schedule;
import dev.costflow.traffic.Shapes;
import dev.costflow.traffic.TrafficProfile;
import dev.costflow.traffic.Zones;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and validates a model file (SPEC section 2). Every error carries the file, line and
 * column of the offending value and names its key; all errors of a file are reported together.
 */
public final class ModelReader {
  public static final Pattern SERVICE_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");
  public static final List<String> TOP_KEYS = List.of("costflow", "name", "description", "cloud", "region", "period", "pricing", "limits", "services");
  public static final List<String> LIMITS_KEYS = List.of("concurrency", "sync_retries");
  public static final List<String> PRICING_KEYS = List.of("as_of", "free_tier", "discount_pct", "overrides");
  public static final List<String> SERVICE_KEYS = List.of("type", "description", "traffic", "calls", "log_kb", "tags");
  public static final List<String> TRAFFIC_RATES = List.of("monthly", "daily", "hourly", "rps", "schedule", "series");
  public static final List<String> TRAFFIC_KEYS =
      List.of("monthly", "daily", "hourly", "rps", "schedule", "series", "shape", "peak_to_mean", "growth_pct", "kb", "timezone", "peak_hour");
  public static final List<String> CALL_KEYS = List.of("to", "per_call", "probability", "kb", "op", "batch_size", "batch_window_s", "description");

  /** Service keys allowed per type (the common ones and the type's own). */
  private static final Map<String, Set<String>> ALLOWED_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  private ModelReader() {}

  /** Reads a model file. */
  public static Model read(Path file) {
    return read(file, List.of());
  }

  /** Reads a model file with {@code --set KEY=VALUE} overrides applied first. */
  public static Model read(Path file, List<String> sets) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelException(Diagnostic.error(Position.of(file.toString()), "no such file"));
    } catch (IOException e) {
      throw new ModelException(Diagnostic.error(Position.of(file.toString()), "cannot read the model: " + e.getMessage()));
    } catch (java.io.UncheckedIOException e) {
      throw new ModelException(Diagnostic.error(Position.of(file.toString()), "cannot read the model: " + e.getMessage()));
    }
    Path base = file.toAbsolutePath().getParent();
    return read(text, file.toString(), base == null ? Path.of(".") : base, sets, Optional.of(file));
  }

  /** Reads model text; {@code baseDir} resolves {@code samples:} and {@code series:} files. */
  public static Model read(String text, String fileName, Path baseDir, List<String> sets, Optional<Path> source) {
    YNode root;
    try {
      root = YTrees.parse(text, fileName);
    } catch (YTrees.SyntaxException e) {
      throw new ModelException(Diagnostic.error(e.pos(), e.getMessage()));
    }
    root = applySets(root, sets);
    return read(root, baseDir, source);
  }

  /** Applies {@code KEY=VALUE} settings to a tree (the value is YAML, e.g. {@code {fixed: 3}}). */
  public static YNode applySets(YNode root, List<String> sets) {
    for (String set : sets) {
      int eq = set.indexOf('=');
      String where = "--set " + set;
      if (eq <= 0) {
        throw new ModelException(Diagnostic.error(Position.of(where), "--set takes KEY=VALUE, e.g. services.checkout.memory_mb=2048"));
      }
      String key = set.substring(0, eq).strip();
      String value = set.substring(eq + 1);
      YNode v;
      try {
        v = YTrees.parse(value.isBlank() ? "null" : value, where);
        if (v instanceof YMap m && m.isEmpty() && !value.strip().equals("{}")) {
          v = new YScalar("", YScalar.Kind.NULL, Position.of(where));
        }
      } catch (YTrees.SyntaxException e) {
        throw new ModelException(Diagnostic.error(e.pos(), "--set " + key + ": the value is not valid YAML: " + e.getMessage()));
      }
      try {
        root = YTrees.set(root, resolvePath(root, key), v, Position.of(where));
      } catch (YTrees.SyntaxException e) {
        throw new ModelException(Diagnostic.error(e.pos(), "--set " + key + ": " + e.getMessage()));
      }
    }
    return root;
  }

  /** Splits a dotted key, matching the longest existing key at each mapping (service ids may contain dots). */
  static List<String> resolvePath(YNode root, String dotted) {
    String[] parts = dotted.split("\\.", -1);
    List<String> out = new ArrayList<>();
    YNode at = root;
    int i = 0;
    while (i < parts.length) {
      int take = 1;
      if (at instanceof YMap m) {
        for (int j = parts.length; j > i + 1; j--) {
          String candidate = String.join(".", java.util.Arrays.copyOfRange(parts, i, j));
          if (m.get(candidate).isPresent()) {
            take = j - i;
            break;
          }
        }
      }
      String seg = String.join(".", java.util.Arrays.copyOfRange(parts, i, i + take));
      out.add(seg);
      if (at instanceof YMap m) {
        at = m.get(seg).orElse(null);
      } else if (at instanceof YList l) {
        try {
          int idx = Integer.parseInt(seg);
          at = idx >= 0 && idx < l.items().size() ? l.items().get(idx) : null;
        } catch (NumberFormatException e) {
          at = null;
        }
      } else {
        at = null;
      }
      i += take;
    }
    return out;
  }

  /** Reads a parsed tree. */
  public static Model read(YNode root, Path baseDir, Optional<Path> source) {
    Problems problems = new Problems();
    if (!(root instanceof YMap top)) {
      throw new ModelException(Diagnostic.error(root.pos(), "a model file is a mapping with costflow, name and services; got " + root.describe()));
    }
    NodeReader r = new NodeReader(top, "", problems, baseDir);
    r.rejectUnknown(TOP_KEYS);

    if (!r.has("costflow")) {
      r.errorHere("missing 'costflow: 1' (the format version)");
    } else {
      r.optInteger("costflow", 1, 1, "").ifPresent(v -> {});
    }
    String name = r.optText("name").orElse("");
    if (!r.has("name")) {
      r.errorHere("missing 'name'");
    }
    r.optText("description");
    Cloud cloud = r.choice("cloud", Cloud.AWS, Map.of("aws", Cloud.AWS, "azure", Cloud.AZURE, "gcp", Cloud.GCP));
    String defaultRegion = switch (cloud) {
      case AWS -> "us-east-1";
      case AZURE -> "eastus";
      case GCP -> "us-central1";
    };
    String region = r.text("region", defaultRegion);
    if (!region.matches("^[a-z0-9-]+$")) {
      r.error("region", "'" + region + "' is not a region name (e.g. us-east-1)");
    }
    Period period = readPeriod(r);
    PricingSettings pricing = readPricing(r);
    Limits limits = readLimits(r);

    List<Service> services = new ArrayList<>();
    Optional<YNode> sn = r.node("services");
    if (sn.isEmpty()) {
      r.errorHere("missing 'services' (the services of the architecture)");
    } else if (!(sn.get() instanceof YMap sm)) {
      problems.error(sn.get().pos(), "services: must be a mapping of service ids to services, got " + sn.get().describe());
    } else {
      if (sm.isEmpty()) {
        problems.error(sm.pos(), "services: the model has no services");
      }
      Set<String> ids = new LinkedHashSet<>(sm.keys());
      for (YEntry e : sm.entries()) {
        readService(e, ids, cloud, region, period, baseDir, problems).ifPresent(services::add);
      }
    }
    problems.throwIfErrors();

    Model model = new Model(name, cloud, region, period, pricing, services, List.of(), source, root);
    checkCalls(model, problems);
    for (Service s : services) {
      s.kind().validate(s, model, problems);
    }
    dev.costflow.services.CloudWatchLogsKind.checkUnpricedLogs(model, problems);
    checkCycles(model, problems);
    problems.throwIfErrors();
    return new Model(name, cloud, region, period, pricing, services, problems.warnings(), source, root, limits);
  }

  private static Limits readLimits(NodeReader r) {
    Optional<NodeReader> ln = r.child("limits");
    if (ln.isEmpty()) {
      return Limits.defaults();
    }
    NodeReader l = ln.get();
    l.rejectUnknown(LIMITS_KEYS);
    int concurrency = (int) l.integer("concurrency", Limits.DEFAULT_CONCURRENCY, 1, 10_000_000, "concurrent executions");
    int retries = (int) l.integer("sync_retries", Limits.DEFAULT_SYNC_RETRIES, 0, 10, "retries");
    return new Limits(concurrency, retries);
  }

  private static Period readPeriod(NodeReader r) {
    Optional<YNode> n = r.node("period");
    if (n.isEmpty()) {
      return Period.calculatorMonth();
    }
    if (n.get() instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
      try {
        return Period.ofMonth(YearMonth.parse(s.text().strip()));
      } catch (DateTimeParseException e) {
        r.error("period", "must be a calendar month YYYY-MM (e.g. 2025-11) or {hours: N}, got '" + s.text() + "'");
        return Period.calculatorMonth();
      }
    }
    if (n.get() instanceof YMap) {
      NodeReader p = r.child("period").orElseThrow();
      p.rejectUnknown(List.of("hours"));
      Optional<Long> hours = p.optInteger("hours", 1, 24L * 366 * 5, "hours");
      if (!p.has("hours")) {
        p.errorHere("give {hours: N}");
      }
      return hours.map(h -> Period.ofHours(h.intValue())).orElse(Period.calculatorMonth());
    }
    r.error("period", "must be a calendar month YYYY-MM (e.g. 2025-11) or {hours: N}, got " + n.get().describe());
    return Period.calculatorMonth();
  }

  private static PricingSettings readPricing(NodeReader r) {
    Optional<NodeReader> pn = r.child("pricing");
    if (pn.isEmpty()) {
      return PricingSettings.defaults();
    }
    NodeReader p = pn.get();
    p.rejectUnknown(PRICING_KEYS);
    Optional<LocalDate> asOf = Optional.empty();
    Optional<String> asOfText = p.optText("as_of");
    if (asOfText.isPresent()) {
      try {
        asOf = Optional.of(LocalDate.parse(asOfText.get().strip()));
      } catch (DateTimeParseException e) {
        p.error("as_of", "must be a date YYYY-MM-DD, got '" + asOfText.get() + "'");
      }
    }
    boolean free = p.bool("free_tier", false);
    BigDecimal discount = p.optNumber("discount_pct", 0, 100, "%").map(d -> exactDecimal(p, "discount_pct", d)).orElse(BigDecimal.ZERO);
    Map<String, BigDecimal> overrides = new LinkedHashMap<>();
    Optional<NodeReader> on = p.child("overrides");
    if (on.isPresent()) {
      for (String key : on.get().keys()) {
        if (!key.matches("^[a-z0-9]+(\\.[a-z0-9_]+)+$")) {
          on.get().error(key, "an override names a meter id like aws.lambda.duration, got '" + key + "'");
          continue;
        }
        on.get().optNumber(key, 0, 1e9, "USD per unit").ifPresent(v -> overrides.put(key, exactDecimal(on.get(), key, v)));
      }
    }
    return new PricingSettings(asOf, free, discount, overrides);
  }

  /** The exact decimal written in the file (not the nearest double). */
  private static BigDecimal exactDecimal(NodeReader r, String key, double fallback) {
    Optional<YNode> n = r.map().get(key);
    if (n.isPresent() && n.get() instanceof YScalar s) {
      try {
        return new BigDecimal(s.text().strip().replace("_", ""));
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    return BigDecimal.valueOf(fallback);
  }

  private static Optional<Service> readService(YEntry e, Set<String> ids, Cloud cloud, String region, Period period, Path baseDir, Problems problems) {
    String id = e.key();
    String path = "services." + id;
    if (!SERVICE_ID.matcher(id).matches()) {
      problems.error(e.keyPos(), path + ": service ids use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit; got '" + id + "'");
    }
    if (!(e.value() instanceof YMap sm)) {
      problems.error(e.value().pos(), path + ": must be a mapping with at least 'type', got " + e.value().describe());
      return Optional.empty();
    }
    NodeReader r = new NodeReader(sm, path, problems, baseDir);
    Optional<String> type = r.optText("type");
    if (type.isEmpty()) {
      if (!r.has("type")) {
        r.errorHere("missing 'type' (one of " + String.join(", ", ServiceKinds.types()) + ")");
      }
      return Optional.empty();
    }
    Optional<ServiceKind> kind = ServiceKinds.byType(type.get());
    if (kind.isEmpty()) {
      r.error("type", "unknown service type '" + type.get() + "'" + Suggest.hint(type.get(), ServiceKinds.types()) + "; known types: " + String.join(", ", ServiceKinds.types()));
      return Optional.empty();
    }
    ServiceKind k = kind.get();
    if (k.cloud() != cloud) {
      r.error("type", k.type() + " is a " + k.cloud().id() + " service but the model is priced for cloud: " + cloud.id());
    }
    r.rejectUnknown(ALLOWED_KEYS.computeIfAbsent(k.type(), t -> {
      Set<String> keys = new LinkedHashSet<>(SERVICE_KEYS);
      keys.addAll(k.keys().keySet());
      return Set.copyOf(keys);
    }));
    r.optText("description");
    ServiceSpec spec = k.readSpec(r);
    Optional<Traffic> traffic = r.child("traffic").flatMap(t -> readTraffic(t, region, period, problems));
    List<Call> calls = new ArrayList<>();
    Optional<YList> cl = r.list("calls");
    if (cl.isPresent()) {
      for (int i = 0; i < cl.get().items().size(); i++) {
        readCall(cl.get().items().get(i), path + ".calls[" + i + "]", ids, baseDir, problems).ifPresent(calls::add);
      }
    }
    double logKb = r.number("log_kb", 0, 0, 1024 * 1024, "KB");
    Map<String, String> tags = r.stringMap("tags");
    return Optional.of(new Service(id, k, spec, traffic, calls, logKb, tags, e.keyPos()));
  }

  private static Optional<Traffic> readTraffic(NodeReader t, String region, Period period, Problems problems) {
    t.rejectUnknown(TRAFFIC_KEYS);
    List<String> given = TRAFFIC_RATES.stream().filter(t::has).toList();
    if (given.size() != 1) {
      t.errorHere(given.isEmpty()
          ? "traffic needs exactly one of " + String.join(", ", TRAFFIC_RATES)
          : "traffic takes exactly one of " + String.join(", ", TRAFFIC_RATES) + ", got " + String.join(" and ", given));
      // still read keys to report their problems
    }
    Traffic.Shape shape = t.choice("shape", Traffic.Shape.FLAT,
        Map.of("flat", Traffic.Shape.FLAT, "diurnal", Traffic.Shape.DIURNAL, "weekly", Traffic.Shape.WEEKLY, "business_hours", Traffic.Shape.BUSINESS_HOURS));
    double peak = t.number("peak_to_mean", 2.5, 1, 1000, "");
    if (t.has("peak_to_mean") && peak > 1 && shape == Traffic.Shape.FLAT && !t.has("shape")) {
      t.warning("peak_to_mean", "peak_to_mean has no effect with shape: flat (the default); add shape: diurnal, weekly or business_hours");
    }
    double maxPeak = Shapes.maxPeakToMean(shape);
    if (shape != Traffic.Shape.FLAT && peak >= maxPeak + (shape == Traffic.Shape.BUSINESS_HOURS ? 1e-9 : 0)) {
      t.error("peak_to_mean", "shape " + shape.name().toLowerCase(java.util.Locale.ROOT) + " cannot reach a peak_to_mean of " + NodeReader.fmt(peak)
          + " (the limit is " + NodeReader.fmt(Math.round(maxPeak * 100) / 100.0) + ", when all traffic falls in the busiest hours)");
      peak = 1;
    }
    double growth = t.number("growth_pct", 0, -99, 10_000, "% per month");
    Distribution kb = t.distribution("kb", new Fixed(1), "KB", 10 * 1024 * 1024);
    int peakHour = (int) t.integer("peak_hour", 13, 0, 23, "hour of the day");
    ZoneId zone = Zones.forRegion(region);
    Optional<String> tz = t.optText("timezone");
    boolean explicitZone = false;
    if (tz.isPresent()) {
      try {
        zone = ZoneId.of(tz.get());
        explicitZone = true;
      } catch (DateTimeException e) {
        t.error("timezone", "unknown time zone '" + tz.get() + "' (use an IANA name such as Europe/Berlin, or UTC)");
      }
    }
    Traffic.Rate rate = null;
    if (given.size() == 1) {
      String key = given.get(0);
      switch (key) {
        case "monthly" -> rate = t.optNumber(key, 0, 1e15, "calls per month").map(Traffic.Monthly::new).orElse(null);
        case "daily" -> rate = t.optNumber(key, 0, 1e14, "calls per day").map(Traffic.Daily::new).orElse(null);
        case "hourly" -> rate = t.optNumber(key, 0, 1e13, "calls per hour").map(Traffic.Hourly::new).orElse(null);
        case "rps" -> rate = t.optNumber(key, 0, 1e9, "calls per second").map(Traffic.Rps::new).orElse(null);
        case "schedule" -> {
          Optional<String> expr = t.optText(key);
          if (expr.isPresent()) {
            try {
              rate = new Traffic.ScheduleRate(expr.get().strip(), Schedule.parse(expr.get()));
            } catch (IllegalArgumentException e) {
              t.error(key, e.getMessage());
            }
          }
          if (!explicitZone) {
            zone = ZoneOffset.UTC; // EventBridge schedule rules run in UTC
          }
          if (t.has("shape")) {
            t.warning("shape", "shape is ignored for a schedule: the schedule fixes when calls happen");
          }
        }
        case "series" -> {
          Optional<String> f = t.optText(key);
          if (f.isPresent()) {
            rate = readSeries(t, f.get(), period);
          }
          if (t.has("shape")) {
            t.warning("shape", "shape is ignored for a series: the series fixes when calls happen");
          }
        }
        default -> throw new IllegalStateException(key);
      }
    }
    if (rate == null) {
      return Optional.empty();
    }
    return Optional.of(new Traffic(rate, shape, peak, growth, kb, zone, peakHour, t.map().pos()));
  }

  private static Traffic.Rate readSeries(NodeReader t, String fileName, Period period) {
    Path file = t.baseDir().resolve(fileName).normalize();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      t.error("series", "cannot read series file " + fileName + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    SortedMap<LocalDateTime, Double> counts = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",");
      if (i == 0 && parts.length >= 2 && !Character.isDigit(parts[0].strip().charAt(0))) {
        continue; // header
      }
      Position at = new Position(fileName, i + 1, 1);
      if (parts.length != 2) {
        t.problems().error(at, "series row " + (i + 1) + ": expected 'timestamp,count', got '" + line + "'");
        return null;
      }
      LocalDateTime ts = parseTimestamp(parts[0].strip());
      if (ts == null) {
        t.problems().error(at, "series row " + (i + 1) + ": '" + parts[0].strip() + "' is not a timestamp (ISO 8601, e.g. 2025-11-01T00:00:00Z)");
        return null;
      }
      double c;
      try {
        c = Double.parseDouble(parts[1].strip());
        if (!(c >= 0) || Double.isInfinite(c)) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        t.problems().error(new Position(fileName, i + 1, parts[0].length() + 2), "series row " + (i + 1) + ": count '" + parts[1].strip() + "' is not a number >= 0");
        return null;
      }
      counts.merge(ts.truncatedTo(ChronoUnit.HOURS), c, Double::sum);
    }
    if (counts.isEmpty()) {
      t.error("series", "series file " + fileName + " has no rows");
      return null;
    }
    Traffic.Series s = new Traffic.Series(file, counts);
    if (TrafficProfile.seriesRowsInPeriod(s, period) == 0) {
      t.error("series", "no row of " + fileName + " falls in the period " + period.label());
      return null;
    }
    return s;
  }

  private static LocalDateTime parseTimestamp(String s) {
    try {
      return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Optional<Call> readCall(YNode n, String path, Set<String> ids, Path baseDir, Problems problems) {
    if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
      return Optional.of(new Call(s.text(), new Fixed(1), 1, Optional.empty(), Optional.empty(), Optional.empty(), 0, s.pos()));
    }
    if (!(n instanceof YMap m)) {
      problems.error(n.pos(), path + ": a call is {to: SERVICE, …}, got " + n.describe());
      return Optional.empty();
    }
    NodeReader r = new NodeReader(m, path, problems, baseDir);
    r.rejectUnknown(CALL_KEYS);
    Optional<String> to = r.optText("to");
    if (!r.has("to")) {
      r.errorHere("missing 'to' (the service called)");
    }
    Distribution perCall = r.distribution("per_call", new Fixed(1), "", 1e9);
    double probability = r.number("probability", 1, 0, 1, "");
    Optional<Distribution> kb = r.optDistribution("kb", "KB", 10 * 1024 * 1024);
    Optional<String> op = r.optText("op");
    Optional<Integer> batch = r.optInteger("batch_size", 1, 10_000, "records").map(Long::intValue);
    double window = r.number("batch_window_s", 0, 0, 300, "s");
    r.optText("description");
    if (to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Call(to.get(), perCall, probability, kb, op, batch, window, m.pos()));
  }

  /** Targets exist, ops fit the target, batch settings only on queue/stream → function calls. */
  private static void checkCalls(Model model, Problems problems) {
    Map<String, Service> byId = model.servicesById();
    for (Service s : model.services()) {
      for (int i = 0; i < s.calls().size(); i++) {
        Call c = s.calls().get(i);
        String path = "services." + s.id() + ".calls[" + i + "]";
        Service target = byId.get(c.to());
        if (target == null) {
          problems.error(c.pos(), path + ".to: no service '" + c.to() + "' in the model" + Suggest.hint(c.to(), byId.keySet()));
          continue;
        }
        if (c.op().isEmpty()) {
          Service t = target;
          target.kind().missingOpWarning().ifPresent(w -> problems.warning(c.pos(), path + ": call to " + t.type() + " '" + t.id() + "' has no op; " + w));
        }
        if (c.op().isPresent()) {
          String op = c.op().get();
          if (target.kind().ops().isEmpty()) {
            problems.error(c.pos(), path + ".op: calls into " + target.type() + " take no op, got '" + op + "'");
          } else if (!target.kind().ops().contains(op)) {
            problems.error(c.pos(), path + ".op: unknown op '" + op + "' for " + target.type() + Suggest.hint(op, target.kind().ops())
                + "; expected one of " + String.join(", ", new java.util.TreeSet<>(target.kind().ops())));
          }
        }
        if ((c.batchSize().isPresent() || c.batchWindowS() > 0) && !s.kind().batchesInto(target)) {
          problems.error(c.pos(), path + ": batch_size and batch_window_s apply to calls from a queue or stream to a function, not " + s.type() + " → " + target.type());
        }
      }
    }
  }

  /** A cycle is an error unless every edge on it has probability < 1 (then a warning). */
  private static void checkCycles(Model model, Problems problems) {
    for (List<String> scc : Graphs.cycles(model)) {
      Set<String> members = new LinkedHashSet<>(scc);
      boolean ok = true;
      for (String id : scc) {
        Service s = model.service(id).orElseThrow();
        for (int i = 0; i < s.calls().size(); i++) {
          Call c = s.calls().get(i);
          if (members.contains(c.to()) && c.probability() >= 1) {
            ok = false;
            problems.error(c.pos(), "services." + id + ".calls[" + i + "]: this call closes a cycle (" + String.join(" → ", scc) + " → " + scc.get(0)
                + "); every call on a cycle needs probability < 1 so that the calls die out");
          }
        }
      }
      if (ok) {
        problems.warning(model.service(scc.get(0)).orElseThrow().pos(),
            "services: cycle " + String.join(" → ", scc) + " → " + scc.get(0) + " is summed as a geometric series");
      }
    }
  }
}
