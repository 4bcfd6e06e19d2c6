package dev.costflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bundled catalog's regions and rates agree with each other and have sources. */
class CatalogCoverageTest {
  final Catalog c = CatalogLoader.bundled();

  @Test
  void everyRateIsInAKnownRegionOfItsCloudAndHasASource() {
    for (Meter m : c.meters()) {
      String cloud = m.id().substring(0, m.id().indexOf('.'));
      for (Rate r : m.rates()) {
        Region region = c.region(r.region()).orElseThrow(() -> new AssertionError(m.id() + ": unknown region " + r.region()));
        assertThat(region.cloud()).as(m.id() + " in " + r.region()).isEqualTo(cloud);
        assertThat(r.source()).as(m.id() + " in " + r.region()).isNotBlank();
      }
    }
  }

  @Test
  void eachRegionHasOneRatePerDay() {
    for (Meter m : c.meters()) {
      Set<String> seen = new HashSet<>();
      for (Rate r : m.rates()) {
        assertThat(seen.add(r.region() + "@" + r.effectiveFrom())).as(m.id() + " twice in " + r.region() + " from " + r.effectiveFrom()).isTrue();
      }
    }
  }

  @Test
  void googlePricesFollowTheRegionTiers() {
    Map<String, String> tierV1 = new TreeMap<>();
    Map<String, String> tierRun = new TreeMap<>();
    for (Region r : c.regions()) {
      if (r.cloud().equals("gcp")) {
        if (r.attributes().containsKey("tier_v1")) {
          tierV1.put(r.code(), r.attributes().get("tier_v1"));
        }
        if (r.attributes().containsKey("tier_run")) {
          tierRun.put(r.code(), r.attributes().get("tier_run"));
        }
      }
    }
    checkTiers("gcp.cloudfunctions.memory_gb_seconds", tierV1, "0.0000025", "0.0000035");
    checkTiers("gcp.cloudfunctions.cpu_ghz_seconds", tierV1, "0.00001", "0.000014");
    checkTiers("gcp.cloudrun.vcpu_seconds", tierRun, "0.000024", "0.0000336");
    checkTiers("gcp.cloudrun.memory_gib_seconds", tierRun, "0.0000025", "0.0000035");
    assertThat(c.regionsOf("gcp.cloudfunctions.invocations")).containsExactlyInAnyOrderElementsOf(tierV1.keySet());
    assertThat(c.regionsOf("gcp.cloudrun.requests")).containsExactlyInAnyOrderElementsOf(tierRun.keySet());
  }

  private void checkTiers(String meterId, Map<String, String> tiers, String tier1, String tier2) {
    assertThat(c.regionsOf(meterId)).as(meterId).containsExactlyInAnyOrderElementsOf(tiers.keySet());
    for (Map.Entry<String, String> e : tiers.entrySet()) {
      Rate r = c.rate(meterId, e.getKey(), java.util.Optional.empty());
      assertThat(r.firstTierUsd()).as(meterId + " in " + e.getKey()).isEqualByComparingTo(e.getValue().equals("1") ? tier1 : tier2);
    }
  }

  @Test
  void coreServicesArePricedBeyondUsEast1() {
    // The regions where each core meter has a sourced rate (docs/pricing-catalog.md#coverage lists them and the gaps).
    assertThat(c.regionsOf("aws.lambda.duration.x86_64")).hasSizeGreaterThanOrEqualTo(24).contains("eu-west-1", "ap-southeast-5", "af-south-1", "eu-central-2");
    assertThat(c.regionsOf("aws.lambda.requests")).hasSameSizeAs(c.regionsOf("aws.lambda.duration.x86_64"));
    assertThat(c.regionsOf("aws.sqs.requests")).hasSizeGreaterThanOrEqualTo(17);
    assertThat(c.regionsOf("aws.sns.publishes")).hasSizeGreaterThanOrEqualTo(17);
    assertThat(c.regionsOf("aws.stepfunctions.transitions")).hasSizeGreaterThanOrEqualTo(16);
    assertThat(c.regionsOf("aws.dynamodb.write_request_units")).contains("us-west-2");
    assertThat(c.regionsOf("aws.s3.storage")).contains("us-west-2", "ca-central-1");
    assertThat(c.regionsOf("aws.cloudwatch.logs.ingestion")).contains("us-east-2", "us-west-2");
    assertThat(c.regionsOf("aws.apigateway.rest.requests")).contains("us-east-2", "us-west-2", "ap-south-1", "eu-west-2");
    assertThat(c.regionsOf("aws.apigateway.http.requests")).hasSizeGreaterThanOrEqualTo(23).contains("eu-west-1", "eu-central-1", "me-central-1");
    assertThat(c.regionsOf("aws.sqs.requests.fifo")).hasSameSizeAs(c.regionsOf("aws.sqs.requests"));
    assertThat(c.regionsOf("aws.dynamodb.read_request_units")).hasSameSizeAs(c.regionsOf("aws.dynamodb.write_request_units"));
    assertThat(c.regionsOf("aws.kinesis.put_payload_units")).hasSameSizeAs(c.regionsOf("aws.kinesis.shard_hours"));
  }

  @Test
  void everyLambdaRegionIsKnown() {
    List<String> aws = c.regions().stream().filter(r -> r.cloud().equals("aws")).map(Region::code).toList();
    assertThat(aws).contains("us-east-1", "il-central-1", "mx-central-1", "ap-southeast-7", "ca-west-1", "ap-east-2").hasSize(34);
  }

  @Test
  void billPrefixesOfTheRegionTableAndTheBillNamesAgree() {
    UsageTypeIndex index = UsageTypeIndex.load(c);
    for (Region r : c.regions()) {
      if (r.cloud().equals("aws")) {
        assertThat(index.regionOf(r.usageTypePrefix().orElseThrow() + "Lambda-GB-Second")).as(r.code()).contains(r.code());
      }
    }
    // aliases only the bill names know still resolve
    assertThat(index.regionOf("EUW1-Lambda-GB-Second")).contains("eu-west-1");
    assertThat(index.regionOf("APS9-Lambda-GB-Second")).contains("ap-southeast-7");
  }
}
