package dev.costflow.importers.bills;

import dev.costflow.billing.BillingStore;
import dev.costflow.billing.ImportStats;
import dev.costflow.billing.LineKey;
import dev.costflow.billing.Partition;
import dev.costflow.billing.StagedImport;
import dev.costflow.pricing.UsageTypeIndex;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * AWS Cost Explorer {@code GetCostAndUsage}: daily unblended and amortized cost and usage quantity,
 * grouped by SERVICE and USAGE_TYPE, following every {@code NextPageToken}. Credentials come from
 * the SDK's default provider chain; the endpoint from {@code AWS_ENDPOINT_URL_COST_EXPLORER} or
 * {@code AWS_ENDPOINT_URL} when set. Each request costs $0.01 (AWS pricing). Cost Explorer has no
 * list price: list cost is stored equal to the unblended cost (docs/billing-rules.md#cost-explorer).
 */
public final class CostExplorerImporter {
  public static final String SOURCE = "Cost Explorer";
  public static final List<String> METRICS = List.of("UnblendedCost", "AmortizedCost", "UsageQuantity");

  /** What to fetch: days {@code [start, end)}; the billing account the lines are stored under ("" unknown). */
  public record Options(LocalDate start, LocalDate end, String billingAccount) {}

  /** What the import did, with the number of API pages read (each a billed request). */
  public record Outcome(ImportStats stats, StagedImport.Result result, Set<Partition> replaced, int pages, long estimatedDays) {}

  private final UsageTypeIndex index;

  public CostExplorerImporter(UsageTypeIndex index) {
    this.index = index;
  }

  /** The endpoint the standard AWS settings name for Cost Explorer, if any. */
  public static Optional<URI> endpointFromEnvironment(Map<String, String> env) throws BillImportException {
    for (String var : List.of("AWS_ENDPOINT_URL_COST_EXPLORER", "AWS_ENDPOINT_URL")) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        try {
          URI u = new URI(v.strip());
          if (u.getScheme() == null || u.getHost() == null) {
            throw new URISyntaxException(v, "needs a scheme and host, e.g. https://ce.us-east-1.amazonaws.com");
          }
          return Optional.of(u);
        } catch (URISyntaxException e) {
          throw new BillImportException(var, 0, 0, "not an endpoint URL: " + e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /** A client in us-east-1 (Cost Explorer's endpoint region) with the default credentials chain. */
  public static CostExplorerClient client(Optional<URI> endpoint) {
    CostExplorerClientBuilder b = CostExplorerClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpoint.ifPresent(b::endpointOverride);
    return b.build();
  }

  public Outcome run(BillingStore store, CostExplorerClient client, Options o, Progress progress) throws BillImportException {
    if (!o.end().isAfter(o.start())) {
      throw new BillImportException("--end", 0, 0, "--end " + o.end() + " must be after --start " + o.start() + " (the end day is not included)");
    }
    ImportStats stats = new ImportStats();
    Partition part = Partition.days("aws", o.billingAccount(), o.start(), o.end());
    String source = SOURCE + " " + o.start() + ".." + o.end();
    int pages = 0;
    long estimated = 0;
    try (StagedImport staged = store.beginImport("ce", List.of(source))) {
      LineSink sink = new LineSink(staged, stats);
      String token = null;
      do {
        GetCostAndUsageRequest.Builder req = GetCostAndUsageRequest.builder()
            .timePeriod(DateInterval.builder().start(o.start().toString()).end(o.end().toString()).build())
            .granularity(Granularity.DAILY)
            .metrics(METRICS)
            .groupBy(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build(),
                GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("USAGE_TYPE").build());
        if (token != null) {
          req.nextPageToken(token);
        }
        GetCostAndUsageResponse resp = client.getCostAndUsage(req.build());
        pages++;
        String where = SOURCE + " page " + pages;
        for (ResultByTime r : resp.resultsByTime()) {
          LocalDate day;
          try {
            day = LocalDate.parse(r.timePeriod().start().substring(0, Math.min(10, r.timePeriod().start().length())));
          } catch (DateTimeParseException | NullPointerException e) {
            throw new BillImportException(where, 0, 0, "TimePeriod.Start '" + r.timePeriod() + "' is not a date");
          }
          if (Boolean.TRUE.equals(r.estimated())) {
            estimated++;
          }
          for (Group g : r.groups()) {
            stats.rowRead();
            add(sink, stats, where, day, g, o.billingAccount());
          }
        }
        progress.update(source, pages, 0, stats.rowsRead());
        token = resp.nextPageToken();
      } while (token != null && !token.isEmpty());
      progress.finish();
      if (estimated > 0) {
        stats.note(estimated + " day(s) are still estimated by Cost Explorer (not final)");
      }
      StagedImport.Result result = staged.commit(Set.of(part), stats);
      return new Outcome(stats, result, Set.of(part), pages, estimated);
    } finally {
      progress.finish();
    }
  }

  private void add(LineSink sink, ImportStats stats, String where, LocalDate day, Group g, String billingAccount) throws BillImportException {
    List<String> keys = g.keys();
    String service = keys.size() > 0 ? keys.get(0) : "";
    String usageType = keys.size() > 1 ? keys.get(1) : "";
    if (usageType.equals("NoUsageType")) {
      usageType = "";
    }
    Map<String, MetricValue> m = g.metrics();
    BigDecimal billed = amount(m, "UnblendedCost", where, service, usageType);
    BigDecimal amortized = m.containsKey("AmortizedCost") ? amount(m, "AmortizedCost", where, service, usageType) : billed;
    MetricValue q = m.get("UsageQuantity");
    double quantity = q == null ? 0 : amount(m, "UsageQuantity", where, service, usageType).doubleValue();
    String unit = q == null || q.unit() == null || q.unit().equals("N/A") ? "" : q.unit();
    MetricValue cost = m.get("UnblendedCost");
    if (cost != null && cost.unit() != null && !cost.unit().isEmpty() && !cost.unit().equals("USD")) {
      stats.rejected("currency " + cost.unit() + " (the billing store holds USD)");
      return;
    }
    String code = index.productCodeOf(service).orElse("");
    String meterId = "";
    var match = index.meterFor(code, service, usageType);
    if (match.isPresent()) {
      var factor = index.unitFactor(unit, match.get().meterUnit());
      if (factor.isEmpty()) {
        throw new BillImportException(where, 0, 0, "unit '" + unit + "' of " + service + " usage type " + usageType + " is not a unit the catalog knows for meter "
            + match.get().meterId() + " (" + match.get().meterUnit() + ")");
      }
      meterId = match.get().meterId();
      unit = match.get().meterUnit();
      quantity *= factor.get().doubleValue();
    }
    boolean tax = service.equals("Tax");
    if (!tax) {
      stats.mapped(!meterId.isEmpty(), usageType.isEmpty() ? "" : service + " · " + usageType);
    }
    String region = index.regionOf(usageType).orElse(match.isPresent() ? "us-east-1" : "");
    LocalDate period = day.withDayOfMonth(1);
    LineKey key = new LineKey(day, "aws", billingAccount, period, billingAccount, region, service, code, usageType, meterId, "", "", "{}",
        tax ? "Tax" : "Usage", tax ? "Tax" : "Usage", unit, SOURCE);
    long start = day.toEpochDay() * 86400L;
    sink.accept(key, start, start + 86400L, !tax, tax ? 0 : quantity, billed, amortized, billed);
  }

  private static BigDecimal amount(Map<String, MetricValue> m, String metric, String where, String service, String usageType) throws BillImportException {
    MetricValue v = m.get(metric);
    if (v == null || v.amount() == null || v.amount().isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(v.amount().strip());
    } catch (NumberFormatException e) {
      throw new BillImportException(where, 0, 0, metric + " of " + service + " " + usageType + ": '" + Values.clip(v.amount()) + "' is not a number");
    }
  }
}
