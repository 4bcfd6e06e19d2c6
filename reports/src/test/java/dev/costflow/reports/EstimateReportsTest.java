package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Golden files of every estimate format for the bundled examples (-Dgolden.update=true to regenerate). */
class EstimateReportsTest {
  static final Path GOLDEN = TestModels.repoRoot().resolve("reports/src/test/resources/golden/estimate");

  @TestFactory
  Stream<DynamicTest> examplesInEveryFormat() {
    List<String> examples = List.of("checkout", "fanout", "nightly-batch");
    List<String> formats = List.of("txt", "json", "md", "csv");
    return examples.stream().flatMap(ex -> formats.stream().map(fmt -> DynamicTest.dynamicTest(ex + "." + fmt, () -> {
      Estimate e = Estimator.bundled().estimate(ModelReader.read(TestModels.repoRoot().resolve("examples/" + ex + ".yaml")));
      Function<Estimate, String> r = switch (fmt) {
        case "txt" -> EstimateReports::table;
        case "json" -> EstimateReports::json;
        case "md" -> EstimateReports::markdown;
        default -> EstimateReports::csv;
      };
      // file names in warnings are machine-specific: make them relative
      String actual = r.apply(e).replace(TestModels.repoRoot().resolve("examples").toString() + "/", "examples/");
      golden(ex + "." + fmt, actual);
    })));
  }

  static void golden(String name, String actual) throws IOException {
    Path f = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(f)) {
      Files.createDirectories(f.getParent());
      Files.writeString(f, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden " + name + " (regenerate with -Dgolden.update=true and review the diff)").isEqualTo(Files.readString(f, StandardCharsets.UTF_8));
  }

  @Test
  void hostileModelNamesAreEscapedInEveryFormat() {
    String name = "=HYPERLINK(\"http://x\")|<script>alert(1)</script>](javascript:alert(1)) @team";
    Estimate e = TestModels.estimate("costflow: 1\nname: '" + name + "'\nservices:\n  f: {type: aws.lambda, traffic: {monthly: 10}}\n");
    assertThat(e.model().name()).isEqualTo(name);
    String md = EstimateReports.markdown(e);
    assertThat(md).doesNotContain("<script>").doesNotContain("](javascript").doesNotContain(" @team").contains("&lt;script&gt;");
    assertThat(md.lines().filter(l -> l.startsWith("| f | aws.lambda"))).singleElement().matches(l -> l.chars().filter(c -> c == '|').count() == 5);
    String table = EstimateReports.table(e);
    assertThat(table).doesNotContain("\u001b");
    String json = EstimateReports.json(e);
    assertThat(json).contains("\"model\" : \"=HYPERLINK(");
  }

  @Test
  void csvDefusesFormulas() {
    assertThat(Escape.csv("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
    assertThat(Escape.csv("@SUM(1)")).isEqualTo("'@SUM(1)");
    assertThat(Escape.csv("a,b")).isEqualTo("\"a,b\"");
    assertThat(Escape.csv("plain")).isEqualTo("plain");
  }

  @Test
  void markdownEscapesTableBreakersAndLinks() {
    assertThat(Escape.markdown("a|b")).isEqualTo("a\\|b");
    assertThat(Escape.markdown("[x](http://evil)")).isEqualTo("\\[x\\]\\(http\\://evil\\)");
    assertThat(Escape.markdown("a: b")).isEqualTo("a: b");
    assertThat(Escape.markdown("@here")).isEqualTo("\\@here");
    assertThat(Escape.markdown("# title")).isEqualTo("\\# title");
    assertThat(Escape.markdown("line\nbreak")).isEqualTo("line break");
    assertThat(Escape.html("<a href='x'>&</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  }

  @Test
  void moneyIsRoundedOnlyForDisplay() {
    assertThat(Format.usd(new java.math.BigDecimal("1234.565"))).isEqualTo("$1,234.57");
    assertThat(Format.usd(new java.math.BigDecimal("0.004"))).isEqualTo("<$0.01");
    assertThat(Format.usd(java.math.BigDecimal.ZERO)).isEqualTo("$0.00");
    assertThat(Format.count(30_000_000)).isEqualTo("30.0M");
    assertThat(Format.count(1_234)).isEqualTo("1.23K");
    assertThat(Format.unitPrice(new java.math.BigDecimal("0.0000002"), "requests")).isEqualTo("$0.20 per M requests");
    assertThat(Format.unitPrice(new java.math.BigDecimal("0.0000166667"), "GB-s")).isEqualTo("$0.0000166667 per GB-s");
  }
}
