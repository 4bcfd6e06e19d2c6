package dev.costflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Exponential;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Gamma;
import dev.costflow.dist.LogNormal;
import dev.costflow.dist.Normal;
import dev.costflow.dist.Uniform;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.model.Service;
import dev.costflow.pricing.CatalogLoader;
import dev.costflow.services.MeterContext;
import dev.costflow.services.MeteredLine;
import dev.costflow.services.Quantities;
import dev.costflow.testing.RandomModels;
import dev.costflow.testing.TestModels;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded properties of regions and rounding: a region changes prices, never quantities; 100 ms never bills less than 1 ms. */
class RegionPropertiesTest {
  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1", "af-south-1", "sa-east-1", "eu-central-2");

  /** Every metered quantity of a model, in service and line order, without pricing. */
  static List<Double> quantities(Model m) {
    Workload w = Propagator.propagate(m);
    LocalDate asOf = m.pricing().asOf().orElse(CatalogLoader.bundled().asOf());
    List<Double> out = new ArrayList<>();
    for (Service s : m.services()) {
      for (MeteredLine l : s.kind().meter(new MeterContext(m, s, w.load(s.id()), w.outflows().get(s.id()), asOf, Quantities.EXPECTED, w.loads()))) {
        out.add(l.quantity());
      }
    }
    return out;
  }

  static Model read(String yaml, List<String> sets) {
    return ModelReader.read(yaml, "random.yaml", Path.of("."), sets, Optional.empty());
  }

  @Test
  void aRegionNeverChangesQuantities() {
    Random r = new Random(20261123);
    for (long seed = 1; seed <= 30; seed++) {
      String yaml = RandomModels.generate(seed, 1).yaml();
      Model base = read(yaml, List.of());
      // The region also picks the default time zone of traffic shapes: pin it, so only prices may move.
      List<String> pins = new ArrayList<>();
      for (Service s : base.services()) {
        if (s.traffic().isPresent()) {
          pins.add("services." + s.id() + ".traffic.timezone=America/New_York");
        }
      }
      List<Double> expected = quantities(read(yaml, pins));
      String region = REGIONS.get(1 + r.nextInt(REGIONS.size() - 1));
      List<String> sets = new ArrayList<>(pins);
      sets.add("region=" + region);
      assertThat(quantities(read(yaml, sets))).as("seed %d in %s", seed, region).isEqualTo(expected);
    }
  }

  @Test
  void aRegionChangesOnlyPrices() {
    String yaml = """
        pricing: {as_of: 2025-11-01}
        services:
          flow: {type: aws.stepfunctions, transitions: 8, traffic: {monthly: 1000000}, calls: [fn]}
          fn: {type: aws.lambda, memory_mb: 1024, ephemeral_storage_mb: 1024, duration_ms: {lognormal: {p50: 90, p99: 800}}}
        """;
    Estimate east = TestModels.estimate(yaml);
    Estimate brazil = TestModels.estimate("region: sa-east-1\n" + yaml);
    for (ServiceCost s : east.services()) {
      ServiceCost other = brazil.service(s.id()).orElseThrow();
      assertThat(other.calls()).isEqualTo(s.calls());
      for (int i = 0; i < s.lines().size(); i++) {
        assertThat(other.lines().get(i).quantity()).isEqualTo(s.lines().get(i).quantity());
      }
    }
    // $0.0375 vs $0.025 per 1,000 transitions; ephemeral storage $0.0000000586 vs $0.0000000309 per GB-s
    assertThat(brazil.service("flow").orElseThrow().costUsd()).isEqualByComparingTo(east.service("flow").orElseThrow().costUsd().multiply(new java.math.BigDecimal("1.5")));
    assertThat(brazil.totalUsd()).isGreaterThan(east.totalUsd());
  }

  static Distribution randomDuration(Random r) {
    double m = 1 + r.nextDouble() * 2000;
    return switch (r.nextInt(6)) {
      case 0 -> new Fixed(m);
      case 1 -> new Uniform(m * r.nextDouble(), m * (1 + r.nextDouble()));
      case 2 -> LogNormal.ofPercentiles(m, m * (1.5 + r.nextDouble() * 20));
      case 3 -> Gamma.ofMoments(m, m * (0.05 + r.nextDouble() * 2));
      case 4 -> new Exponential(m);
      default -> new Normal(m, m * r.nextDouble());
    };
  }

