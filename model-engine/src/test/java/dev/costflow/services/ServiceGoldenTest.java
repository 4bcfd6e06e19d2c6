package dev.costflow.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One golden model per service type (src/test/resources/golden/services/TYPE.yaml) and its
 * expected lines, unrounded (TYPE.golden.txt). Regenerate with -Dgolden.update=true and review
 * the diff: every change of a number here is a change of what users are told they will pay.
 */
class ServiceGoldenTest {
  static final Path DIR = TestModels.repoRoot().resolve("model-engine/src/test/resources/golden/services");

  @TestFactory
  Stream<DynamicTest> everyServiceTypeHasAGoldenModel() throws IOException {
    List<Path> models;
    try (Stream<Path> s = Files.list(DIR)) {
      models = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> check(m)));
  }

  @org.junit.jupiter.api.Test
  void everyKnownTypeIsCovered() throws IOException {
    for (String type : ServiceKinds.types()) {
      assertThat(DIR.resolve(type + ".yaml")).as("golden model for " + type).exists();
    }
  }

  static void check(Path model) throws IOException {
    Estimate e = Estimator.bundled().estimate(ModelReader.read(model));
    String actual = dump(e);
    Path golden = model.resolveSibling(model.getFileName().toString().replace(".yaml", ".golden.txt"));
    if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden %s (regenerate with -Dgolden.update=true and review)", golden.getFileName()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  /** Every number unrounded, one line per metered line. */
  static String dump(Estimate e) {
    StringBuilder b = new StringBuilder();
    b.append("model ").append(e.model().name()).append(" period ").append(e.period().label()).append(" hours ").append(e.period().hours())
        .append(" as_of ").append(e.asOf()).append(" free_tier ").append(e.model().pricing().freeTier()).append('\n');
    for (ServiceCost s : e.services()) {
      b.append("service ").append(s.id()).append(' ').append(s.type()).append(" calls ").append(s.calls()).append(" cost ").append(s.costUsd().toPlainString()).append('\n');
      for (LineCost l : s.lines()) {
        b.append("  ").append(l.meter()).append(" | ").append(l.meterId()).append(" | ").append(l.quantity()).append(' ').append(l.unit())
            .append(" | free ").append(l.freeQuantity().toPlainString()).append(" | billable ").append(l.billableQuantity().toPlainString())
            .append(" | cost ").append(l.costUsd().toPlainString()).append('\n');
        b.append("    ").append(l.detail()).append('\n');
      }
    }
    b.append("total ").append(e.totalUsd().toPlainString()).append('\n');
    for (var w : e.warnings()) {
      b.append("warning ").append(w.message()).append('\n');
    }
    return b.toString();
  }
}
