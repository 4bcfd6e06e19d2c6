package dev.costflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.model.ModelException;
import dev.costflow.testing.TestModels;
import org.junit.jupiter.api.Test;

/** Hand-computed fan-out, batching, retries and metering increments. */
class PropagationTest {

  static double calls(Estimate e, String id) {
    return e.service(id).orElseThrow().calls();
  }

  static double quantity(Estimate e, String id, String meter) {
    return e.service(id).orElseThrow().lines().stream().filter(l -> l.meter().equals(meter)).mapToDouble(LineCost::quantity).sum();
  }

  @Test
  void snsFansOutToEverySubscriberAndFilterPoliciesThinIt() {
    Estimate e = TestModels.estimate("""
        services:
          pub:
            type: aws.lambda
            traffic: {monthly: 1000000}
            calls: [{to: topic, per_call: 2, kb: 100}]
          topic:
            type: aws.sns
            calls:
              - {to: q1}
              - {to: q2}
              - {to: q3, probability: 0.25}
              - {to: fn}
          q1: {type: aws.sqs}
          q2: {type: aws.sqs}
          q3: {type: aws.sqs}
          fn: {type: aws.lambda}
        """);
    assertThat(calls(e, "topic")).isEqualTo(2_000_000);
    // 100 KB publishes are two 64 KB chunks each
    assertThat(quantity(e, "topic", "publish requests")).isEqualTo(4_000_000);
    assertThat(calls(e, "q1")).isEqualTo(2_000_000);
    assertThat(calls(e, "q3")).isEqualTo(500_000);
    // the subscriber queue bills its own sends, with the topic's payload (100 KB → 2 requests)
    assertThat(quantity(e, "q1", "send requests")).isEqualTo(4_000_000);
    assertThat(quantity(e, "topic", "deliveries to sqs")).isEqualTo(4_500_000);
    assertThat(quantity(e, "topic", "deliveries to lambda")).isEqualTo(2_000_000);
    // SNS → Lambda is an async event: 100 KB stays under 256 KB, one request each
    assertThat(quantity(e, "fn", "requests")).isEqualTo(2_000_000);
  }

  @Test
  void asyncFailuresAreRetriedUpToMaxRetries() {
    Estimate e = TestModels.estimate("""
        services:
          topic:
            type: aws.sns
            traffic: {monthly: 1000000}
            calls: [{to: worker}]
          worker:
            type: aws.lambda
            error_rate: 0.1
            calls: [{to: table, op: write}]
          table: {type: aws.dynamodb}
        """);
    assertThat(calls(e, "worker")).isCloseTo(1_000_000 * (1 + 0.1 + 0.01), within(1e-6));
    // every attempt runs the function, and its calls
    assertThat(calls(e, "table")).isCloseTo(1_110_000, within(1e-6));
  }

  @Test
  void syncCallsAreNotRetried() {
    Estimate e = TestModels.estimate("""
        services:
          api:
            type: aws.apigateway.rest
            traffic: {monthly: 1000000}
            calls: [{to: fn}]
          fn: {type: aws.lambda, error_rate: 0.5}
        """);
    assertThat(calls(e, "fn")).isEqualTo(1_000_000);
  }

  @Test
  void asyncEventsAbove256KbBillExtraRequests() {
    Estimate e = TestModels.estimate("""
        services:
          caller:
            type: aws.lambda
            traffic: {monthly: 1000}
            calls: [{to: fn, op: async, kb: 300}]
          fn: {type: aws.lambda}
        """);
    // 300 KB: 1 request for the first 256 KB, 1 more for the next 64 KB chunk
    assertThat(quantity(e, "fn", "requests")).isEqualTo(2000);
  }

  @Test
  void sqsBatchesWithAWindowAtAFlatRate() {
    // 36,000 messages an hour = 10/s; window 0.5 s → 1 + 10 × 0.5 = 6 messages per batch
    Estimate e = TestModels.estimate("""
        period: {hours: 10}
        services:
          q:
            type: aws.sqs
            traffic: {hourly: 36000}
            calls: [{to: fn, batch_size: 10, batch_window_s: 0.5}]
          fn: {type: aws.lambda, duration_ms: 50}
        """);
    assertThat(calls(e, "fn")).isCloseTo(360_000 / 6.0, within(1e-6));
    // one receive and one delete per batch; sends one per message
    assertThat(quantity(e, "q", "send requests")).isEqualTo(360_000);
    assertThat(quantity(e, "q", "receive requests")).isCloseTo(60_000, within(1e-6));
    assertThat(quantity(e, "q", "delete requests")).isCloseTo(60_000, within(1e-6));
  }

