package dev.costflow.testing;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds models from YAML text in tests. Shared with other modules through the test-jar. */
public final class TestModels {
  private TestModels() {}

  /** Reads a model from text; "costflow: 1" and a name are added when missing. */
  public static Model parse(String yaml) {
    String text = yaml.contains("costflow:") ? yaml : "costflow: 1\nname: test\n" + yaml;
    return ModelReader.read(text, "test.yaml", Path.of("."), List.of(), Optional.empty());
  }

  public static Estimate estimate(String yaml) {
    return Estimator.bundled().estimate(parse(yaml));
  }

  /** The repository root (tests run in a module directory). */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !p.resolve("mvnw").toFile().exists()) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("repository root not found");
    }
    return p;
  }
}
