package dev.costflow.importers.usage;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A CloudWatch stand-in on WireMock, bound to 127.0.0.1: it answers the AWS Query protocol's
 * GetMetricData and ListMetrics from a small world of metrics, in pages (NextToken), so the
 * importer is tested against what the real service sends. Shared with the CLI tests (test-jar).
 */
public final class FakeCloudWatch implements AutoCloseable {
  /** Hourly values of one metric (namespace|metric|dimension value), and its window statistics. */
  public record Series(ToDoubleFunction<Instant> hourly, Map<String, Double> stats) {}

  private final Map<String, Series> world = new LinkedHashMap<>();
  private final WireMockServer server;
  private final List<String> requests = new ArrayList<>();
  /** Data points per query per page (small, to exercise paging). */
  public int pageSize = 300;

  public FakeCloudWatch() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Transformer()));
    server.start();
    server.stubFor(WireMock.post(WireMock.urlEqualTo("/")).willReturn(WireMock.aResponse().withStatus(200)));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public FakeCloudWatch metric(String namespace, String metric, String dimensionName, String dimensionValue, ToDoubleFunction<Instant> hourly, Map<String, Double> stats) {
    world.put(namespace + "|" + metric + "|" + dimensionName + "|" + dimensionValue, new Series(hourly, stats));
    return this;
  }

  /** The form bodies received, in order. */
  public List<String> requests() {
    return requests;
  }

  /** The Authorization headers received. */
  public List<String> authorizations() {
    return server.getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Authorization")).toList();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return "fake-cloudwatch";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      String body = event.getRequest().getBodyAsString();
      synchronized (requests) {
        requests.add(body);
      }
      Map<String, String> form = new TreeMap<>();
      for (String kv : body.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String xml = switch (form.getOrDefault("Action", "")) {
        case "GetMetricData" -> getMetricData(form);
        case "ListMetrics" -> listMetrics(form);
        default -> null;
      };
      if (xml == null) {
        return new ResponseDefinitionBuilder().withStatus(400).withBody("<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>").build();
      }
      return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml).build();
    }
  }

  private String getMetricData(Map<String, String> f) {
    Instant start = Instant.parse(f.get("StartTime"));
    Instant end = Instant.parse(f.get("EndTime"));
    int page = f.containsKey("NextToken") ? Integer.parseInt(f.get("NextToken")) : 0;
    StringBuilder b = new StringBuilder("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult><MetricDataResults>");
    boolean more = false;
    for (int i = 1; f.containsKey("MetricDataQueries.member." + i + ".Id"); i++) {
      String q = "MetricDataQueries.member." + i + ".";
      String id = f.get(q + "Id");
      String ns = f.get(q + "MetricStat.Metric.Namespace");
      String metric = f.get(q + "MetricStat.Metric.MetricName");
      String dim = f.get(q + "MetricStat.Metric.Dimensions.member.1.Name") + "|" + f.get(q + "MetricStat.Metric.Dimensions.member.1.Value");
      String stat = f.get(q + "MetricStat.Stat");
      long period = Long.parseLong(f.get(q + "MetricStat.Period"));
      Series s = world.get(ns + "|" + metric + "|" + dim);
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      if (s != null) {
        if (period == 3600) {
          for (Instant t = start; t.isBefore(end); t = t.plus(1, ChronoUnit.HOURS)) {
            double v = s.hourly().applyAsDouble(t);
            if (v > 0) { // CloudWatch leaves out hours without data
              times.add(t);
              values.add(v);
            }
          }
        } else if (s.stats().containsKey(stat)) {
          times.add(start);
          values.add(s.stats().get(stat));
        }
      }
      int from = Math.min(times.size(), page * pageSize);
      int to = Math.min(times.size(), from + pageSize);
      more |= to < times.size();
      b.append("<member><Id>").append(id).append("</Id><Label>").append(metric).append("</Label><StatusCode>")
          .append(to < times.size() ? "PartialData" : "Complete").append("</StatusCode><Timestamps>");
      for (int k = from; k < to; k++) {
        b.append("<member>").append(times.get(k)).append("</member>");
      }
      b.append("</Timestamps><Values>");
      for (int k = from; k < to; k++) {
        b.append("<member>").append(values.get(k)).append("</member>");
      }
      b.append("</Values></member>");
    }
    b.append("</MetricDataResults>");
    if (more) {
      b.append("<NextToken>").append(page + 1).append("</NextToken>");
    }
    b.append("<Messages/></GetMetricDataResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></GetMetricDataResponse>");
    return b.toString();
  }

  private String listMetrics(Map<String, String> f) {
    String ns = f.get("Namespace");
    String metric = f.get("MetricName");
    String dimName = f.get("Dimensions.member.1.Name");
    List<String[]> hits = new ArrayList<>();
    for (String key : world.keySet()) {
      String[] k = key.split("\\|", 4);
      if (k[0].equals(ns) && k[1].equals(metric) && k[2].equals(dimName)) {
        hits.add(k);
      }
    }
    int page = f.containsKey("NextToken") ? Integer.parseInt(f.get("NextToken")) : 0;
    int from = Math.min(hits.size(), page * 2);
    int to = Math.min(hits.size(), from + 2);
    StringBuilder b = new StringBuilder("<ListMetricsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ListMetricsResult><Metrics>");
    for (int i = from; i < to; i++) {
      String[] k = hits.get(i);
      b.append("<member><Namespace>").append(k[0]).append("</Namespace><MetricName>").append(k[1]).append("</MetricName><Dimensions><member><Name>")
          .append(k[2]).append("</Name><Value>").append(k[3]).append("</Value></member></Dimensions></member>");
    }
    b.append("</Metrics>");
    if (to < hits.size()) {
      b.append("<NextToken>").append(page + 1).append("</NextToken>");
    }
    b.append("</ListMetricsResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></ListMetricsResponse>");
    return b.toString();
  }
}
