package dev.costflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTypeIndexTest {
  private final UsageTypeIndex index = UsageTypeIndex.bundled();

  private String meter(String product, String usageType) {
    return index.meterFor(product, "", usageType).map(UsageTypeIndex.Match::meterId).orElse("");
  }

  @Test
  void mapsCoreServerlessUsageTypesInUsEast1WithoutPrefix() {
    assertThat(meter("AWSLambda", "Request")).isEqualTo("aws.lambda.requests");
    assertThat(meter("AWSLambda", "Request-ARM")).isEqualTo("aws.lambda.requests");
    assertThat(meter("AWSLambda", "Lambda-GB-Second")).isEqualTo("aws.lambda.duration.x86_64");
    assertThat(meter("AWSLambda", "Lambda-GB-Second-ARM")).isEqualTo("aws.lambda.duration.arm64");
    assertThat(meter("AWSLambda", "Lambda-Provisioned-Concurrency")).isEqualTo("aws.lambda.provisioned_concurrency.x86_64");
    assertThat(meter("AWSLambda", "Lambda-Provisioned-GB-Second-ARM")).isEqualTo("aws.lambda.provisioned_duration.arm64");
    assertThat(meter("AWSQueueService", "Requests-Tier1")).isEqualTo("aws.sqs.requests");
    assertThat(meter("AWSQueueService", "Requests-FIFO-Tier1")).isEqualTo("aws.sqs.requests.fifo");
    assertThat(meter("AmazonSNS", "Requests-Tier1")).isEqualTo("aws.sns.publishes");
    assertThat(meter("AmazonSNS", "DeliveryAttempts-HTTP")).isEqualTo("aws.sns.deliveries.http");
    assertThat(meter("AmazonDynamoDB", "ReadCapacityUnit-Hrs")).isEqualTo("aws.dynamodb.rcu_hours");
    assertThat(meter("AmazonDynamoDB", "WriteRequestUnits")).isEqualTo("aws.dynamodb.write_request_units");
    assertThat(meter("AmazonDynamoDB", "TimedStorage-ByteHrs")).isEqualTo("aws.dynamodb.storage");
  }

  @Test
  void stripsKnownRegionPrefixesIncludingUse1AndEu() {
    assertThat(meter("AmazonApiGateway", "USE1-ApiGatewayRequest")).isEqualTo("aws.apigateway.rest.requests");
    assertThat(meter("AmazonApiGateway", "USE1-ApiGatewayHttpRequest")).isEqualTo("aws.apigateway.http.requests");
    assertThat(meter("AWSLambda", "USE2-Lambda-GB-Second")).isEqualTo("aws.lambda.duration.x86_64");
    assertThat(meter("AWSQueueService", "EU-Requests-Tier1")).isEqualTo("aws.sqs.requests");
    assertThat(meter("AWSQueueService", "APS3-Requests-Tier1")).isEqualTo("aws.sqs.requests");
    assertThat(index.parse("USW2-USE1-AWS-Out-Bytes")).isEqualTo(new UsageTypeIndex.Parsed("AWS-Out-Bytes", Optional.of("us-west-2"), Optional.of("us-east-1")));
    assertThat(index.parse("ca-central-1-KMS-Requests").base()).isEqualTo("KMS-Requests");
    assertThat(index.parse("APS3-Requests-Tier1").fromRegion()).contains("ap-south-1");
  }

  @Test
  void neverStripsAnUnknownPrefixOrSameNameOfAnotherService() {
    assertThat(meter("AWSLambda", "XYZ1-Lambda-GB-Second")).isEmpty();
    assertThat(meter("AWSGlue", "Requests-Tier1")).isEmpty();
    // the same name under S3 is S3's own meter, not SQS's or SNS's
    assertThat(meter("AmazonS3", "USW2-Requests-Tier1")).isEqualTo("aws.s3.requests.tier1");
    assertThat(index.parse("Lambda-GB-Second").base()).isEqualTo("Lambda-GB-Second");
    assertThat(index.parse("Request").fromRegion()).isEmpty();
  }

  @Test
  void looksUpByServiceNameAsCostExplorerNamesThem() {
    assertThat(index.meterFor("", "AWS Lambda", "USW2-Request").map(UsageTypeIndex.Match::meterId)).contains("aws.lambda.requests");
    assertThat(index.meterFor("", "Amazon Simple Notification Service", "Requests-Tier1").map(UsageTypeIndex.Match::meterId)).contains("aws.sns.publishes");
    assertThat(index.serviceNameOf("AWSQueueService")).contains("Amazon Simple Queue Service");
    assertThat(index.productCodeOf("amazon dynamodb")).contains("AmazonDynamoDB");
  }

  @Test
  void convertsBillUnitsAndRejectsUnknownOnes() {
    assertThat(index.unitFactor("Second", "GB-s")).contains(BigDecimal.ONE);
    assertThat(index.unitFactor("lambda-gb-second", "GB-s")).contains(BigDecimal.ONE);
    assertThat(index.unitFactor("GB-Mo", "GB-month")).contains(BigDecimal.ONE);
    assertThat(index.unitFactor("", "requests")).contains(BigDecimal.ONE);
    assertThat(index.unitFactor("Furlongs", "requests")).isEmpty();
  }

  @Test
  void mapsFocusLinesWithoutUsageTypeByUnitAndDescription() {
    assertThat(index.meterForUnit("AWS Lambda", "Seconds", "AWS Lambda - Total Compute - US West (Oregon)-Tier-1").map(UsageTypeIndex.Match::meterId))
        .contains("aws.lambda.duration.x86_64");
    assertThat(index.meterForUnit("AWS Lambda", "Requests", "AWS Lambda - Total Requests - US East (Ohio)").map(UsageTypeIndex.Match::meterId))
        .contains("aws.lambda.requests");
    assertThat(index.meterForUnit("Amazon Simple Queue Service", "Requests", "$0.40 per million Amazon SQS standard requests in Tier1").map(UsageTypeIndex.Match::meterId))
        .contains("aws.sqs.requests");
    assertThat(index.meterForUnit("Amazon Simple Notification Service", "Requests", "First 1,000,000 Amazon SNS API Requests per month are free").map(UsageTypeIndex.Match::meterId))
        .contains("aws.sns.publishes");
    assertThat(index.meterForUnit("Amazon DynamoDB", "WriteCapacityUnit-Hours", "$0.00065 per hour for units of write capacity").map(UsageTypeIndex.Match::meterId))
        .contains("aws.dynamodb.wcu_hours");
    // two provisioned meters fit: left unmapped rather than guessed
    assertThat(index.meterForUnit("AWS Lambda", "Lambda-GB-Seconds", "AWS Lambda - Total Compute (Provisioned) - US West (Oregon)")).isEmpty();
    assertThat(index.meterForUnit("AWS Lambda", "GB", "data transfer")).isEmpty();
  }

  @Test
  void catalogFilesValidateUsageTypes() {
    String bad = "product_code: X\nservice_name: Y\nmeters:\n  - id: a.b\n    unit: requests\n    usage_types: []\n    rates: [{region: us-east-1, from: 2020-01-01, usd: 1, source: s}]\n";
    assertThatThrownBy(() -> CatalogLoader.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
        .isInstanceOf(CatalogException.class).hasMessageContaining("usage_types");
    String noProduct = "meters:\n  - id: a.b\n    unit: requests\n    usage_types: [Request]\n    rates: [{region: us-east-1, from: 2020-01-01, usd: 1, source: s}]\n";
    assertThatThrownBy(() -> CatalogLoader.read(new ByteArrayInputStream(noProduct.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
        .isInstanceOf(CatalogException.class).hasMessageContaining("product_code");
  }
}
