package dev.costflow.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test models copied to a temp folder (tests edit and save them). */
public final class Fixtures {
  private Fixtures() {}

  /** The commented checkout model (a copy of examples/checkout.yaml) in {@code dir}. */
  public static Path checkout(Path dir) throws IOException {
    return copy("checkout.yaml", dir);
  }

  /**
   * A 100-service model: ten copies of a checkout-like slice (API → function → table, topic →
   * two queues → batched functions …), each with its own traffic.
   */
  public static String hundredServices() {
    StringBuilder b = new StringBuilder("costflow: 1\nname: hundred\nperiod: 2025-11\npricing: {as_of: 2025-11-01}\nservices:\n");
    for (int g = 0; g < 10; g++) {
      String p = "g" + g + "-";
      b.append("  ").append(p).append("api: {type: aws.apigateway.http, traffic: {monthly: ").append(1_000_000 * (g + 1))
          .append(", shape: diurnal, peak_to_mean: 2.5}, calls: [{to: ").append(p).append("front, kb: 2}]}\n");
      b.append("  ").append(p).append("front: {type: aws.lambda, memory_mb: ").append(512 + 128 * g)
          .append(", duration_ms: {lognormal: {p50: 80, p99: 600}}, calls: [{to: ").append(p).append("table, op: write, per_call: 2}, {to: ")
          .append(p).append("events}, {to: ").append(p).append("enrich, probability: 0.3}]}\n");
      b.append("  ").append(p).append("enrich: {type: aws.lambda, memory_mb: 256, duration_ms: 40, calls: [{to: ").append(p).append("table, op: query}]}\n");
      b.append("  ").append(p).append("table: {type: aws.dynamodb, storage_gb: ").append(10 * g).append(", gsi_count: 1}\n");
      b.append("  ").append(p).append("events: {type: aws.sns, calls: [{to: ").append(p).append("q1}, {to: ").append(p).append("q2, probability: 0.4}]}\n");
      b.append("  ").append(p).append("q1: {type: aws.sqs, calls: [{to: ").append(p).append("w1, batch_size: 10, batch_window_s: 5}]}\n");
      b.append("  ").append(p).append("q2: {type: aws.sqs, calls: [{to: ").append(p).append("w2}]}\n");
      b.append("  ").append(p).append("w1: {type: aws.lambda, memory_mb: 256, duration_ms: {gamma: {mean: 120, sd: 60}}}\n");
      b.append("  ").append(p).append("w2: {type: aws.lambda, memory_mb: 128, architecture: arm64, duration_ms: 30}\n");
      b.append("  ").append(p).append("dlq: {type: aws.sqs}\n");
    }
    return b.toString();
  }

  public static Path copy(String resource, Path dir) throws IOException {
    Path out = dir.resolve(resource);
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      Files.copy(in, out);
    }
    return out;
  }
}
