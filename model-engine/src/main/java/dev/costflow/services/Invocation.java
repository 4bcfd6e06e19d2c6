package dev.costflow.services;

/** How a call reaches its target, which decides retries and request metering for functions. */
public enum Invocation {
  /** The caller waits (API Gateway, direct invoke); errors go back to the caller. */
  SYNC,
  /** Event invocation (SNS, EventBridge, S3): Lambda retries failed events up to max_retries. */
  ASYNC,
  /** An event source mapping polls a queue or stream and invokes with batches. */
  POLL
}
