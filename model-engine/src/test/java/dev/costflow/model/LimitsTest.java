package dev.costflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {
  private static final String SERVICES = "services:\n  f: {type: aws.lambda}\n";

  @Test
  void defaultsToTheAccountQuota() {
    Model m = TestModels.parse(SERVICES);
    assertThat(m.limits()).isEqualTo(new Limits(1000, 2));
  }

  @Test
  void readsTheLimits() {
    Model m = TestModels.parse("limits: {concurrency: 3000, sync_retries: 0}\n" + SERVICES);
    assertThat(m.limits()).isEqualTo(new Limits(3000, 0));
  }

  @Test
  void aWhatIfCanSetThem() {
    Model m = ModelReader.read("costflow: 1\nname: t\n" + SERVICES, "t.yaml", java.nio.file.Path.of("."), List.of("limits.concurrency=50"), java.util.Optional.empty());
    assertThat(m.limits().concurrency()).isEqualTo(50);
  }

  @Test
  void badLimitsPointAtTheKey() {
    assertThatThrownBy(() -> TestModels.parse("limits:\n  concurrency: 0\n" + SERVICES))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("test.yaml:4:16")
        .hasMessageContaining("limits.concurrency");
    assertThatThrownBy(() -> TestModels.parse("limits:\n  concurency: 10\n" + SERVICES))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("test.yaml:4:3")
        .hasMessageContaining("did you mean 'concurrency'");
    assertThatThrownBy(() -> TestModels.parse("limits: {sync_retries: many}\n" + SERVICES))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("limits.sync_retries");
  }
}
