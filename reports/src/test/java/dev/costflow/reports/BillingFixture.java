package dev.costflow.reports;

import dev.costflow.actuals.DailyCost;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic daily bills for dashboard tests: a serverless shop with weekday traffic (weekends at
 * 60 %), slow growth, ±4 % noise, a Lambda retry storm on {@link #SPIKE_DAY} and, from
 * {@link #MIGRATION_DAY} on, DynamoDB writes doubled by a new index. Seeded: the same every run.
 */
final class BillingFixture {
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 1);
  static final int DAYS = 76; // 2025-09-01 … 2025-11-15
  static final LocalDate SPIKE_DAY = LocalDate.of(2025, 10, 22);
  static final LocalDate MIGRATION_DAY = LocalDate.of(2025, 11, 6);

  /** service, usage type, meter id, unit, USD per weekday at the start. */
  record Line(String service, String usageType, String meterId, String unit, double usdPerDay, double usdPerUnit) {}

  static final List<Line> LINES = List.of(
      new Line("AWS Lambda", "Lambda-GB-Second", "aws.lambda.duration.x86_64", "GB-Seconds", 42.0, 0.0000166667),
      new Line("AWS Lambda", "Request", "aws.lambda.requests", "Requests", 6.0, 0.0000002),
      new Line("Amazon DynamoDB", "WriteRequestUnits", "aws.dynamodb.write_request_units", "WriteRequestUnits", 18.0, 0.000000625),
      new Line("Amazon DynamoDB", "TimedStorage-ByteHrs", "aws.dynamodb.storage", "GB-Mo", 0.33, 0.25),
      new Line("Amazon API Gateway", "USE1-ApiGatewayHttpRequest", "aws.apigateway.http.requests", "Requests", 9.0, 0.000001),
      new Line("Amazon Simple Queue Service", "Requests-Tier1", "aws.sqs.requests", "Requests", 4.5, 0.0000004),
      new Line("Amazon Simple Notification Service", "Requests-Tier1", "aws.sns.publishes", "Requests", 3.0, 0.0000005),
      new Line("AmazonCloudWatch", "USE1-TimedStorage-ByteHrs", "", "GB-Mo", 2.2, 0.03),
      new Line("AWS Key Management Service", "USE1-KMS-Requests", "", "Requests", 0.4, 0.000003));

  private BillingFixture() {}

  static List<DailyCost> rows() {
    return rows(FIRST_DAY, DAYS, 42L);
  }

  static List<DailyCost> rows(LocalDate first, int days, long seed) {
    Random rnd = new Random(seed);
    List<DailyCost> out = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = first.plusDays(i);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      double growth = Math.pow(1.01, i / 7.0);
      for (Line l : LINES) {
        boolean storage = l.usageType().contains("Storage");
        double usd = l.usdPerDay() * (storage ? 1 : (weekend ? 0.6 : 1.0) * growth) * (1 + 0.04 * (rnd.nextDouble() * 2 - 1));
        if (day.equals(SPIKE_DAY) && l.usageType().equals("Lambda-GB-Second")) {
          usd *= 3.2;
        }
        if (!day.isBefore(MIGRATION_DAY) && l.usageType().equals("WriteRequestUnits")) {
          usd *= 2;
        }
        BigDecimal billed = BigDecimal.valueOf(usd).setScale(6, RoundingMode.HALF_UP);
        out.add(new DailyCost(day, l.service(), l.usageType(), l.meterId(), usd / l.usdPerUnit(), l.unit(), billed, billed));
      }
    }
    return out;
  }
}
