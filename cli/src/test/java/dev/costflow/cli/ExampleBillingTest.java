package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/daily-costs.csv}: a synthetic daily bill for the bundled checkout model, for
 * trying {@code costflow dashboard --from} and {@code export --actuals-from}. Derived from the
 * model's own estimate (so it follows price changes): each line's monthly cost spread over the
 * days with weekends at 60 %, 1 % growth a week, ±4 % noise, a Lambda retry storm on 2025-10-22,
 * DynamoDB writes up 60 % from 2025-11-06 (a new index), and CloudWatch logs the model does not
 * have. Regenerate with {@code -Dgolden.update=true}.
 */
class ExampleBillingTest {
  static final Path FILE = TestModels.repoRoot().resolve("examples/daily-costs.csv");

  /** Bill service name and usage type (us-east-1, as in CUR and FOCUS) per catalog meter. */
  static final Map<String, String[]> BILL_NAMES = Map.of(
      "aws.apigateway.http.requests", new String[] {"Amazon API Gateway", "USE1-ApiGatewayHttpRequest", "Requests"},
      "aws.lambda.requests", new String[] {"AWS Lambda", "Request", "Requests"},
      "aws.lambda.duration.arm64", new String[] {"AWS Lambda", "Lambda-GB-Second-ARM", "Lambda-GB-Second"},
      "aws.lambda.duration.x86_64", new String[] {"AWS Lambda", "Lambda-GB-Second", "Lambda-GB-Second"},
      "aws.dynamodb.write_request_units", new String[] {"Amazon DynamoDB", "WriteRequestUnits", "WriteRequestUnits"},
      "aws.dynamodb.storage", new String[] {"Amazon DynamoDB", "TimedStorage-ByteHrs", "GB-Mo"},
      "aws.sns.publishes", new String[] {"Amazon Simple Notification Service", "Requests-Tier1", "Requests"},
      "aws.sqs.requests", new String[] {"Amazon Simple Queue Service", "Requests-Tier1", "Requests"});

  static String generate() {
    Estimate e = Estimator.bundled().estimate(ModelReader.read(TestModels.repoRoot().resolve("examples/checkout.yaml")));
    // per meter: monthly cost and quantity of the model
    Map<String, BigDecimal[]> byMeter = new java.util.TreeMap<>();
    for (ServiceCost s : e.services()) {
      for (LineCost l : s.lines()) {
        if (l.costUsd().signum() > 0 && BILL_NAMES.containsKey(l.meterId())) {
          byMeter.computeIfAbsent(l.meterId(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
          byMeter.get(l.meterId())[0] = byMeter.get(l.meterId())[0].add(l.costUsd());
          byMeter.get(l.meterId())[1] = byMeter.get(l.meterId())[1].add(BigDecimal.valueOf(l.quantity()));
        }
      }
    }
    StringBuilder b = new StringBuilder("day,service,usage_type,meter_id,quantity,unit,billed_usd,list_usd\n");
    Random rnd = new Random(20251115L);
    LocalDate first = LocalDate.of(2025, 9, 1);
    for (int i = 0; i < 76; i++) {
      LocalDate day = first.plusDays(i);
      boolean weekend = day.getDayOfWeek().getValue() >= 6;
      double growth = Math.pow(1.01, (i - 60) / 7.0);
      for (Map.Entry<String, BigDecimal[]> m : byMeter.entrySet()) {
        String[] names = BILL_NAMES.get(m.getKey());
        boolean storage = m.getKey().endsWith(".storage");
        double perDay = m.getValue()[0].doubleValue() / 30;
        double unitPrice = m.getValue()[0].doubleValue() / m.getValue()[1].doubleValue();
        // weekdays 1.16, weekends 0.6 × that: the same monthly total on average
        double shape = storage ? 1 : (weekend ? 0.6 : 1.0) / ((5 + 2 * 0.6) / 7);
        double usd = perDay * shape * (storage ? 1 : growth) * (1 + 0.04 * (rnd.nextDouble() * 2 - 1));
        if (day.equals(LocalDate.of(2025, 10, 22)) && m.getKey().startsWith("aws.lambda.duration")) {
          usd *= 3.2;
        }
        if (!day.isBefore(LocalDate.of(2025, 11, 6)) && m.getKey().equals("aws.dynamodb.write_request_units")) {
          usd *= 1.6;
        }
        row(b, day, names[0], names[1], m.getKey(), usd / unitPrice, names[2], usd);
      }
      row(b, day, "AmazonCloudWatch", "USE1-DataProcessing-Bytes", "", 2.2 * (weekend ? 0.7 : 1) * (1 + 0.04 * (rnd.nextDouble() * 2 - 1)), "GB",
          1.1 * (weekend ? 0.7 : 1) * (1 + 0.04 * (rnd.nextDouble() * 2 - 1)));
    }
    return b.toString();
  }

  private static void row(StringBuilder b, LocalDate day, String service, String usageType, String meterId, double quantity, String unit, double usd) {
    String v = BigDecimal.valueOf(usd).setScale(6, RoundingMode.HALF_UP).toPlainString();
    b.append(day).append(',').append(service).append(',').append(usageType).append(',').append(meterId).append(',')
        .append(BigDecimal.valueOf(quantity).setScale(3, RoundingMode.HALF_UP).toPlainString()).append(',').append(unit).append(',').append(v).append(',').append(v).append('\n');
  }

  @Test
  void theExampleBillMatchesTheModel() throws IOException {
    String csv = generate();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(FILE, csv, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).as("examples/daily-costs.csv is stale: regenerate with -Dgolden.update=true").isEqualTo(csv);
  }
}
