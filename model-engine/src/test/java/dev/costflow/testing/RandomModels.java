package dev.costflow.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded random models for property tests: an API layer calling functions, functions writing to
 * tables, publishing to topics and sending to queues, queues drained by functions. Every model
 * is valid; the YAML can be produced with the services in any order and with traffic scaled.
 */
public final class RandomModels {
  private RandomModels() {}

  /** One service's YAML block, by id. */
  public record Block(String id, String yaml) {}

  public record Generated(List<Block> blocks, String header) {
    public String yaml() {
      return yaml(blocks);
    }

    public String yaml(List<Block> order) {
      StringBuilder b = new StringBuilder(header);
      b.append("services:\n");
      for (Block x : order) {
        b.append(x.yaml());
      }
      return b.toString();
    }

    public String shuffled(long seed) {
      List<Block> copy = new ArrayList<>(blocks);
      Collections.shuffle(copy, new Random(seed));
      return yaml(copy);
    }
  }

  /** A random model; {@code trafficScale} multiplies every traffic rate. */
  public static Generated generate(long seed, double trafficScale) {
    Random r = new Random(seed);
    boolean freeTier = r.nextBoolean();
    boolean oldEra = r.nextInt(4) == 0; // the 100 ms era, before Arm functions existed
    String header = "costflow: 1\nname: random-" + seed + "\nperiod: " + (r.nextBoolean() ? "2025-0" + (1 + r.nextInt(9)) : "{hours: " + (24 + r.nextInt(800)) + "}")
        + "\npricing: {as_of: " + (oldEra ? "2020-06-01" : "2025-11-01") + ", free_tier: " + freeTier + "}\n";
    int apis = 1 + r.nextInt(2);
    int functions = 2 + r.nextInt(4);
    int queues = r.nextInt(3);
    int topics = r.nextInt(2);
    int tables = 1 + r.nextInt(2);
    List<Block> blocks = new ArrayList<>();
    List<String> fnIds = new ArrayList<>();
    for (int i = 0; i < functions; i++) {
      fnIds.add("fn" + i);
    }
    String[] shapes = {"flat", "diurnal", "weekly", "business_hours"};
    for (int i = 0; i < apis; i++) {
      String type = r.nextBoolean() ? "aws.apigateway.http" : "aws.apigateway.rest";
      double monthly = Math.round((1000 + r.nextDouble() * 5e7) * trafficScale);
      String shape = shapes[r.nextInt(shapes.length)];
      double ptm = shape.equals("flat") ? 1 : 1.2 + r.nextDouble() * 2.5;
      StringBuilder y = new StringBuilder();
      y.append("  api").append(i).append(":\n    type: ").append(type).append('\n');
      y.append(String.format(Locale.US, "    traffic: {monthly: %.0f, shape: %s, peak_to_mean: %.2f, kb: %.1f}%n", monthly, shape, ptm, 0.5 + r.nextDouble() * 20));
      y.append("    calls:\n");
      y.append("      - {to: ").append(fnIds.get(r.nextInt(functions))).append("}\n");
      blocks.add(new Block("api" + i, y.toString()));
    }
    for (int i = 0; i < functions; i++) {
      StringBuilder y = new StringBuilder();
      y.append("  fn").append(i).append(":\n    type: aws.lambda\n");
      y.append("    memory_mb: ").append(128 + 64 * r.nextInt(40)).append('\n');
      y.append("    architecture: ").append(!oldEra && r.nextBoolean() ? "arm64" : "x86_64").append('\n');
      double p50 = 5 + r.nextDouble() * 400;
      switch (r.nextInt(4)) {
        case 0 -> y.append(String.format(Locale.US, "    duration_ms: %.1f%n", p50));
        case 1 -> y.append(String.format(Locale.US, "    duration_ms: {lognormal: {p50: %.1f, p99: %.1f}}%n", p50, p50 * (1.5 + r.nextDouble() * 8)));
        case 2 -> y.append(String.format(Locale.US, "    duration_ms: {gamma: {mean: %.1f, sd: %.1f}}%n", p50, p50 * (0.1 + r.nextDouble())));
        default -> y.append(String.format(Locale.US, "    duration_ms: {percentiles: {p50: %.1f, p90: %.1f, p99: %.1f, max: %.1f}}%n", p50, p50 * 2, p50 * 4, p50 * 6));
      }
      if (r.nextInt(3) == 0) {
        y.append(String.format(Locale.US, "    error_rate: %.3f%n", r.nextDouble() * 0.2));
      }
      List<String> calls = new ArrayList<>();
      // only call "later" functions to stay acyclic
      for (int j = i + 1; j < functions; j++) {
        if (r.nextInt(4) == 0) {
          calls.add(String.format(Locale.US, "{to: fn%d, probability: %.2f}", j, 0.1 + r.nextDouble() * 0.9));
        }
      }
      for (int t = 0; t < tables; t++) {
        if (r.nextBoolean()) {
          String[] ops = {"read", "read_strong", "write", "query", "transact_write"};
          calls.add(String.format(Locale.US, "{to: table%d, op: %s, per_call: %.1f, kb: %.1f}", t, ops[r.nextInt(ops.length)], 1 + r.nextInt(3) * 1.0, 0.2 + r.nextDouble() * 12));
        }
      }
      for (int q = 0; q < queues; q++) {
        if (r.nextInt(3) == 0) {
          calls.add(String.format(Locale.US, "{to: queue%d, kb: %.1f}", q, 0.5 + r.nextDouble() * 150));
        }
      }
      for (int t = 0; t < topics; t++) {
        if (r.nextInt(3) == 0) {
          calls.add(String.format(Locale.US, "{to: topic%d, kb: %.1f}", t, 0.5 + r.nextDouble() * 100));
        }
      }
      if (!calls.isEmpty()) {
        y.append("    calls:\n");
        for (String c : calls) {
          y.append("      - ").append(c).append('\n');
        }
      }
      blocks.add(new Block("fn" + i, y.toString()));
    }
    for (int q = 0; q < queues; q++) {
      StringBuilder y = new StringBuilder();
      y.append("  queue").append(q).append(":\n    type: aws.sqs\n");
      String consumer = fnIds.get(r.nextInt(functions));
      // a queue drained by a function that does not itself send to the queue (keep acyclic): use a fresh function
      y.append("    calls:\n      - {to: drain").append(q).append(r.nextBoolean() ? ", batch_size: 10, batch_window_s: " + (1 + r.nextInt(10)) : "").append("}\n");
      blocks.add(new Block("queue" + q, y.toString()));
      blocks.add(new Block("drain" + q, String.format(Locale.US, "  drain%d:%n    type: aws.lambda%n    memory_mb: 256%n    duration_ms: %.1f%n", q, 20 + r.nextDouble() * 300)));
    }
    for (int t = 0; t < topics; t++) {
      StringBuilder y = new StringBuilder();
      y.append("  topic").append(t).append(":\n    type: aws.sns\n    calls:\n");
      y.append("      - {to: sub").append(t).append("}\n");
      y.append(String.format(Locale.US, "      - {to: subq%d, probability: %.2f}%n", t, 0.1 + r.nextDouble() * 0.9));
      blocks.add(new Block("topic" + t, y.toString()));
      blocks.add(new Block("sub" + t, "  sub" + t + ":\n    type: aws.lambda\n    error_rate: 0.05\n"));
      blocks.add(new Block("subq" + t, "  subq" + t + ":\n    type: aws.sqs\n"));
    }
    for (int t = 0; t < tables; t++) {
      blocks.add(new Block("table" + t, String.format(Locale.US, "  table%d:%n    type: aws.dynamodb%n    gsi_count: %d%n    storage_gb: %d%n", t, r.nextInt(3), r.nextInt(100))));
    }
    return new Generated(blocks, header);
  }
}
