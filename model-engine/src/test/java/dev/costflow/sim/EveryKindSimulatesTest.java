package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.services.ServiceKinds;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every service type simulates through the Quantities seam: the golden model of each type runs,
 * its runs are reproducible, its statistics ordered and whole-number usage priced, and its mean
 * stays near the estimate (within 25 %: state effects such as batches may move it, a broken seam
 * would move it far more).
 */
class EveryKindSimulatesTest {
  static final Path DIR = TestModels.repoRoot().resolve("model-engine/src/test/resources/golden/services");

  @TestFactory
  Stream<DynamicTest> everyGoldenModelSimulates() throws IOException {
    List<Path> models;
    try (Stream<Path> s = Files.list(DIR)) {
      models = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(models).hasSizeGreaterThanOrEqualTo(ServiceKinds.types().size());
    Simulator sim = Simulator.bundled();
    return models.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      Model m = ModelReader.read(p);
      Simulation a = sim.simulate(m, new SimOptions(6, 3, 2));
      Simulation b = sim.simulate(m, new SimOptions(6, 3, 1));
      assertThat(b.totalUsd()).isEqualTo(a.totalUsd());
      SimulatorTest.assertOrdered(a.totalUsd());
      for (ServiceStats ss : a.services()) {
        SimulatorTest.assertOrdered(ss.costUsd());
      }
      BigDecimal est = a.estimate().totalUsd();
      if (est.signum() > 0) {
        assertThat(a.totalUsd().mean().subtract(est).abs()).as("simulated mean vs estimate " + est).isLessThan(est.multiply(new BigDecimal("0.25")));
      }
    }));
  }
}
