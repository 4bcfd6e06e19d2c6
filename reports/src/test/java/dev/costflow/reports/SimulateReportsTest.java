package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.sim.Comparison;
import dev.costflow.sim.SimOptions;
import dev.costflow.sim.Simulation;
import dev.costflow.sim.Simulator;
import dev.costflow.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden files of the simulate formats (-Dgolden.update=true to regenerate; review the diff). */
class SimulateReportsTest {
  static final Path GOLDEN = TestModels.repoRoot().resolve("reports/src/test/resources/golden/simulate");
  static final Simulator SIM = Simulator.bundled();

  static Model example(String name, List<String> sets) {
    return ModelReader.read(TestModels.repoRoot().resolve("examples/" + name + ".yaml"), sets);
  }

  static String relative(String s) {
    return s.replace(TestModels.repoRoot().resolve("examples").toString() + "/", "examples/");
  }

  @TestFactory
  Stream<DynamicTest> examplesInEveryFormat() {
    return Stream.of("checkout", "nightly-batch").flatMap(ex -> {
      Simulation s = SIM.simulate(example(ex, List.of()), new SimOptions(20, 42, 2));
      return Stream.of(
          DynamicTest.dynamicTest(ex + ".txt", () -> golden(ex + ".txt", relative(SimulateReports.table(s)))),
          DynamicTest.dynamicTest(ex + ".json", () -> golden(ex + ".json", relative(SimulateReports.json(s)))),
          DynamicTest.dynamicTest(ex + ".md", () -> golden(ex + ".md", relative(SimulateReports.markdown(s)))));
    });
  }

  @TestFactory
  Stream<DynamicTest> comparisonInEveryFormat() {
    Comparison c = SIM.compare(example("checkout", List.of()), example("checkout", List.of("services.checkout.memory_mb=2048", "services.checkout.keep_alive_min=30")),
        new SimOptions(20, 42, 2));
    return Stream.of(
        DynamicTest.dynamicTest("compare.txt", () -> golden("compare.txt", relative(SimulateReports.table(c)))),
        DynamicTest.dynamicTest("compare.json", () -> golden("compare.json", relative(SimulateReports.json(c)))),
        DynamicTest.dynamicTest("compare.md", () -> golden("compare.md", relative(SimulateReports.markdown(c)))));
  }

  static void golden(String name, String actual) throws java.io.IOException {
    EstimateReportsTest.golden(GOLDEN.resolve(name), actual);
  }

  @Test
  void provisionedConcurrencyAndThrottlesAreShown() {
    Model m = TestModels.parse("""
        costflow: 1
        name: busy
        period: {hours: 24}
        limits: {concurrency: 20}
        services:
          api:
            type: aws.apigateway.http
            traffic: {rps: 25}
            calls: [{to: fn}]
          fn:
            type: aws.lambda
            duration_ms: 900
            provisioned_concurrency: {count: 10}
        """);
    Simulation s = SIM.simulate(m, new SimOptions(4, 1, 1));
    String table = SimulateReports.table(s);
    assertThat(table).contains("PROVISIONED BUSY").contains("%").contains("throttles in 24 hours");
    assertThat(SimulateReports.json(s)).contains("\"provisioned_utilization\"").contains("\"throttled_hours\" : 24");
  }
}
