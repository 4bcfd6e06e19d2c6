package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costflow.testing.BillFixtures;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The billing commands end to end, in process: import, actuals, reconcile, calibrate. */
class BillingCommandsTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  String home() {
    return tmp.resolve("home").toString();
  }

  static void golden(String name, String actual) throws IOException {
    Path file = TestModels.repoRoot().resolve("cli/src/test/resources/golden/billing").resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden " + name + " (regenerate with -Dgolden.update=true and review the diff)").isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void importCurTwiceCountsOnceAndActualsAgreeWithTheFile() throws Exception {
    Path cur = BillFixtures.copy(BillFixtures.CUR, tmp.resolve("in"));
    Run first = run("import", "cur", cur.toString(), "--home", home());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("imported 1,281 rows", "(cur)", "aws 123412340534 2023-11", "rejected   0 rows");
    Run second = run("import", "cur", cur.toString(), "--home", home());
    assertThat(second.out()).contains("1,281 stored, 1,281 replaced");
    Run json = run("actuals", "--format", "json", "--home", home());
    assertThat(json.code()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.path("schema").asText()).isEqualTo("costflow/actuals@1");
    BigDecimal expected = BillFixtures.duckDecimal("SELECT sum(CAST(\"lineItem/UnblendedCost\" AS DECIMAL(38,18))) FROM " + BillFixtures.csv(cur));
    assertThat(root.path("total_usd").decimalValue()).isEqualByComparingTo(expected);
    assertThat(root.path("rows").get(0).has("service")).isTrue();
    assertThat(root.path("rows").get(0).has("billed_usd")).isTrue();
    Run byDay = run("actuals", "--by", "day", "--since", "2023-11-02", "--until", "2023-11-03", "--format", "csv", "--home", home());
    assertThat(byDay.out().lines()).hasSize(3).first().isEqualTo("day,quantity,unit,billed_usd,amortized_usd,list_usd");
    Run imports = run("actuals", "--imports", "--home", home());
    assertThat(imports.out()).contains("cur", "aws 123412340534 2023-11");
    Run forget = run("actuals", "--forget", "2", "--home", home());
    assertThat(forget.out()).contains("removed import 2: 1281 lines");
    assertThat(run("actuals", "--home", home()).out()).contains("The billing store has no lines");
  }

  @Test
  void badInputExitsWithCodeTwoNamingFileRowAndColumnAndStoresNothing() throws Exception {
    Path cur = BillFixtures.copy(BillFixtures.CUR, tmp.resolve("in"));
    List<String> rows = Files.readAllLines(cur, StandardCharsets.UTF_8);
    rows.set(3, rows.get(3).replaceFirst(",USD,([^,]*),([^,]*),", ",USD,$1,abc,"));
    Path bad = tmp.resolve("bad.csv");
    Files.write(bad, rows, StandardCharsets.UTF_8);
    Run r = run("import", "cur", bad.toString(), "--home", home());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(bad + ":4:23: error: column lineItem/UnblendedCost: 'abc' is not a number").doesNotContain("Exception").doesNotContain("\tat ");
    Path gz = BillFixtures.gzip(cur, tmp.resolve("c.csv.gz"));
    byte[] bytes = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length - 200));
    Run t = run("import", "cur", gz.toString(), "--home", home());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).contains(gz + ":").contains("truncated or corrupt gzip");
    Run missing = run("import", "focus", tmp.resolve("nope.csv").toString(), "--home", home());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv:0:0: error: no such file or folder");
    assertThat(run("actuals", "--format", "json", "--home", home()).out()).contains("\"total_usd\" : 0");
    Run ce = run("import", "ce", "--start", "2025-11-05", "--end", "2025-11-01", "--home", home());
    assertThat(ce.code()).isEqualTo(2);
    assertThat(ce.err()).contains("--end 2025-11-01 must be after --start 2025-11-05");
  }

  @Test
  void reconcileAndCalibrateTheExampleModelAgainstTheFocusSample() throws Exception {
    Path focus = BillFixtures.copy(BillFixtures.FOCUS, tmp.resolve("in"));
    assertThat(run("import", "focus", focus.toString(), "--home", home()).code()).isZero();
    Path model = TestModels.repoRoot().resolve("examples/focus-sample-serverless.yaml");
    Run table = run("reconcile", model.toString(), "--home", home());
    assertThat(table.code()).as(table.err()).isZero();
    golden("reconcile-focus-sample.txt", table.out());
    Run md = run("reconcile", model.toString(), "--format", "markdown", "--home", home());
    golden("reconcile-focus-sample.md", md.out());
    Run json = run("reconcile", model.toString(), "--format", "json", "--home", home());
    golden("reconcile-focus-sample.json", json.out());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.path("schema").asText()).isEqualTo("costflow/reconcile@1");
    for (String k : List.of("modeled_usd", "actual_usd")) {
      assertThat(root.has(k)).as(k).isTrue();
    }
    JsonNode svc = root.path("services").get(1);
    for (String k : List.of("id", "modeled_usd", "actual_usd", "variance_usd", "variance_pct", "quantity_variance_usd", "price_variance_usd")) {
      assertThat(svc.has(k)).as(k).isTrue();
    }
    assertThat(svc.path("id").asText()).isEqualTo("emac-con-servile-prol1");
    assertThat(svc.path("matched_lines").path("name").asInt()).isEqualTo(1);
    assertThat(root.path("unmatched").size()).isGreaterThan(100);
    BigDecimal unmatched = BigDecimal.ZERO;
    for (JsonNode u : root.path("unmatched")) {
      unmatched = unmatched.add(u.path("billed_usd").decimalValue());
    }
    // never dropped: matched + unmatched is everything the store holds for September
    BigDecimal all = new BigDecimal(new ObjectMapper().readTree(run("actuals", "--format", "json", "--since", "2024-09-01", "--until", "2024-09-30", "--home", home()).out())
        .path("total_usd").asText());
    assertThat(root.path("actual_usd").decimalValue().add(unmatched)).isEqualByComparingTo(all);

    Path out = tmp.resolve("calibrated.yaml");
    Run cal = run("calibrate", model.toString(), "--out", out.toString(), "--home", home());
    assertThat(cal.code()).as(cal.err()).isZero();
    assertThat(cal.out()).contains("Fit error per meter", "wrote " + out);
    String written = Files.readString(out);
    assertThat(written).startsWith("# Calibrated by costflow calibrate against actuals 2024-09-01..2024-09-30")
        .contains("# an on-demand table, written to by the function", "calibrated to actuals 2024-09-01..2024-09-30");
    golden("calibrated-focus-sample.yaml", written);
    assertThat(run("estimate", out.toString()).code()).isZero();
    Run held = run("calibrate", model.toString(), "--out", tmp.resolve("c2.yaml").toString(), "--fit-until", "2024-09-20", "--home", home());
    assertThat(held.code()).as(held.err()).isZero();
    assertThat(held.out()).contains("Forecast error per meter (held-out days)");
  }

  @Test
  void hostileNamesInBillsAreEscapedInEveryFormat() throws Exception {
    Path focus = BillFixtures.copy(BillFixtures.FOCUS, tmp.resolve("in"));
    List<String> rows = Files.readAllLines(focus, StandardCharsets.UTF_8);
    rows.set(1, rows.get(1).replace("\"Amazon Simple Queue Service\"", "\"=HYPERLINK(\"\"http://evil\"\")|<script>alert(1)</script>](javascript:x)\""));
    Path hostile = tmp.resolve("hostile.csv");
    Files.write(hostile, rows, StandardCharsets.UTF_8);
    assertThat(run("import", "focus", hostile.toString(), "--home", home()).code()).isZero();
    String md = run("actuals", "--format", "markdown", "--home", home()).out();
    assertThat(md).doesNotContain("<script>").doesNotContain("](javascript").contains("&lt;script&gt;");
    assertThat(md.lines().filter(l -> l.contains("HYPERLINK"))).allSatisfy(l -> assertThat(l.split("(?<!\\\\)\\|")).hasSize(6));
    String csv = run("actuals", "--format", "csv", "--home", home()).out();
    assertThat(csv).contains("\"'=HYPERLINK(").doesNotContain(",=HYPERLINK");
    String json = run("actuals", "--format", "json", "--home", home()).out();
    assertThat(new ObjectMapper().readTree(json).path("rows").findValuesAsText("service")).contains("=HYPERLINK(\"http://evil\")|<script>alert(1)</script>](javascript:x)");
    String rmd = run("reconcile", TestModels.repoRoot().resolve("examples/focus-sample-serverless.yaml").toString(), "--format", "markdown", "--home", home()).out();
    assertThat(rmd).doesNotContain("<script>").doesNotContain("](javascript");
  }
}
