package dev.costflow.services;

import dev.costflow.model.Cloud;
import dev.costflow.model.Model;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Amazon CloudWatch Logs. Ingests what the model's services log: every service's {@code log_kb}
 * per call (default 0 — nothing is logged unless the model or a usage importer says so), from all
 * AWS services of the model or the ones listed in {@code sources}. As an explicit option it adds
 * an estimate of the lines the Lambda platform writes for every invocation (START, END and
 * REPORT: {@value #LAMBDA_PLATFORM_BYTES} bytes). Billed: ingestion per GB by log class, and
 * storage per GB-month when {@code retention_days} is given. Rules and sources:
 * docs/billing-rules.md#amazon-cloudwatch-logs.
 */
public final class CloudWatchLogsKind implements ServiceKind {
  /**
   * Bytes of the three platform lines of one invocation in the text log format: START (71),
   * END (52) and REPORT (143) with a 36-character request id and typical figures
   * (docs/billing-rules.md#amazon-cloudwatch-logs shows the lines).
   */
  public static final int LAMBDA_PLATFORM_BYTES = 266;

  public static final double KB_PER_GB = 1024.0 * 1024.0;
  public static final double DAYS_PER_MONTH = 730 / 24.0;

  public enum LogClass {
    STANDARD,
    INFREQUENT_ACCESS
  }

  public record Spec(Optional<List<String>> sources, List<Position> sourcePositions, LogClass logClass, boolean lambdaPlatformLines, Optional<Double> retentionDays,
      double compressionRatio) implements ServiceSpec {}

  @Override
  public String type() {
    return "aws.cloudwatch.logs";
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public String title() {
    return "Amazon CloudWatch Logs";
  }

  @Override
  public Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("sources", "ids of the services whose log_kb it ingests (default: every AWS service of the model)");
    k.put("log_class", "standard (default) or infrequent_access");
    k.put("lambda_platform_lines", "true to add an estimate of the START/END/REPORT lines of every Lambda invocation (default false)");
    k.put("retention_days", "days the logs are kept; storage is priced only when given");
    k.put("compression_ratio", "stored bytes per ingested byte, for storage (default 1: uncompressed, an upper bound)");
    return k;
  }

  @Override
  public ServiceSpec readSpec(NodeReader r) {
    Optional<List<String>> sources = Optional.empty();
    List<Position> positions = new ArrayList<>();
    if (r.has("sources")) {
      List<String> ids = new ArrayList<>();
      for (YScalar s : r.stringList("sources")) {
        ids.add(s.text());
        positions.add(s.pos());
      }
      sources = Optional.of(ids);
    }
    LogClass cls = r.choice("log_class", LogClass.STANDARD, Map.of("standard", LogClass.STANDARD, "infrequent_access", LogClass.INFREQUENT_ACCESS));
    boolean platform = r.bool("lambda_platform_lines", false);
    Optional<Double> retention = r.optNumber("retention_days", 1, 3653, "days");
    double compression = r.number("compression_ratio", 1, 0.01, 1, "");
    if (r.has("compression_ratio") && retention.isEmpty()) {
      r.warning("compression_ratio", "compression_ratio applies to storage, which is priced only with retention_days");
    }
    return new Spec(sources, positions, cls, platform, retention, compression);
  }

  @Override
  public void validate(Service self, Model model, Problems problems) {
    Spec s = self.spec(Spec.class);
    if (s.sources().isPresent()) {
      List<String> ids = s.sources().get();
      for (int i = 0; i < ids.size(); i++) {
        Optional<Service> src = model.service(ids.get(i));
        if (src.isEmpty()) {
          problems.error(s.sourcePositions().get(i), "services." + self.id() + ".sources: no service '" + ids.get(i) + "' in the model");
        } else if (src.get().kind() instanceof CloudWatchLogsKind) {
          problems.error(s.sourcePositions().get(i), "services." + self.id() + ".sources: '" + ids.get(i) + "' is a log group itself");
        }
      }
      return;
    }
    for (Service other : model.services()) {
      if (other != self && other.kind() instanceof CloudWatchLogsKind && other.spec(Spec.class).sources().isEmpty()) {
        problems.error(self.pos(), "services." + self.id() + ": two aws.cloudwatch.logs services both ingest every service's logs ('" + other.id()
            + "' too); give one of them 'sources'");
        return;
      }
    }
  }

  /**
   * Warns about {@code log_kb} that no log service prices: on AWS when no
   * {@code aws.cloudwatch.logs} service ingests the service's logs, elsewhere always (no log
   * service type for Azure or Google yet). Logs are never priced by surprise, nor dropped
   * silently.
   */
  public static void checkUnpricedLogs(Model model, Problems problems) {
    List<Service> logServices = model.services().stream().filter(x -> x.kind() instanceof CloudWatchLogsKind).toList();
    for (Service s : model.services()) {
      if (s.logKb() <= 0) {
        continue;
      }
      if (model.cloud() != Cloud.AWS || s.kind().cloud() != Cloud.AWS) {
        problems.warning(s.pos(), "services." + s.id() + ".log_kb: logs are not priced for cloud: " + model.cloud().id() + " (no log service type yet)");
        continue;
      }
      boolean ingested = logServices.stream().anyMatch(l -> sources(l, model).contains(s));
      if (!ingested) {
        problems.warning(s.pos(), "services." + s.id() + ".log_kb: no aws.cloudwatch.logs service ingests these logs, so they are not priced"
            + (logServices.isEmpty() ? " (add e.g. logs: {type: aws.cloudwatch.logs})" : " (add '" + s.id() + "' to a log service's sources)"));
      }
    }
  }

  /** The services whose logs this log service ingests. */
  static List<Service> sources(Service self, Model model) {
    Spec s = self.spec(Spec.class);
    List<Service> out = new ArrayList<>();
    for (Service other : model.services()) {
      if (other.kind() instanceof CloudWatchLogsKind || other.kind().cloud() != Cloud.AWS) {
        continue;
      }
      if (s.sources().isEmpty() || s.sources().get().contains(other.id())) {
        out.add(other);
      }
    }
    return out;
  }

  @Override
  public List<MeteredLine> meter(MeterContext ctx) {
    Spec s = ctx.service().spec(Spec.class);
    int hours = ctx.hours();
    Accumulator gb = new Accumulator(hours);
    Accumulator platform = new Accumulator(hours);
    List<String> logged = new ArrayList<>();
    int functions = 0;
    for (Service src : sources(ctx.service(), ctx.model())) {
      Optional<ServiceLoad> load = ctx.loadOf(src.id());
      if (load.isEmpty()) {
        continue;
      }
      if (src.logKb() > 0) {
        gb.add(load.get().calls(), src.logKb() / KB_PER_GB);
        logged.add(src.id());
      }
      if (s.lambdaPlatformLines() && src.kind() instanceof LambdaKind) {
        platform.add(load.get().calls(), LAMBDA_PLATFORM_BYTES / 1024.0 / KB_PER_GB);
        functions++;
      }
    }
    String meter = s.logClass() == LogClass.STANDARD ? "aws.cloudwatch.logs.ingestion" : "aws.cloudwatch.logs.ingestion.infrequent_access";
    List<MeteredLine> lines = new ArrayList<>();
    lines.add(gb.line("ingestion", meter, logged.isEmpty() ? "no service of the model sets log_kb"
        : "log_kb × calls of " + String.join(", ", logged.size() > 6 ? List.of(logged.size() + " services") : logged)));
    if (s.lambdaPlatformLines()) {
      lines.add(platform.line("Lambda platform lines (estimate)", meter,
          LAMBDA_PLATFORM_BYTES + " bytes of START, END and REPORT lines per invocation of " + functions + " function" + (functions == 1 ? "" : "s")));
    }
    if (s.retentionDays().isPresent()) {
      // Steady state: the log group holds the last `retention_days` days of logs.
      double days = s.retentionDays().get();
      double ingestedGb = gb.total() + platform.total();
      double gbMonths = ingestedGb / hours * 24 * days * s.compressionRatio() * ctx.period().monthsAsDouble();
      lines.add(new MeteredLine("storage", "aws.cloudwatch.logs.storage", Math.max(0, gbMonths), Optional.of(Arrays2.filled(hours, gbMonths / hours)), true,
          NodeReader.fmt(days) + " days of logs kept" + (s.compressionRatio() < 1 ? ", " + NodeReader.fmt(s.compressionRatio()) + " of the bytes stored" : "")));
    }
    return lines;
  }
}