  @Test
  void hundredMsRoundingNeverBillsLessThanOneMs() {
    Random r = new Random(7);
    for (int i = 0; i < 400; i++) {
      Distribution d = randomDuration(r);
      double billed100 = d.expectedUnits(100, 0, Distribution.NO_CAP) * 100;
      double billed1 = d.expectedUnits(1, 0, Distribution.NO_CAP);
      assertThat(billed100).as("%s", d.describe()).isGreaterThanOrEqualTo(billed1 - 1e-9 * billed1);
      assertThat(billed1).as("%s", d.describe()).isGreaterThanOrEqualTo(d.mean() * (1 - 1e-9));
    }
  }

  @Test
  void lambdasHundredMsEraNeverBillsLessThanItsOneMsEra() {
    Random r = new Random(11);
    for (int i = 0; i < 40; i++) {
      String duration = describe(randomDuration(r));
      String model = """
          services:
            fn: {type: aws.lambda, memory_mb: %d, duration_ms: %s, traffic: {monthly: 1000000}}
          """.formatted(128 + 64 * r.nextInt(40), duration);
      double old = TestModels.estimate("pricing: {as_of: 2020-06-01}\n" + model).service("fn").orElseThrow().lines().get(1).quantity();
      double now = TestModels.estimate("pricing: {as_of: 2021-06-01}\n" + model).service("fn").orElseThrow().lines().get(1).quantity();
      assertThat(old).as(duration).isGreaterThanOrEqualTo(now * (1 - 1e-12));
    }
  }

  @Test
  void hundredMsKindsNeverBillLessThanTheirOneMsDuration() {
    Random r = new Random(13);
    for (int i = 0; i < 30; i++) {
      String duration = describe(randomDuration(r));
      // Step Functions Express and Cloud Functions bill 100 ms steps: at least the 1 ms-rounded time.
      Estimate sfn = TestModels.estimate("""
          services:
            f: {type: aws.stepfunctions, workflow: express, memory_mb: 64, duration_ms: %s, traffic: {monthly: 3600}}
          """.formatted(duration));
      Distribution d = sfn.model().service("f").orElseThrow().spec(dev.costflow.services.StepFunctionsKind.Spec.class).durationMs();
      double oneMsGbHours = 3600 * d.expectedUnits(1, 0, Distribution.NO_CAP) / 1000.0 * 0.0625 / 3600;
      assertThat(sfn.service("f").orElseThrow().lines().get(1).quantity()).as(duration).isGreaterThanOrEqualTo(oneMsGbHours * (1 - 1e-12));
      Estimate gcf = TestModels.estimate("""
          cloud: gcp
          services:
            f: {type: gcp.cloudfunctions, memory_mb: 1024, duration_ms: %s, traffic: {monthly: 1000}}
          """.formatted(duration));
      double oneMsGbs = 1000 * d.expectedUnits(1, 0, Distribution.NO_CAP) / 1000.0;
      assertThat(gcf.service("f").orElseThrow().lines().get(1).quantity()).as(duration).isGreaterThanOrEqualTo(oneMsGbs * (1 - 1e-12));
    }
  }

  /** A distribution written as model YAML. */
  static String describe(Distribution d) {
    if (d instanceof Fixed f) {
      return Double.toString(f.value());
    }
    if (d instanceof Uniform u) {
      return "{uniform: {min: " + u.min() + ", max: " + u.max() + "}}";
    }
    if (d instanceof Exponential e) {
      return "{exponential: {mean: " + e.meanValue() + "}}";
    }
    if (d instanceof Normal n) {
      return "{normal: {mean: " + n.mu() + ", sd: " + n.sd() + "}}";
    }
    // log-normal and gamma by their moments (as the model file writes them)
    double mean = d.mean();
    double sd = Math.sqrt(Math.max(1e-12, secondMoment(d) - mean * mean));
    return d instanceof LogNormal ? "{lognormal: {mean: " + mean + ", sd: " + sd + "}}" : "{gamma: {mean: " + mean + ", sd: " + sd + "}}";
  }

  private static double secondMoment(Distribution d) {
    if (d instanceof LogNormal l) {
      return Math.exp(2 * l.mu() + 2 * l.sigma() * l.sigma());
    }
    Gamma g = (Gamma) d;
    return g.shape() * g.scale() * g.scale() * (1 + g.shape());
  }
}
