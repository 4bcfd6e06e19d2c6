package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {
  static final Path CSV = TestModels.repoRoot().resolve("examples/daily-costs.csv");
  static final Path MODEL = TestModels.repoRoot().resolve("examples/checkout.yaml");

  @Test
  void writesTheDashboardFromADailyCsv(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("sub/dash.html");
    CliRun r = CliRun.of("dashboard", "--from", CSV.toString(), "--model", MODEL.toString(), "--out", out.toString(), "--title", "Shop <prod>");
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).contains("wrote " + out).contains("76 days, 6 services");
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(html).contains("<title>Shop &lt;prod&gt;</title>").contains("id=\"daily-chart\"").contains("id=\"modeled-table\"")
        .contains("daily costs from daily-costs.csv").contains("2025-10-22");
    assertThat(Files.list(out.getParent()).toList()).as("no temp file left behind").containsExactly(out);
  }

  static final Path FOCUS = TestModels.repoRoot().resolve("importers/src/test/resources/bills/focus-sample-data/focus_sample.csv");

  @Test
  void readsTheBillingStore(@TempDir Path dir) throws IOException {
    Path home = dir.resolve("home");
    CliRun imp = CliRun.of("import", "focus", FOCUS.toString(), "--home", home.toString());
    assertThat(imp.exit()).as(imp.err()).isEqualTo(0);
    Path out = dir.resolve("d.html");
    CliRun r = CliRun.of("dashboard", "--home", home.toString(), "--model", MODEL.toString(), "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(html).contains("billing store " + home.toAbsolutePath()).contains("id=\"daily-chart\"").contains("2024-09").contains("id=\"modeled-table\"");
    assertThat(html).contains("AWS Lambda");

    Path xlsx = dir.resolve("c.xlsx");
    CliRun export = CliRun.of("export", MODEL.toString(), "--xlsx", xlsx.toString(), "--home", home.toString());
    assertThat(export.exit()).as(export.err()).isEqualTo(0);
    assertThat(export.err()).contains("(with Actuals vs Modeled)");
  }

  @Test
  void noStoreIsExitTwoAndCreatesNothing(@TempDir Path dir) {
    Path home = dir.resolve("nothing-here");
    CliRun r = CliRun.of("dashboard", "--home", home.toString(), "--out", dir.resolve("d.html").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no billing store at " + home.resolve("costflow.duckdb")).contains("costflow import");
    assertThat(home).doesNotExist();
    CliRun export = CliRun.of("export", MODEL.toString(), "--csv", dir.resolve("l.csv").toString(), "--home", home.toString());
    assertThat(export.exit()).as(export.err()).isEqualTo(0);
    assertThat(home).doesNotExist();
  }

  @Test
  void sinceAndUntilNarrowTheRange(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("d.html");
    CliRun r = CliRun.of("dashboard", "--from", CSV.toString(), "--since", "2025-10-01", "--until", "2025-10-31", "--out", out.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(out)).contains("2025-10-01 – 2025-10-31 (31 days, UTC)").contains("Month to date · October 2025").contains("the month is complete");

    CliRun empty = CliRun.of("dashboard", "--from", CSV.toString(), "--since", "2030-01-01", "--out", out.toString());
    assertThat(empty.exit()).isEqualTo(0);
    assertThat(empty.err()).contains("no billing data in the range");
    assertThat(Files.readString(out)).contains("No billing data to show");

    CliRun backwards = CliRun.of("dashboard", "--from", CSV.toString(), "--since", "2025-10-31", "--until", "2025-10-01", "--out", out.toString());
    assertThat(backwards.exit()).isEqualTo(2);
    assertThat(backwards.err()).contains("--until 2025-10-01 is before --since 2025-10-31");
  }

  @Test
  void badDailyCsvIsExitTwoWithRowAndColumn(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "day,service,usage_type,billed_usd\n2025-11-01,AWS Lambda,Request,1.5\n2025-11-02,AWS Lambda,Request,lots\n");
    CliRun r = CliRun.of("dashboard", "--from", bad.toString(), "--out", dir.resolve("x.html").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(bad + ":3:4: error: column 'billed_usd': 'lots' is not a number");
    assertThat(dir.resolve("x.html")).doesNotExist();

    Files.writeString(bad, "day,service,billed_usd\n");
    CliRun header = CliRun.of("dashboard", "--from", bad.toString(), "--out", dir.resolve("x.html").toString());
    assertThat(header.exit()).isEqualTo(2);
    assertThat(header.err()).contains(":1:1: error: missing column 'usage_type'");

    Files.writeString(bad, "day,service,usage_type,billed_usd\n2025-13-01,AWS Lambda,Request,1\n");
    CliRun date = CliRun.of("dashboard", "--from", bad.toString(), "--out", dir.resolve("x.html").toString());
    assertThat(date.err()).contains(":2:1: error: column 'day': '2025-13-01' is not a date");

    Files.writeString(bad, "day,service,usage_type,billed_usd\n2025-11-01,\"AWS, \"\"quoted\"\" Lambda\",Request,1\n");
    CliRun quoted = CliRun.of("dashboard", "--from", bad.toString(), "--out", dir.resolve("x.html").toString());
    assertThat(quoted.exit()).as(quoted.err()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("x.html"))).contains("AWS, &quot;quoted&quot; Lambda");

    CliRun missing = CliRun.of("dashboard", "--from", dir.resolve("nope.csv").toString(), "--out", dir.resolve("x.html").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv:1:1: error: no such file");
  }
}
