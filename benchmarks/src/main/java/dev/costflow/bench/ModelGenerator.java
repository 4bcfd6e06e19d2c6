package dev.costflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a large, realistic model for benchmarks: groups of 10 services (an HTTP API with diurnal
 * traffic, three functions with log-normal durations, a table, a topic fanning out to two queues,
 * each drained by a batched function, and a third queue without consumer).
 *
 * <pre>java -cp benchmarks/target/costflow-benchmarks.jar:benchmarks/target/lib/* dev.costflow.bench.ModelGenerator 1000 big.yaml</pre>
 */
public final class ModelGenerator {
  private ModelGenerator() {}

  public static void main(String[] args) throws IOException {
    int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path out = Path.of(args.length > 1 ? args[1] : "generated-" + services + ".yaml");
    Files.writeString(out, generate(services, 42), StandardCharsets.UTF_8);
    System.err.println("wrote " + out + " (" + services + " services)");
  }

  public static String generate(int services, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder();
    b.append("costflow: 1\nname: generated-").append(services).append("\nperiod: 2025-11\npricing: {as_of: 2025-11-01, free_tier: true}\nservices:\n");
    int groups = Math.max(1, services / 10);
    for (int g = 0; g < groups; g++) {
      String p = "g" + g + "-";
      b.append(String.format(Locale.US, "  %sapi:%n    type: aws.apigateway.http%n    traffic: {monthly: %d, shape: diurnal, peak_to_mean: %.2f, kb: {lognormal: {p50: 2, p99: 40}}}%n",
          p, 100_000 + r.nextInt(50_000_000), 1.5 + r.nextDouble() * 2));
      b.append("    calls: [{to: ").append(p).append("front}]\n");
      b.append(fn(p + "front", r, "[{to: " + p + "table, op: write, per_call: 2, kb: 1.5}, {to: " + p + "table, op: read, kb: 3}, {to: " + p + "events, kb: 4}, {to: "
          + p + "enrich, probability: 0.3}]"));
      b.append(fn(p + "enrich", r, "[{to: " + p + "table, op: query, kb: 12}]"));
      b.append("  ").append(p).append("table:\n    type: aws.dynamodb\n    gsi_count: ").append(r.nextInt(3)).append("\n    storage_gb: ").append(r.nextInt(200)).append('\n');
      b.append("  ").append(p).append("events:\n    type: aws.sns\n    calls: [{to: ").append(p).append("q1}, {to: ").append(p).append("q2, probability: 0.4}]\n");
      b.append("  ").append(p).append("q1:\n    type: aws.sqs\n    calls: [{to: ").append(p).append("w1, batch_size: 10, batch_window_s: 5}]\n");
      b.append("  ").append(p).append("q2:\n    type: aws.sqs\n    calls: [{to: ").append(p).append("w2}]\n");
      b.append(fn(p + "w1", r, null));
      b.append(fn(p + "w2", r, null));
    }
    return b.toString();
  }

  private static String fn(String id, Random r, String calls) {
    double p50 = 10 + r.nextDouble() * 300;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.US, "  %s:%n    type: aws.lambda%n    memory_mb: %d%n    architecture: %s%n    duration_ms: {lognormal: {p50: %.1f, p99: %.1f}}%n",
        id, 128 + 64 * r.nextInt(30), r.nextBoolean() ? "arm64" : "x86_64", p50, p50 * (2 + r.nextDouble() * 10)));
    if (calls != null) {
      b.append("    calls: ").append(calls).append('\n');
    }
    return b.toString();
  }
}