  @Test
  void batchesAreCappedByBatchSize() {
    Estimate e = TestModels.estimate("""
        period: {hours: 10}
        services:
          q:
            type: aws.sqs
            traffic: {hourly: 360000}
            calls: [{to: fn, batch_size: 5, batch_window_s: 2}]
          fn: {type: aws.lambda}
        """);
    assertThat(calls(e, "fn")).isCloseTo(3_600_000 / 5.0, within(1e-6));
  }

  @Test
  void largeBatchesNeedSeveralReceivesOfTenMessages() {
    // 100/s with a 10 s window → batches of 1 + 1000 capped at 100: 10 receives and deletes each
    Estimate e = TestModels.estimate("""
        period: {hours: 1}
        services:
          q:
            type: aws.sqs
            traffic: {hourly: 360000}
            calls: [{to: fn, batch_size: 100, batch_window_s: 10}]
          fn: {type: aws.lambda}
        """);
    assertThat(calls(e, "fn")).isCloseTo(3600, within(1e-6));
    assertThat(quantity(e, "q", "receive requests")).isCloseTo(36_000, within(1e-6));
  }

  @Test
  void withoutAWindowBatchesAreWhatAccumulatesWhilePollersAreBusy() {
    // 1000/s, 200 ms function, 5 pollers: 1000 × 0.2 / 5 = 40 → capped at 10 per receive
    Estimate busy = TestModels.estimate("""
        period: {hours: 1}
        services:
          q:
            type: aws.sqs
            traffic: {rps: 1000}
            calls: [{to: fn}]
          fn: {type: aws.lambda, duration_ms: 200}
        """);
    assertThat(calls(busy, "fn")).isCloseTo(360_000, within(1e-6));
    // a trickle: one message per invocation
    Estimate idle = TestModels.estimate("""
        period: {hours: 1}
        services:
          q:
            type: aws.sqs
            traffic: {hourly: 60}
            calls: [{to: fn}]
          fn: {type: aws.lambda, duration_ms: 200}
        """);
    assertThat(calls(idle, "fn")).isEqualTo(60);
  }

  @Test
  void failedBatchesAreReceivedAgainUpToMaxReceiveCount() {
    Estimate e = TestModels.estimate("""
        period: {hours: 1}
        services:
          q:
            type: aws.sqs
            max_receive_count: 3
            traffic: {hourly: 60}
            calls: [{to: fn}]
          fn: {type: aws.lambda, error_rate: 0.2}
        """);
    assertThat(calls(e, "fn")).isCloseTo(60 * (1 + 0.2 + 0.04), within(1e-9));
  }

  @Test
  void idleQueuesAreLongPolled() {
    // no messages: 5 pollers × 3 empty 20 s polls a minute × 60 minutes × 730 hours
    Estimate e = TestModels.estimate("""
        services:
          q:
            type: aws.sqs
            calls: [{to: fn}]
          fn: {type: aws.lambda}
          api:
            type: aws.apigateway.http
            traffic: {monthly: 0}
            calls: [{to: q}]
        """);
    assertThat(quantity(e, "q", "empty receives")).isCloseTo(5 * 180 * 730, within(1e-6));
  }

  @Test
  void sqsAndSnsBillPer64KbChunk() {
    Estimate e = TestModels.estimate("""
        services:
          p:
            type: aws.lambda
            traffic: {monthly: 1000}
            calls: [{to: q, kb: 64}, {to: q, kb: 65}, {to: t, kb: 256}]
          q: {type: aws.sqs}
          t: {type: aws.sns}
        """);
    assertThat(quantity(e, "q", "send requests")).isEqualTo(1000 + 2000);
    assertThat(quantity(e, "t", "publish requests")).isEqualTo(4000);
  }

