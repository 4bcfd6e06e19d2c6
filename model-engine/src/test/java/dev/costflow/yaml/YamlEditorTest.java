package dev.costflow.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlEditorTest {
  static final String MODEL =
      """
      costflow: 1
      name: checkout   # the shop
      services:
        # the public API
        web:
          type: aws.apigateway.http
          traffic: { monthly: 30000000, shape: diurnal }
          calls:
            - to: checkout
              kb: 2
        checkout:
          type: aws.lambda
          memory_mb: 1024      # tuned in March
          duration_ms: { lognormal: { p50: 120, p99: 900 } }
          calls:
            - { to: orders, op: write, per_call: 2 }
        orders:
          type: aws.dynamodb
      """;

  private static YNode at(String text, String dotted) throws Exception {
    YNode n = YTrees.parse(text, "m.yaml");
    for (String k : dotted.split("\\.")) {
      n = n instanceof YMap m ? m.get(k).orElse(null) : ((YList) n).items().get(Integer.parseInt(k));
    }
    return n;
  }

  private static String scalarAt(String text, String dotted) throws Exception {
    return ((YScalar) at(text, dotted)).text();
  }

  @Test
  void replacesABlockScalarKeepingItsComment() throws Exception {
    String out = new YamlEditor(MODEL, "m.yaml").set(List.of("services", "checkout", "memory_mb"), YamlWriter.num(2048), null).text();
    assertThat(scalarAt(out, "services.checkout.memory_mb")).isEqualTo("2048");
    assertThat(out).contains("memory_mb: 2048      # tuned in March").contains("# the public API").contains("name: checkout   # the shop");
  }

  @Test
  void replacesAValueInsideAFlowMapping() throws Exception {
    String out = new YamlEditor(MODEL, "m.yaml").set(List.of("services", "web", "traffic", "monthly"), YamlWriter.num(45000000), null).text();
    assertThat(scalarAt(out, "services.web.traffic.monthly")).isEqualTo("45000000");
    assertThat(out).contains("traffic: { monthly: 45000000, shape: diurnal }");
  }

  @Test
  void replacesAValueInAFlowListItem() throws Exception {
    String out = new YamlEditor(MODEL, "m.yaml").set(List.of("services", "checkout", "calls", "0", "per_call"), YamlWriter.num(3), null).text();
    assertThat(scalarAt(out, "services.checkout.calls.0.per_call")).isEqualTo("3");
    assertThat(scalarAt(out, "services.checkout.calls.0.op")).isEqualTo("write");
  }

  @Test
  void replacesAFlowDistributionWithANumber() throws Exception {
    String out = new YamlEditor(MODEL, "m.yaml").set(List.of("services", "checkout", "duration_ms"), YamlWriter.num(250), "was lognormal").text();
    assertThat(scalarAt(out, "services.checkout.duration_ms")).isEqualTo("250");
    assertThat(out).contains("duration_ms: 250  # was lognormal");
  }

  @Test
  void addsKeysToBlockAndFlowMappings() throws Exception {
    YamlEditor ed = new YamlEditor(MODEL, "m.yaml");
    ed.set(List.of("services", "orders", "gsi_count"), YamlWriter.num(2), "added");
    ed.set(List.of("services", "web", "traffic", "peak_to_mean"), YamlWriter.num(3), null);
    ed.set(List.of("services", "checkout", "calls", "0", "kb"), YamlWriter.num(1.5), null);
    String out = ed.text();
    assertThat(scalarAt(out, "services.orders.gsi_count")).isEqualTo("2");
    assertThat(scalarAt(out, "services.orders.type")).isEqualTo("aws.dynamodb");
    assertThat(scalarAt(out, "services.web.traffic.peak_to_mean")).isEqualTo("3");
    assertThat(scalarAt(out, "services.checkout.calls.0.kb")).isEqualTo("1.5");
    assertThat(out).contains("# the public API").contains("# tuned in March");
  }

  @Test
  void addsAKeyInTheMiddleOfTheFile() throws Exception {
    String out = new YamlEditor(MODEL, "m.yaml").set(List.of("services", "web", "description"), YamlWriter.str("public entry"), null).text();
    assertThat(scalarAt(out, "services.web.description")).isEqualTo("public entry");
    assertThat(scalarAt(out, "services.web.calls.0.to")).isEqualTo("checkout");
    assertThat(scalarAt(out, "services.checkout.type")).isEqualTo("aws.lambda");
  }

  @Test
  void writerOutputReadsBackToTheSameTree() throws Exception {
    YNode tree = YTrees.parse(MODEL, "m.yaml");
    String written = YamlWriter.write(tree);
    assertThat(YTrees.sameValue(YTrees.parse(written, "w.yaml"), tree)).as(written).isTrue();
  }

  @Test
  void writerQuotesWhatYamlWouldMisread() throws Exception {
    YMap m = new YMap(List.of(
        new YEntry("a", Position.of("x"), YamlWriter.str("yes")),
        new YEntry("b", Position.of("x"), YamlWriter.str("123")),
        new YEntry("c", Position.of("x"), YamlWriter.str("a: b # c")),
        new YEntry("d", Position.of("x"), YamlWriter.str("line\nbreak"))), Position.of("x"));
    YNode back = YTrees.parse(YamlWriter.write(m), "w");
    assertThat(YTrees.sameValue(back, m)).isTrue();
  }
}
