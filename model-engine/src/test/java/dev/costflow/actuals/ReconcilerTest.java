package dev.costflow.actuals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.testing.TestModels;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
  static final String MODEL = """
      costflow: 1
      name: shop
      period: 2025-11
      pricing: { as_of: 2025-11-01 }
      services:
        web:
          type: aws.apigateway.http
          traffic: { monthly: 3000000 }
          calls: [ { to: checkout } ]
        checkout:
          type: aws.lambda
          memory_mb: 512
          duration_ms: 120
          calls: [ { to: orders, op: write, per_call: 2 } ]
        orders:
          type: aws.dynamodb
      """;

  static final LocalDate NOV1 = LocalDate.of(2025, 11, 1);
  static final LocalDate NOV30 = LocalDate.of(2025, 11, 30);

  @Test
  void aBillEqualToTheModelHasNoVarianceAndEveryDayIsCompared() {
    Model m = TestModels.parse(MODEL);
    List<ActualLine> bill = ActualsFixtures.billOf(m, NOV1, NOV30, true);
    Reconciliation r = new Reconciler(Estimator.bundled()).reconcile(m, bill, NOV1, NOV30);
    assertThat(r.actualUsd().subtract(r.modeledUsd()).abs()).isLessThan(new BigDecimal("1e-12"));
    assertThat(r.varianceUsd().abs()).isLessThan(new BigDecimal("1e-12"));
    assertThat(r.unmatched()).isEmpty();
    Reconciliation.ServiceVariance fn = r.services().get(1);
    assertThat(fn.id()).isEqualTo("checkout");
    assertThat(fn.matchedLines()).containsOnlyKeys(Reconciliation.MatchRule.TAG);
    assertThat(fn.meters()).extracting(Reconciliation.MeterVariance::meterId).contains("aws.lambda.requests", "aws.lambda.duration.x86_64");
    assertThat(fn.meters().get(0).days()).hasSize(30);
    assertThat(fn.meters().get(0).days().get(0).modeledQuantity()).isCloseTo(100000, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void varianceSplitsIntoQuantityPriceAndUnmodeledAndAddsUp() {
    Model m = TestModels.parse(MODEL);
    Model truth = TestModels.parse(MODEL.replace("monthly: 3000000", "monthly: 4500000"));
    List<ActualLine> bill = new ArrayList<>();
    for (ActualLine l : ActualsFixtures.billOf(truth, NOV1, NOV30, false)) {
      // list price as modeled, billed 10 % below list (a discount)
      bill.add(new ActualLine(l.day(), l.cloud(), l.account(), l.region(), l.service(), l.usageType(), l.meterId(), l.operation(), l.resourceId(), l.tags(),
          l.quantity(), l.unit(), l.billedUsd().multiply(new BigDecimal("0.9")), l.listUsd(), l.chargeCategory()));
    }
    // the function also moved data (a meter the model does not have), found by its ARN's name
    bill.add(new ActualLine(NOV1, "aws", "1", "us-east-1", "AWS Lambda", "DataTransfer-Out-Bytes", Optional.empty(), "", "arn:aws:lambda:us-east-1:1:function:checkout",
        Map.of(), 5, "GB", new BigDecimal("0.45"), new BigDecimal("0.45"), "Usage"));
    // tax and an S3 bucket nobody modeled
    bill.add(new ActualLine(NOV1, "aws", "1", "", "Tax", "", Optional.empty(), "", "", Map.of(), 0, "", new BigDecimal("3"), new BigDecimal("3"), "Tax"));
    bill.add(new ActualLine(NOV1, "aws", "1", "us-east-1", "Amazon Simple Storage Service", "TimedStorage-ByteHrs", Optional.empty(), "", "my-bucket", Map.of(), 10,
        "GB-Mo", new BigDecimal("0.23"), new BigDecimal("0.23"), "Usage"));
    Reconciliation r = new Reconciler(Estimator.bundled()).reconcile(m, bill, NOV1, NOV30);
    for (Reconciliation.ServiceVariance s : r.services()) {
      assertThat(s.quantityVarianceUsd().add(s.priceVarianceUsd()).add(s.unmodeledUsd()).subtract(s.varianceUsd()).abs()).as(s.id())
          .isLessThan(new BigDecimal("1e-20"));
      assertThat(s.matchedLines()).containsOnlyKeys(Reconciliation.MatchRule.NAME);
    }
    Reconciliation.ServiceVariance web = r.services().get(0);
    // 50 % more requests at the modeled price, and 10 % off the actual list cost
    assertThat(web.quantityVarianceUsd().doubleValue()).isCloseTo(web.modeledUsd().doubleValue() * 0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(web.priceVarianceUsd().doubleValue()).isCloseTo(-web.actualListUsd().doubleValue() * 0.1, org.assertj.core.data.Offset.offset(1e-9));
    Reconciliation.MeterVariance wm = web.meters().get(0);
    assertThat(wm.discountVarianceUsd().add(wm.listPriceVarianceUsd())).isEqualByComparingTo(wm.priceVarianceUsd());
    Reconciliation.ServiceVariance fn = r.services().get(1);
    assertThat(fn.unmodeledUsd()).isEqualByComparingTo("0.45");
    assertThat(fn.meters()).anySatisfy(mv -> {
      assertThat(mv.modeled()).isFalse();
      assertThat(mv.label()).isEqualTo("DataTransfer-Out-Bytes");
    });
    assertThat(r.unmatched()).extracting(Reconciliation.Unmatched::service).containsExactly("Tax", "Amazon Simple Storage Service");
    assertThat(r.unmatchedUsd()).isEqualByComparingTo("3.23");
    assertThat(r.unmatched().get(0).reason()).contains("tax charge");
  }

  @Test
  void matchingByResourceTagAndByAMeterOnlyOneServiceUses() {
    Model m = TestModels.parse(MODEL.replace("    type: aws.dynamodb", "    type: aws.dynamodb\n    tags: { arn: \"arn:aws:dynamodb:us-east-1:1:table/prod-orders-7\" }"));
    ActualLine byArn = new ActualLine(NOV1, "aws", "1", "us-east-1", "Amazon DynamoDB", "WriteRequestUnits", Optional.of("aws.dynamodb.write_request_units"), "",
        "arn:aws:dynamodb:us-east-1:1:table/prod-orders-7", Map.of(), 10, "WRU", BigDecimal.ONE, BigDecimal.ONE, "Usage");
    ActualLine ce = new ActualLine(NOV1, "aws", "", "us-east-1", "AWS Lambda", "Request", Optional.of("aws.lambda.requests"), "", "", Map.of(), 10, "requests",
        BigDecimal.ONE, BigDecimal.ONE, "Usage");
    ActualLine otherRegion = new ActualLine(NOV1, "aws", "", "eu-west-1", "AWS Lambda", "EU-Request", Optional.of("aws.lambda.requests"), "", "", Map.of(), 10,
        "requests", BigDecimal.ONE, BigDecimal.ONE, "Usage");
    ActualLine hostile = new ActualLine(NOV1, "aws", "", "us-east-1", "=HYPERLINK(\"http://x\")", "<script>", Optional.empty(), "", "](javascript:alert(1))",
        Map.of("costflow:service", "nope|"), 1, "", BigDecimal.ONE, BigDecimal.ONE, "Usage");
    Reconciliation r = new Reconciler(Estimator.bundled()).reconcile(m, List.of(byArn, ce, otherRegion, hostile), NOV1, NOV30);
    assertThat(r.services().get(2).matchedLines()).containsEntry(Reconciliation.MatchRule.RESOURCE, 1L);
    assertThat(r.services().get(1).matchedLines()).containsEntry(Reconciliation.MatchRule.METER, 1L);
    assertThat(r.unmatched()).hasSize(2);
    assertThat(r.unmatched()).anySatisfy(u -> assertThat(u.reason()).contains("region eu-west-1"));
    assertThat(r.unmatched()).anySatisfy(u -> assertThat(u.reason()).contains("names no service"));
  }
}
