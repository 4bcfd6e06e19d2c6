package dev.costflow.model;

/**
 * {@code limits:} of the model file — account quotas that shape what happens under load. Only
 * {@code costflow simulate} applies them (an extension of the SPEC's model file; see
 * docs/model-format.md): {@code concurrency} is the account's Lambda concurrency limit in the
 * region, {@code syncRetries} how often a function retries a synchronous call that was throttled
 * (the AWS SDKs' standard retry mode makes 3 attempts).
 */
public record Limits(int concurrency, int syncRetries) {
  /** The default Lambda concurrency quota of an account in a region. */
  public static final int DEFAULT_CONCURRENCY = 1000;

  /** Retries of a throttled synchronous call by a calling function (AWS SDK standard mode: 3 attempts). */
  public static final int DEFAULT_SYNC_RETRIES = 2;

  public Limits {
    if (concurrency < 1) {
      throw new IllegalArgumentException("the concurrency limit is at least 1");
    }
    if (syncRetries < 0) {
      throw new IllegalArgumentException("retries are at least 0");
    }
  }

  public static Limits defaults() {
    return new Limits(DEFAULT_CONCURRENCY, DEFAULT_SYNC_RETRIES);
  }
}
