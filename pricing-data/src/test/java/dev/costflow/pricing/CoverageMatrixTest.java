package dev.costflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS coverage matrix of docs/pricing-catalog.md claims exactly what the bundled files hold, and
 * every rate says how good its source is.
 */
class CoverageMatrixTest {
  final Catalog c = CatalogLoader.bundled();

  /** The matrix columns and the meter each one stands for. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("Lambda", "aws.lambda.duration.x86_64");
    COLUMNS.put("REST API", "aws.apigateway.rest.requests");
    COLUMNS.put("HTTP API", "aws.apigateway.http.requests");
    COLUMNS.put("SQS", "aws.sqs.requests");
    COLUMNS.put("SNS", "aws.sns.publishes");
    COLUMNS.put("DynamoDB on-demand", "aws.dynamodb.write_request_units");
    COLUMNS.put("DynamoDB provisioned", "aws.dynamodb.wcu_hours");
    COLUMNS.put("Step Functions standard", "aws.stepfunctions.transitions");
    COLUMNS.put("Step Functions express", "aws.stepfunctions.express.requests");
    COLUMNS.put("EventBridge", "aws.eventbridge.events");
    COLUMNS.put("Scheduler", "aws.scheduler.invocations");
    COLUMNS.put("Kinesis", "aws.kinesis.shard_hours");
    COLUMNS.put("Firehose", "aws.firehose.ingestion");
    COLUMNS.put("S3", "aws.s3.storage");
    COLUMNS.put("Logs ingestion", "aws.cloudwatch.logs.ingestion");
    COLUMNS.put("Fargate", "aws.fargate.vcpu_hours.x86_64");
    COLUMNS.put("EC2", "aws.ec2.hours.m6i.large");
  }

  static List<List<String>> matrix() throws IOException {
    // surefire runs in the module directory; the docs are at the repository root
    Path doc = Path.of("..", "docs", "pricing-catalog.md");
    List<List<String>> rows = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.startsWith("| region | Lambda |")) {
        in = true;
      }
      if (in) {
        if (!line.startsWith("|")) {
          break;
        }
        if (!line.startsWith("|---")) {
          List<String> cells = new ArrayList<>();
          for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
            cells.add(cell.strip());
          }
          rows.add(cells);
        }
      }
    }
    return rows;
  }

  @Test
  void theDocsMatrixListsEveryAwsRegionAndClaimsOnlyWhatTheFilesHold() throws IOException {
    List<List<String>> rows = matrix();
    assertThat(rows).as("the AWS coverage matrix in docs/pricing-catalog.md").isNotEmpty();
    List<String> header = rows.get(0);
    assertThat(header.subList(1, header.size())).containsExactlyElementsOf(COLUMNS.keySet());
    List<String> awsRegions = c.regions().stream().filter(r -> r.cloud().equals("aws")).map(Region::code).toList();
    List<String> docRegions = rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList();
    assertThat(docRegions).containsExactlyInAnyOrderElementsOf(awsRegions);
    for (List<String> row : rows.subList(1, rows.size())) {
      String region = row.get(0);
      int i = 1;
      for (Map.Entry<String, String> col : COLUMNS.entrySet()) {
        boolean claimed = row.get(i++).equals("✓");
        boolean held = c.regionsOf(col.getValue()).contains(region);
        assertThat(claimed).as(col.getKey() + " (" + col.getValue() + ") in " + region + ": docs say " + (claimed ? "priced" : "not priced")).isEqualTo(held);
      }
    }
  }

  @Test
  void secondaryRatesSayTheyAreToBeVerified() {
    for (Meter m : c.meters()) {
      for (Rate r : m.rates()) {
        String text = (r.source() + " " + r.note().orElse("")).toLowerCase(Locale.ROOT);
        if (text.contains("secondary")) {
          assertThat(text).as(m.id() + " in " + r.region() + " is graded secondary").contains("verify");
        }
      }
    }
  }
}
