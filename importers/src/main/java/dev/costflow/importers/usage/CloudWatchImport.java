package dev.costflow.importers.usage;

import dev.costflow.model.Call;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Service;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlEditor;
import dev.costflow.yaml.YamlWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Fills a model with what CloudWatch measured over a window (GetMetricData): per function the
 * invocations (an hourly traffic series at entry points), the duration percentiles (a
 * {@code percentiles} distribution), the error rate and the peak concurrency; API request
 * counts, queue and topic message counts as hourly series at entry points. The model is edited
 * in place, so its comments survive. Services are matched to metrics by {@code --map ID=NAME},
 * the {@code costflow:resource-name} tag, or (through ListMetrics) the names CloudFormation
 * generates from the {@code aws:cloudformation:logical-id} tag.
 */
public final class CloudWatchImport {
  /** GetMetricData takes at most 500 queries a request. */
  static final int MAX_QUERIES = 500;

  /** What to import: the window [start, end) in whole UTC days, and service id → metric name overrides. */
  public record Options(LocalDate start, LocalDate end, Map<String, String> names) {
    public Options {
      names = Map.copyOf(names);
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("--end must be after --start");
      }
    }

    Instant from() {
      return start.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant to() {
      return end.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    int hours() {
      return (int) Duration.between(from(), to()).toHours();
    }
  }

  /** The edited model, the series files it refers to (path relative to the model → CSV) and what happened. */
  public record Result(String modelText, Map<String, String> seriesFiles, List<String> summary, List<Diagnostic> warnings) {}

  /** How a service type shows in CloudWatch. */
  private record Source(String namespace, String metric, String dimension, String what) {}

  private static final Map<String, Source> SOURCES = Map.of(
      "aws.lambda", new Source("AWS/Lambda", "Invocations", "FunctionName", "invocations"),
      "aws.apigateway.rest", new Source("AWS/ApiGateway", "Count", "ApiName", "requests"),
      "aws.apigateway.http", new Source("AWS/ApiGateway", "Count", "ApiId", "requests"),
      "aws.apigateway.websocket", new Source("AWS/ApiGateway", "MessageCount", "ApiId", "messages"),
      "aws.sqs", new Source("AWS/SQS", "NumberOfMessagesSent", "QueueName", "messages sent"),
      "aws.sns", new Source("AWS/SNS", "NumberOfMessagesPublished", "TopicName", "messages published"));

  private final CloudWatchClient cw;
  private final Options opts;
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final Map<String, List<String>> listed = new LinkedHashMap<>();

  private CloudWatchImport(CloudWatchClient cw, Options opts) {
    this.cw = cw;
    this.opts = opts;
  }

  /** A CloudWatch client: credentials from the default chain (unless given), the endpoint override if any. */
  public static CloudWatchClient client(String region, Optional<URI> endpoint, Optional<AwsCredentialsProvider> credentials) {
    var b = CloudWatchClient.builder()
        .region(Region.of(region))
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    endpoint.ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * The endpoint to use: an explicit one, else the standard settings AWS_ENDPOINT_URL_MONITORING
   * (CloudWatch's endpoint prefix), AWS_ENDPOINT_URL_CLOUDWATCH (its SDK service id) and AWS_ENDPOINT_URL.
   */
  public static Optional<URI> endpoint(Optional<String> explicit, Function<String, String> env) {
    Optional<String> v = explicit.filter(s -> !s.isBlank());
    for (String name : List.of("AWS_ENDPOINT_URL_MONITORING", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_ENDPOINT_URL")) {
      if (v.isEmpty()) {
        v = Optional.ofNullable(env.apply(name)).filter(s -> !s.isBlank());
      }
    }
    return v.map(s -> {
      URI u = URI.create(s.strip());
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException("endpoint '" + s + "' is not an http(s) URL");
      }
      return u;
    });
  }

  /**
   * @param seriesDir how the edited model refers to the folder of series files (relative to it)
   */
  public static Result run(CloudWatchClient cw, String modelText, String modelName, Path modelDir, String seriesDir, Options opts) {
    return new CloudWatchImport(cw, opts).importInto(modelText, modelName, modelDir, seriesDir);
  }

  private Result importInto(String text, String modelName, Path modelDir, String seriesDir) {
    Model model = ModelReader.read(text, modelName, modelDir, List.of(), Optional.empty());
    for (String id : opts.names().keySet()) {
      if (model.service(id).isEmpty()) {
        throw new ModelException(Diagnostic.error(Position.of("--map " + id), "--map: no service '" + id + "' in " + modelName));
      }
    }
    Set<String> called = new HashSet<>();
    for (Service s : model.services()) {
      for (Call c : s.calls()) {
        called.add(c.to());
      }
    }
    // which metric stands for each service
    Map<Service, String> matched = new LinkedHashMap<>();
    for (Service s : model.services()) {
      Source src = SOURCES.get(s.type());
      if (src == null) {
        continue;
      }
      Optional<String> name = nameOf(s, src, model);
      if (name.isPresent()) {
        matched.put(s, name.get());
      } else {
        warnings.add(Diagnostic.warning(s.pos(), "services." + s.id() + ": no " + src.namespace() + " metrics found for it; give its name with --map "
            + s.id() + "=" + src.dimension().toUpperCase(Locale.ROOT)));
      }
    }
    // the queries
    List<MetricDataQuery> queries = new ArrayList<>();
    Map<String, Service> queryService = new LinkedHashMap<>();
    Map<String, String> queryKind = new LinkedHashMap<>();
    int window = (int) Duration.between(opts.from(), opts.to()).getSeconds();
    int i = 0;
    for (Map.Entry<Service, String> e : matched.entrySet()) {
      Service s = e.getKey();
      Source src = SOURCES.get(s.type());
      String base = "q" + (i++);
      add(queries, queryService, queryKind, base + "h", s, "hourly", metric(src, src.metric(), e.getValue()), "Sum", 3600);
      if (s.type().equals("aws.lambda")) {
        Metric d = metric(src, "Duration", e.getValue());
        add(queries, queryService, queryKind, base + "p50", s, "p50", d, "p50", window);
        add(queries, queryService, queryKind, base + "p90", s, "p90", d, "p90", window);
        add(queries, queryService, queryKind, base + "p99", s, "p99", d, "p99", window);
        add(queries, queryService, queryKind, base + "max", s, "max", d, "Maximum", window);
        add(queries, queryService, queryKind, base + "min", s, "min", d, "Minimum", window);
        add(queries, queryService, queryKind, base + "err", s, "errors", metric(src, "Errors", e.getValue()), "Sum", window);
        add(queries, queryService, queryKind, base + "conc", s, "concurrency", metric(src, "ConcurrentExecutions", e.getValue()), "Maximum", window);
      }
    }
    Map<String, Map<Instant, Double>> data = fetch(queries);

    // edit the model
    YamlEditor ed = new YamlEditor(text, modelName);
    Map<String, String> series = new LinkedHashMap<>();
    List<String> summary = new ArrayList<>();
    String span = opts.start() + " to " + opts.end().minusDays(1);
    try {
      period(ed, model, summary);
      for (Map.Entry<Service, String> e : matched.entrySet()) {
        Service s = e.getKey();
        Source src = SOURCES.get(s.type());
        String id = s.id();
        Map<String, Map<Instant, Double>> byKind = new LinkedHashMap<>();
        for (Map.Entry<String, Service> q : queryService.entrySet()) {
          if (q.getValue() == s) {
            byKind.put(queryKind.get(q.getKey()), data.getOrDefault(q.getKey(), Map.of()));
          }
        }
        Map<Instant, Double> hourly = byKind.getOrDefault("hourly", Map.of());
        double total = hourly.values().stream().mapToDouble(Double::doubleValue).sum();
        boolean entry = s.traffic().isPresent() || !called.contains(id);
        String line = String.format(Locale.ROOT, "%s (%s): %,.0f %s", id, e.getValue(), total, src.what());
        if (entry) {
          String file = seriesDir + "/" + id + ".csv";
          series.put(file, csv(hourly));
          ed.set(List.of("services", id, "traffic"), YTrees.parse("{series: " + YamlWriter.scalar(YamlWriter.str(file)) + "}", "(cloudwatch)"),
              String.format(Locale.ROOT, "CloudWatch %s %s, hourly, %s: %,.0f", src.namespace(), src.metric(), span, total));
          line += " -> traffic series " + file;
        } else {
          line += " (called by other services: traffic left to the calls; compare with costflow estimate)";
        }
        if (s.type().equals("aws.lambda") && total > 0) {
          line += lambda(ed, s, byKind, total, span);
        }
        summary.add(line);
      }
    } catch (YTrees.SyntaxException ex) {
      throw new ModelException(Diagnostic.error(ex.pos(), ex.getMessage()));
    }
    return new Result(ed.text(), series, summary, warnings);
  }

  /** Lambda durations, errors and concurrency; returns words for the summary. */
  private String lambda(YamlEditor ed, Service s, Map<String, Map<Instant, Double>> byKind, double invocations, String span) throws YTrees.SyntaxException {
    StringBuilder out = new StringBuilder();
    Optional<Double> p50 = single(byKind.get("p50"));
    Optional<Double> p90 = single(byKind.get("p90"));
    Optional<Double> p99 = single(byKind.get("p99"));
    Optional<Double> max = single(byKind.get("max"));
    Optional<Double> min = single(byKind.get("min"));
    if (p50.isPresent() && max.isPresent() && max.get() > 0) {
      // percentiles must rise; CloudWatch's estimates can tie or cross by rounding
      double a = p50.get();
      double b = Math.max(a, p90.orElse(a));
      double c = Math.max(b, p99.orElse(b));
      double m = Math.max(c, max.get());
      StringBuilder d = new StringBuilder("{percentiles: {");
      if (min.isPresent() && min.get() <= a) {
        d.append("min: ").append(fmt(min.get())).append(", ");
      }
      d.append("p50: ").append(fmt(a));
      p90.ifPresent(x -> d.append(", p90: ").append(fmt(b)));
      p99.ifPresent(x -> d.append(", p99: ").append(fmt(c)));
      d.append(", max: ").append(fmt(m)).append("}}");
      ed.set(List.of("services", s.id(), "duration_ms"), YTrees.parse(d.toString(), "(cloudwatch)"),
          "CloudWatch AWS/Lambda Duration " + span + " (percentiles over the window)");
      out.append(", duration p50 ").append(fmt(a)).append(" ms, p99 ").append(fmt(c)).append(" ms");
    }
    Optional<Double> errors = single(byKind.get("errors"));
    if (errors.isPresent()) {
      double rate = Math.min(0.999, errors.get() / invocations);
      ed.set(List.of("services", s.id(), "error_rate"), YamlWriter.num(round(rate, 6)),
          String.format(Locale.ROOT, "CloudWatch AWS/Lambda Errors %s: %,.0f of %,.0f invocations", span, errors.get(), invocations));
      out.append(", error rate ").append(fmt(rate * 100)).append(" %");
    }
    single(byKind.get("concurrency")).ifPresent(c -> out.append(", peak concurrency ").append(fmt(c)));
    return out.toString();
  }

  /** Makes the model's period the measured window, so that the series cover it. */
  private void period(YamlEditor ed, Model model, List<String> summary) throws YTrees.SyntaxException {
    YearMonth first = YearMonth.from(opts.start());
    boolean wholeMonth = opts.start().equals(first.atDay(1)) && opts.end().equals(first.plusMonths(1).atDay(1));
    if (wholeMonth) {
      if (!model.period().month().equals(Optional.of(first))) {
        ed.set(List.of("period"), YamlWriter.str(first.toString()), "the month of the CloudWatch metrics (costflow import cloudwatch)");
        summary.add("period set to " + first + ", the month measured");
      }
      return;
    }
    if (model.period().isCalendarMonth() || model.period().hours() != opts.hours()) {
      ed.set(List.of("period"), YTrees.parse("{hours: " + opts.hours() + "}", "(cloudwatch)"),
          "the " + opts.hours() + " hours from " + opts.start() + " of the CloudWatch metrics (costflow import cloudwatch)");
      summary.add("period set to " + opts.hours() + " hours, the window measured");
    }
  }

  private static Optional<Double> single(Map<Instant, Double> values) {
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    return values.values().stream().filter(Double::isFinite).findFirst();
  }

  private String csv(Map<Instant, Double> hourly) {
    StringBuilder b = new StringBuilder("timestamp,count\n");
    Instant t = opts.from();
    while (t.isBefore(opts.to())) {
      b.append(t).append(',').append(fmt(hourly.getOrDefault(t, 0.0))).append('\n');
      t = t.plus(1, ChronoUnit.HOURS);
    }
    return b.toString();
  }

  private static Metric metric(Source src, String name, String value) {
    return Metric.builder().namespace(src.namespace()).metricName(name).dimensions(Dimension.builder().name(src.dimension()).value(value).build()).build();
  }

  private static void add(List<MetricDataQuery> queries, Map<String, Service> queryService, Map<String, String> queryKind, String id, Service s, String kind,
      Metric m, String stat, int period) {
    queries.add(MetricDataQuery.builder().id(id).metricStat(MetricStat.builder().metric(m).stat(stat).period(period).build()).returnData(true).build());
    queryService.put(id, s);
    queryKind.put(id, kind);
  }

  /** Runs the queries in requests of at most 500, following NextToken. */
  private Map<String, Map<Instant, Double>> fetch(List<MetricDataQuery> queries) {
    Map<String, Map<Instant, Double>> out = new LinkedHashMap<>();
    for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
      List<MetricDataQuery> chunk = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES));
      String token = null;
      int pages = 0;
      do {
        GetMetricDataResponse r = cw.getMetricData(GetMetricDataRequest.builder()
            .metricDataQueries(chunk).startTime(opts.from()).endTime(opts.to()).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(token).build());
        for (MetricDataResult res : r.metricDataResults()) {
          Map<Instant, Double> series = out.computeIfAbsent(res.id(), k -> new LinkedHashMap<>());
          for (int k = 0; k < res.timestamps().size() && k < res.values().size(); k++) {
            series.merge(res.timestamps().get(k).truncatedTo(ChronoUnit.HOURS), res.values().get(k), Double::sum);
          }
          if (res.statusCode() != null && res.statusCodeAsString().equals("PartialData") && r.nextToken() == null) {
            warnings.add(Diagnostic.warning(Position.of("CloudWatch"), "query " + res.id() + ": CloudWatch returned partial data"));
          }
        }
        token = r.nextToken();
        if (++pages > 10_000) {
          throw new IllegalStateException("CloudWatch kept returning NextToken");
        }
      } while (token != null && !token.isEmpty());
    }
    return out;
  }

