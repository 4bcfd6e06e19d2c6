package dev.costflow.services;

/**
 * Records per invocation when an event source mapping batches a queue or stream into a function,
 * per hour, from the hour's arrival rate λ (records per second):
 *
 * <ul>
 *   <li>with a batching window W &gt; 0 the mapping waits up to W seconds after the first record:
 *       1 + λ·W records on average;
 *   <li>with W = 0 a batch holds what accumulated while the pollers were busy: λ·τ, at least 1,
 *       where τ is the busy time per poller (for SQS: the function's duration over the 5 pollers
 *       Lambda starts with; for a stream shard: the duration, at least the 250 ms poll interval);
 *   <li>never more than {@code batch_size}, 10 per receive without a window (SQS), or what fits
 *       the 6 MB invocation payload.
 * </ul>
 *
 * Sources: docs/billing-rules.md#sqs-lambda-batching.
 */
public final class Batching {
  /** Maximum synchronous invocation payload, KB. */
  public static final double INVOKE_PAYLOAD_KB = 6 * 1024;

  private Batching() {}

  public static double effectiveBatch(double recordsPerHour, double batchSize, double windowS, double busySecondsWithoutWindow, double meanRecordKb) {
    double cap = batchSize;
    if (meanRecordKb > 0) {
      cap = Math.min(cap, Math.max(1, Math.floor(INVOKE_PAYLOAD_KB / meanRecordKb)));
    }
    if (recordsPerHour <= 0) {
      return 1;
    }
    double lambda = recordsPerHour / 3600.0;
    double b = windowS > 0 ? 1 + lambda * windowS : Math.max(1, lambda * busySecondsWithoutWindow);
    return Math.max(1, Math.min(cap, b));
  }

  /** Invocations per hour for a batched mapping. */
  public static double[] invocations(double[] records, double batchSize, double windowS, double busySecondsWithoutWindow, double meanRecordKb) {
    double[] out = new double[records.length];
    for (int h = 0; h < records.length; h++) {
      if (records[h] > 0) {
        out[h] = records[h] / effectiveBatch(records[h], batchSize, windowS, busySecondsWithoutWindow, meanRecordKb);
      }
    }
    return out;
  }
}
