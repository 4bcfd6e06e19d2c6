package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.compare.CompareSettings;
import dev.costflow.compare.Comparator;
import dev.costflow.compare.Comparison;
import dev.costflow.compare.Platform;
import dev.costflow.engine.Estimator;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden files of the compare report in every format (-Dgolden.update=true to regenerate). */
class CompareReportsTest {
  static Comparison compare(String example, Platform p) {
    return Comparator.compare(ModelReader.read(TestModels.repoRoot().resolve("examples/" + example + ".yaml")), CompareSettings.defaults(p), Estimator.bundled());
  }

  @TestFactory
  Stream<DynamicTest> everyFormat() {
    List<String[]> cases = List.of(new String[] {"checkout", "fargate"}, new String[] {"fanout", "ec2"});
    return cases.stream().flatMap(c -> Stream.of("txt", "md", "json").map(fmt -> DynamicTest.dynamicTest(c[0] + "-" + c[1] + "." + fmt, () -> {
      Comparison cmp = compare(c[0], Platform.valueOf(c[1].toUpperCase(java.util.Locale.ROOT)));
      String out = switch (fmt) {
        case "txt" -> CompareReports.table(cmp);
        case "md" -> CompareReports.markdown(cmp);
        default -> CompareReports.json(cmp);
      };
      out = out.replace(TestModels.repoRoot().resolve("examples").toString() + "/", "examples/");
      EstimateReportsTest.golden("../compare/" + c[0] + "-" + c[1] + "." + fmt, out);
    })));
  }

  @Test
  void hostileNamesAreEscaped() {
    Comparison c = Comparator.compare(TestModels.parse("""
        costflow: 1
        name: "=HYPERLINK(\\"http://x\\") <script>alert(1)</script> | ](javascript:alert(1))"
        services:
          fn: {type: aws.lambda, traffic: {monthly: 1000}}
        """), CompareSettings.defaults(Platform.FARGATE), Estimator.bundled());
    String md = CompareReports.markdown(c);
    assertThat(md).doesNotContain("<script>").doesNotContain("](javascript:");
    assertThat(CompareReports.table(c)).doesNotContain("\u001b");
    assertThat(CompareReports.json(c)).contains("\\\"http://x\\\"");
  }
}