  /** The metric dimension value for a service: --map, the resource-name tag, or a name CloudFormation generated. */
  private Optional<String> nameOf(Service s, Source src, Model model) {
    if (opts.names().containsKey(s.id())) {
      return Optional.of(opts.names().get(s.id()));
    }
    Optional<String> tagged = Optional.ofNullable(s.tags().get("costflow:resource-name"));
    List<String> names = listed(src);
    if (tagged.isPresent() && !src.dimension().equals("ApiId")) {
      return tagged;
    }
    Optional<String> logical = Optional.ofNullable(s.tags().get("aws:cloudformation:logical-id"));
    Optional<String> stack = Optional.ofNullable(s.tags().get("aws:cloudformation:stack-name"));
    for (String candidate : List.of(s.id(), logical.orElse("\0"), tagged.orElse("\0"))) {
      if (names.contains(candidate)) {
        return Optional.of(candidate);
      }
    }
    if (logical.isPresent()) {
      String needle = "-" + logical.get() + "-";
      List<String> hits = names.stream().filter(n -> n.contains(needle) && stack.map(n::startsWith).orElse(true)).toList();
      if (hits.size() == 1) {
        return Optional.of(hits.get(0));
      }
      if (hits.size() > 1) {
        warnings.add(Diagnostic.warning(s.pos(), "services." + s.id() + ": several " + src.namespace() + " names contain " + needle + " (" + String.join(", ", hits)
            + "); choose one with --map " + s.id() + "=NAME"));
        return Optional.empty();
      }
    }
    if (src.dimension().equals("ApiName") && stack.isPresent() && names.contains(stack.get())
        && model.services().stream().filter(x -> x.type().equals(s.type())).count() == 1) {
      return stack; // SAM names an API after its stack
    }
    if (src.dimension().equals("ApiId") && names.size() == 1 && model.services().stream().filter(x -> x.type().equals(s.type())).count() == 1) {
      warnings.add(Diagnostic.warning(s.pos(), "services." + s.id() + ": matched to the only API id with metrics, " + names.get(0) + " (check it, or use --map)"));
      return Optional.of(names.get(0));
    }
    return Optional.empty();
  }

  /** The dimension values that have the metric (ListMetrics, every page), fetched once per source. */
  private List<String> listed(Source src) {
    String key = src.namespace() + "|" + src.metric() + "|" + src.dimension();
    List<String> cached = listed.get(key);
    if (cached != null) {
      return cached;
    }
    List<String> out = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListMetricsResponse r = cw.listMetrics(ListMetricsRequest.builder().namespace(src.namespace()).metricName(src.metric())
          .dimensions(DimensionFilter.builder().name(src.dimension()).build()).nextToken(token).build());
      for (Metric m : r.metrics()) {
        for (Dimension d : m.dimensions()) {
          if (d.name().equals(src.dimension()) && !out.contains(d.value())) {
            out.add(d.value());
          }
        }
      }
      token = r.nextToken();
      if (++pages > 10_000) {
        throw new IllegalStateException("CloudWatch kept returning NextToken");
      }
    } while (token != null && !token.isEmpty());
    listed.put(key, out);
    return out;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static String fmt(double v) {
    return NodeReader.fmt(round(v, 3));
  }

  /** For messages: a value's node as written. */
  static String inline(YNode n) {
    return YamlWriter.inline(n);
  }
}
