package dev.costflow.services;

import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden model per region sample (src/test/resources/golden/regions/REGION.yaml): the same
 * rules at each region's rates. Regenerate with -Dgolden.update=true and review the diff.
 */
class RegionGoldenTest {
  static final Path DIR = TestModels.repoRoot().resolve("model-engine/src/test/resources/golden/regions");

  @TestFactory
  Stream<DynamicTest> everyRegionSample() throws IOException {
    List<Path> models;
    try (Stream<Path> s = Files.list(DIR)) {
      models = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> ServiceGoldenTest.check(m)));
  }
}
