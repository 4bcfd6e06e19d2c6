package dev.costflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic legacy CUR (gzip CSV, slash headers, hourly rows of one month) of a given
 * number of rows: serverless resources (functions, queues, topics, tables, APIs) with their usage
 * types, one row per resource, usage type and hour, like a real hourly CUR with resource ids. The
 * number of resources grows with the row count, so the distinct lines grow too (a harder case
 * for the importer than repeating a few lines).
 */
public final class CurGenerator {
  static final String[] HEADER = {
    "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/BillingEntity", "bill/BillType", "bill/PayerAccountId",
    "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
    "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId",
    "lineItem/UsageAmount", "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedRate", "lineItem/BlendedCost",
    "lineItem/LineItemDescription", "product/ProductName", "product/productFamily", "product/region", "product/regionCode", "product/servicecode",
    "product/sku", "product/usagetype", "pricing/publicOnDemandCost", "pricing/publicOnDemandRate", "pricing/term", "pricing/unit",
    "resourceTags/user:costflow:service", "resourceTags/user:team"
  };

  private record Kind(String product, String productName, String family, String usageType, String operation, String unit, String rate, String arnPart,
      double meanAmount, String description) {}

  private static final Kind[] KINDS = {
    new Kind("AWSLambda", "AWS Lambda", "Serverless", "Request", "Invoke", "Requests", "0.0000002", "lambda:us-east-1:123456789012:function:fn-", 2000,
        "AWS Lambda - Total Requests - US East (Northern Virginia)"),
    new Kind("AWSLambda", "AWS Lambda", "Serverless", "Lambda-GB-Second", "Invoke", "Lambda-GB-Second", "0.0000166667", "lambda:us-east-1:123456789012:function:fn-",
        900, "AWS Lambda - Total Compute - US East (Northern Virginia), Tier-1"),
    new Kind("AWSQueueService", "Amazon Simple Queue Service", "API Request", "Requests-Tier1", "Send", "Requests", "0.0000004", "sqs:us-east-1:123456789012:q-", 5000,
        "$0.40 per million Amazon SQS standard requests in Tier1 in US East (N Virginia)"),
    new Kind("AmazonSNS", "Amazon Simple Notification Service", "API Request", "Requests-Tier1", "Publish", "Requests", "0.0000005", "sns:us-east-1:123456789012:t-",
        3000, "$0.50 per 1M Amazon SNS API Requests, first 1M free"),
    new Kind("AmazonDynamoDB", "Amazon DynamoDB", "Amazon DynamoDB PayPerRequest Throughput", "WriteRequestUnits", "PayPerRequestThroughput", "WriteRequestUnits",
        "0.000000625", "dynamodb:us-east-1:123456789012:table/tb-", 4000, "$0.625 per million write request units (N. Virginia)"),
    new Kind("AmazonApiGateway", "Amazon API Gateway", "API Calls", "USE1-ApiGatewayHttpRequest", "ApiGatewayHttpApi", "Requests", "0.000001",
        "apigateway:us-east-1::/apis/api-", 6000, "$1.00 per million requests, HTTP APIs, first 300 million"),
  };

  private CurGenerator() {}

  /** Writes {@code rows} rows to {@code out} (gzip, compression level 6 as AWS delivers). */
  public static void write(Path out, long rows, long seed) throws IOException {
    int hours = 30 * 24;
    int combos = (int) Math.max(1, (rows + hours - 1) / hours);
    SplittableRandom rnd = new SplittableRandom(seed);
    LocalDateTime start = LocalDateTime.of(2025, 11, 1, 0, 0);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
    DateTimeFormatter iv = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
    try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(out), 1 << 16), StandardCharsets.UTF_8), 1 << 20)) {
      w.write(String.join(",", HEADER));
      w.write('\n');
      StringBuilder b = new StringBuilder(512);
      long written = 0;
      for (int h = 0; h < hours && written < rows; h++) {
        LocalDateTime t0 = start.plusHours(h);
        String s0 = f.format(t0);
        String s1 = f.format(t0.plusHours(1));
        String interval = iv.format(t0) + "/" + iv.format(t0.plusHours(1));
        for (int c = 0; c < combos && written < rows; c++, written++) {
          Kind k = KINDS[c % KINDS.length];
          int resource = c / KINDS.length;
          double amount = Math.max(1, Math.round(k.meanAmount * (0.5 + rnd.nextDouble())));
          java.math.BigDecimal cost = new java.math.BigDecimal(k.rate).multiply(java.math.BigDecimal.valueOf(amount)).stripTrailingZeros();
          String costText = cost.toPlainString();
          b.setLength(0);
          b.append(Long.toHexString(rnd.nextLong())).append(Long.toHexString(rnd.nextLong())).append(',')
              .append(interval).append(",,AWS,Anniversary,111122223333,2025-11-01T00:00:00.000Z,2025-12-01T00:00:00.000Z,123456789012,Usage,")
              .append(s0).append(',').append(s1).append(',').append(k.product).append(',').append(k.usageType).append(',').append(k.operation).append(",,")
              .append("arn:aws:").append(k.arnPart).append(resource).append(',')
              .append((long) amount).append(".0,USD,").append(k.rate).append(',').append(costText).append(',').append(k.rate).append(',').append(costText).append(",\"")
              .append(k.description).append("\",").append(k.productName).append(',').append(k.family).append(",us-east-1,us-east-1,").append(k.product)
              .append(",SKU").append(c % 97).append(',').append(k.usageType).append(',').append(costText).append(',').append(k.rate).append(",OnDemand,")
              .append(k.unit).append(",svc-").append(resource % 50).append(",team-").append(resource % 7).append('\n');
          w.append(b);
        }
      }
    }
  }
}
