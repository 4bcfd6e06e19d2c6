package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costflow.diff.CostDiff;
import dev.costflow.diff.ModelDiff;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YTrees;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiffReportsTest {
  static final ModelDiff DIFF = ModelDiff.bundled();
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  static String resource(String name) {
    try (InputStream in = DiffReportsTest.class.getResourceAsStream("/diff/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static YNode tree(String text, String file) {
    try {
      return YTrees.parse(text, file);
    } catch (YTrees.SyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static CostDiff diff(String base, String head) {
    return DIFF.compare(ModelDiff.Input.of(tree(base, "base.yaml"), Path.of("."), "base.yaml"), ModelDiff.Input.of(tree(head, "head.yaml"), Path.of("."), "head.yaml"));
  }

  static final DiffReports.Context CTX = DiffReports.Context.of("git:main:models/checkout.yaml", "models/checkout.yaml");

  @Test
  void goldenMarkdownJsonTable() {
    CostDiff d = diff(resource("base.yaml"), resource("head.yaml"));
    DiffReports.Context ctx = new DiffReports.Context("git:main:models/checkout.yaml", "models/checkout.yaml",
        new DiffPolicy(Optional.of(new BigDecimal("50")), Optional.of(new BigDecimal("25"))));
    Golden.assertMatches("diff/checkout.md", DiffReports.markdown(d, ctx));
    Golden.assertMatches("diff/checkout.json", DiffReports.json(d, ctx));
    Golden.assertMatches("diff/checkout.txt", DiffReports.table(d, ctx));
  }

  @Test
  void markdownIsMadeForAPullRequestComment() {
    CostDiff d = diff(resource("base.yaml"), resource("head.yaml"));
    String md = DiffReports.markdown(d, CTX);
    assertThat(md).startsWith(DiffReports.MARKER + "\n### costflow · checkout: ");
    assertThat(md).contains("This change raises the cost of checkout by ");
    assertThat(md).contains("| Service | Type | Status | Before | After | Change |");
    assertThat(md).contains("**What changed the cost**");
    assertThat(md).contains("checkout: memory\\_mb 512 → 1024 MB");
    assertThat(md).contains("new subscriber audit-queue on order-events");
    assertThat(md).contains("removed service legacy-audit");
    assertThat(md).contains("<details><summary>Details</summary>");
    assertThat(md).contains("prices as of 2025-11-01");
    assertThat(md).contains("period 2025-11 \\(720 h\\)");
    // every dollar sign is escaped so that GitHub never reads two amounts as a math formula
    assertThat(md.replace("\\$", "")).doesNotContain("$");
  }

  @Test
  void jsonFollowsTheSpec() throws IOException {
    CostDiff d = diff(resource("base.yaml"), resource("head.yaml"));
    JsonNode j = MAPPER.readTree(DiffReports.json(d, CTX));
    assertThat(j.get("schema").asText()).isEqualTo("costflow/diff@1");
    assertThat(j.get("base_total_usd").isNumber()).isTrue();
    assertThat(j.get("head_total_usd").decimalValue().subtract(j.get("base_total_usd").decimalValue())).isEqualByComparingTo(j.get("delta_usd").decimalValue());
    assertThat(j.get("delta_pct").isNumber()).isTrue();
    BigDecimal sum = j.get("interaction_usd").decimalValue();
    for (JsonNode x : j.get("drivers")) {
      assertThat(x.get("description").asText()).isNotEmpty();
      sum = sum.add(x.get("effect_usd").decimalValue());
    }
    assertThat(sum).isEqualByComparingTo(j.get("delta_usd").decimalValue());
    for (JsonNode s : j.get("services")) {
      assertThat(s.get("status").asText()).isIn("added", "removed", "changed", "unchanged");
      assertThat(s.has("id") && s.has("base_usd") && s.has("head_usd") && s.has("delta_usd")).isTrue();
    }
    assertThat(j.get("services").findValuesAsText("status")).contains("added", "removed", "changed", "unchanged");
  }

  @Test
  void policyThresholds() {
    CostDiff d = diff(resource("base.yaml"), resource("head.yaml"));
    BigDecimal delta = d.deltaUsd();
    assertThat(delta).isPositive();
    assertThat(new DiffPolicy(Optional.of(delta.subtract(BigDecimal.ONE)), Optional.empty()).fails(d)).isTrue();
    assertThat(new DiffPolicy(Optional.of(delta.add(BigDecimal.ONE)), Optional.empty()).fails(d)).isFalse();
    assertThat(new DiffPolicy(Optional.of(delta), Optional.empty()).fails(d)).as("at the limit is within it").isFalse();
    BigDecimal pct = d.deltaPct().orElseThrow();
    assertThat(new DiffPolicy(Optional.empty(), Optional.of(pct.subtract(new BigDecimal("0.1")))).violations(d)).singleElement().asString().contains("--fail-above-pct");
    assertThat(new DiffPolicy(Optional.empty(), Optional.of(pct.add(new BigDecimal("0.1")))).fails(d)).isFalse();
    // a decrease never fails
    CostDiff down = diff(resource("head.yaml"), resource("base.yaml"));
    assertThat(new DiffPolicy(Optional.of(BigDecimal.ZERO), Optional.of(BigDecimal.ZERO)).fails(down)).isFalse();
    assertThat(DiffReports.markdown(down, CTX)).contains("This change lowers the cost of checkout by");
    // a new model crosses any percent threshold
    CostDiff created = DIFF.compare(ModelDiff.Input.missing("git:main:m.yaml"), ModelDiff.Input.of(tree(resource("head.yaml"), "m.yaml"), Path.of("."), "m.yaml"));
    assertThat(new DiffPolicy(Optional.empty(), Optional.of(new BigDecimal("1000"))).fails(created)).isTrue();
    assertThat(DiffReports.markdown(created, CTX)).contains("New model checkout: ");
    assertThat(DiffReports.json(created, CTX)).contains("\"delta_pct\" : null");
  }

  @Test
  void noChangeSaysSo() {
    CostDiff d = diff(resource("base.yaml"), resource("base.yaml"));
    String md = DiffReports.markdown(d, CTX);
    assertThat(md).contains("### costflow · checkout: no cost change");
    assertThat(md).contains("The two models are the same.");
    assertThat(DiffReports.table(d, CTX)).startsWith("No cost change for checkout: ");
  }

  @Test
  void bigModelsMakeACommentOfReasonableSize() {
    StringBuilder base = new StringBuilder("costflow: 1\nname: many\nperiod: 2025-11\npricing: { as_of: 2025-11-01, free_tier: true }\nservices:\n");
    for (int i = 0; i < 80; i++) {
      base.append("  fn-").append(i).append(": { type: aws.lambda, traffic: { monthly: ").append(1_000_000L * (i + 1)).append(" }, memory_mb: 512, duration_ms: 100 }\n");
    }
    String head = base.toString();
    for (int i = 0; i < 30; i++) {
      head = head.replace("fn-" + i + ": { type: aws.lambda, traffic: { monthly: " + 1_000_000L * (i + 1) + " }, memory_mb: 512",
          "fn-" + i + ": { type: aws.lambda, traffic: { monthly: " + 1_000_000L * (i + 1) + " }, memory_mb: 1024");
    }
    CostDiff d = diff(base.toString(), head);
    assertThat(d.drivers()).hasSize(30);
    String md = DiffReports.markdown(d, CTX);
    assertThat(md.length()).isLessThan(DiffReports.MAX_MARKDOWN_CHARS);
    long serviceRows = md.lines().filter(l -> l.startsWith("| fn") && l.contains(" | aws.lambda | ")).count();
    assertThat(serviceRows).isEqualTo(DiffReports.MAX_SERVICES);
    assertThat(md).contains("more changed services*");
    assertThat(md).contains("| *20 more changes (see details)* |");
    assertTablesKeepTheirColumns(md);
  }

  /** Every row of every Markdown table has as many cell separators as its header. */
  static void assertTablesKeepTheirColumns(String md) {
    long columns = -1;
    for (String line : md.split("\n")) {
      if (!line.startsWith("|")) {
        columns = -1;
        continue;
      }
      long pipes = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
          pipes++;
        }
      }
      if (columns < 0) {
        columns = pipes;
      }
      assertThat(pipes).as("cell separators in %s", line).isEqualTo(columns);
    }
  }

  static final String HOSTILE = "x | <script>alert(1)</script> [a](javascript:alert(1)) @team =HYPERLINK(\"http://e.example\") \u001b[31mred";

  @Test
  void hostileStringsAreEscapedInEveryFormat() throws IOException {
    String quoted = "\"" + HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u001b", "\\e") + "\"";
    String base = resource("base.yaml").replace("name: checkout", "name: " + quoted);
    String head = resource("head.yaml").replace("name: checkout", "name: " + quoted).replace("tags: { team: payments }", "tags: { team: " + quoted + " }");
    CostDiff d = diff(base, head);
    DiffReports.Context ctx = DiffReports.Context.of("git:main:" + HOSTILE, HOSTILE);

    String md = DiffReports.markdown(d, ctx);
    assertThat(md).doesNotContain("<script>").doesNotContain("](javascript:").doesNotContain("\u001b").doesNotContain(" @team");
    assertTablesKeepTheirColumns(md);
    assertThat(md).contains("&lt;script&gt;");

    String table = DiffReports.table(d, ctx);
    assertThat(table).doesNotContain("\u001b");

    String json = DiffReports.json(d, ctx);
    JsonNode j = MAPPER.readTree(json);
    assertThat(j.get("head").get("model").asText()).isEqualTo(HOSTILE);
    assertThat(j.get("head").get("label").asText()).isEqualTo(HOSTILE);
  }
}