  @Test
  void dynamoDbUnitsFollowItemSizeConsistencyTransactionsAndIndexes() {
    Estimate e = TestModels.estimate("""
        services:
          f:
            type: aws.lambda
            traffic: {monthly: 1000}
            calls:
              - {to: t, op: write, kb: 1.5}
              - {to: t, op: transact_write, kb: 1.5}
              - {to: t, op: read, kb: 5}
              - {to: t, op: read_strong, kb: 5}
              - {to: t, op: transact_read, kb: 5}
              - {to: t, op: query, kb: 0.5}
          t: {type: aws.dynamodb, gsi_count: 1}
        """);
    // write 1.5 KB = 2 WRU, ×2 with the index; transactional: 2 × 2 on the table + 2 on the index
    assertThat(quantity(e, "t", "write request units")).isEqualTo(1000 * (4 + 6));
    // 5 KB = 2 × 4 KB units: eventual 1, strong 2, transactional 4; a 0.5 KB query rounds up to one unit, halved
    assertThat(quantity(e, "t", "read request units")).isEqualTo(1000 * (1 + 2 + 4 + 0.5));
  }

  @Test
  void provisionedTablesFollowTheLoadAtTheTargetUtilization() {
    // 3600 writes an hour of 1 KB = 1 WRU/s → 1 / 0.7 → 2 WCU each hour
    Estimate e = TestModels.estimate("""
        period: {hours: 10}
        services:
          f:
            type: aws.lambda
            traffic: {hourly: 3600}
            calls: [{to: t, op: write}]
          t: {type: aws.dynamodb, mode: provisioned, rcu: 5}
        """);
    assertThat(quantity(e, "t", "write capacity")).isEqualTo(20);
    assertThat(quantity(e, "t", "read capacity")).isEqualTo(50);
  }

  @Test
  void tableStreamsTriggerFunctionsForWritesOnly() {
    Estimate e = TestModels.estimate("""
        period: {hours: 1}
        services:
          f:
            type: aws.lambda
            traffic: {hourly: 3600}
            calls: [{to: t, op: write}, {to: t, op: read}]
          t:
            type: aws.dynamodb
            calls: [{to: trigger, batch_size: 100, batch_window_s: 10}]
          trigger: {type: aws.lambda}
        """);
    // 1 record/s with a 10 s window: batches of 11
    assertThat(calls(e, "trigger")).isCloseTo(3600 / 11.0, within(1e-9));
  }

  @Test
  void probabilisticCyclesSumAsAGeometricSeries() {
    Estimate e = TestModels.estimate("""
        services:
          a:
            type: aws.lambda
            traffic: {monthly: 1000}
            calls: [{to: b, probability: 0.8}]
          b:
            type: aws.lambda
            calls: [{to: a, probability: 0.5}]
        """);
    // a receives 1000 × (1 + 0.4 + 0.4² + …) = 1000 / 0.6
    assertThat(calls(e, "a")).isCloseTo(1000 / 0.6, within(1e-6));
    assertThat(calls(e, "b")).isCloseTo(800 / 0.6, within(1e-6));
  }

  @Test
  void cyclesThatGrowAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestModels.estimate("""
        services:
          a:
            type: aws.lambda
            traffic: {monthly: 1000}
            calls: [{to: b, per_call: 3, probability: 0.9}]
          b:
            type: aws.lambda
            calls: [{to: a, probability: 0.5}]
        """)).isInstanceOf(ModelException.class).hasMessageContaining("grow without bound");
  }

  @Test
  void payloadPassesThroughQueuesAndTopicsUnlessTheCallSaysOtherwise() {
    Estimate e = TestModels.estimate("""
        services:
          p:
            type: aws.lambda
            traffic: {monthly: 100}
            calls: [{to: t, kb: 130}]
          t:
            type: aws.sns
            calls: [{to: q}, {to: q2, kb: 1}]
          q: {type: aws.sqs}
          q2: {type: aws.sqs}
        """);
    assertThat(quantity(e, "q", "send requests")).isEqualTo(300);
    assertThat(quantity(e, "q2", "send requests")).isEqualTo(100);
  }

  @Test
  void httpAndWebSocketIncrements() {
    Estimate e = TestModels.estimate("""
        services:
          h:
            type: aws.apigateway.http
            traffic: {monthly: 10, kb: 513}
          w:
            type: aws.apigateway.websocket
            traffic: {monthly: 10, kb: 33}
        """);
    assertThat(quantity(e, "h", "requests")).isEqualTo(20);
    assertThat(quantity(e, "w", "messages")).isEqualTo(20);
  }
}
