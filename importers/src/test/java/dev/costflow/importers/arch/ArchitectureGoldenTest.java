package dev.costflow.importers.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real public templates (see src/test/resources/arch/ATTRIBUTION.md) imported and compared with
 * reviewed expected models. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class ArchitectureGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/arch");

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("sam-shopping-cart", "template.yaml", "sam"),
        Arguments.of("sam-http-api-sqs", "template.yaml", "sam"),
        Arguments.of("sam-eventbridge", "template.yaml", "sam"),
        Arguments.of("sam-http-api-eventbridge", "template.yaml", "sam"),
        Arguments.of("sam-dynamodb-stream", "template.yaml", "sam"),
        Arguments.of("sam-step-functions", "template.yaml", "sam"),
        Arguments.of("cfn-apigateway-lambda", "template.json", "sam"),
        Arguments.of("cfn-s3-lambda-trigger", "template.json", "sam"),
        Arguments.of("cfn-kitchen-sink", "template.yaml", "sam"),
        Arguments.of("sls-rest-api-dynamodb", "serverless.yml", "serverless"),
        Arguments.of("sls-eventbridge", "serverless.yml", "serverless"),
        Arguments.of("sls-order-pipeline", "serverless.yml", "serverless"));
  }

  static String importFixture(String dir, String file, String kind) {
    Path template = ROOT.resolve(dir).resolve(file);
    String shown = dir + "/" + file;
    ArchitectureImport.Result r = kind.equals("sam")
        ? ArchitectureImport.sam(template, shown, new ArchitectureImport.SamOptions("us-east-1", Optional.empty(), Map.of(), Optional.empty()))
        : ArchitectureImport.serverless(template, shown, new ArchitectureImport.ServerlessOptions(Optional.empty(), Optional.empty(), Map.of(), Optional.empty()));
    return r.modelText();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void importsAsExpected(String dir, String file, String kind) throws IOException {
    String text = importFixture(dir, file, kind);
    Path expected = ROOT.resolve(dir).resolve("expected.costflow.yaml");
    if (Boolean.getBoolean("golden.update") || !Files.exists(expected)) {
      Files.writeString(expected, text, StandardCharsets.UTF_8);
    }
    assertThat(text).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    // round trip: the model reads and estimates, and importing again gives the same text
    // (the bundled catalog prices us-east-1; a template in another region is checked there)
    Model m = ModelReader.read(text, dir, ROOT.resolve(dir), List.of("region=us-east-1"), Optional.empty());
    Estimate e = Estimator.bundled().estimate(m);
    assertThat(e.services()).isNotEmpty();
    assertThat(importFixture(dir, file, kind)).isEqualTo(text);
  }
}
