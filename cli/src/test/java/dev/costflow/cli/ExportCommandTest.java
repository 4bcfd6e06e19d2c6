package dev.costflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.ModelReader;
import dev.costflow.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  static final Path MODEL = TestModels.repoRoot().resolve("examples/checkout.yaml");
  static final Path BILL = TestModels.repoRoot().resolve("examples/daily-costs.csv");

  static double servicesTotal(XSSFWorkbook wb) {
    XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
    for (Row r : wb.getSheet("Services")) {
      if (r.getCell(0) != null && r.getCell(0).toString().equals("Total")) {
        return r.getCell(3).getNumericCellValue();
      }
    }
    throw new AssertionError("no total");
  }

  @Test
  void writesTheWorkbookAndTheLines(@TempDir Path dir) throws IOException {
    Path xlsx = dir.resolve("out/checkout.xlsx");
    Path csv = dir.resolve("out/lines.csv");
    // an empty --home: no billing store, so no Actuals sheet whatever the machine's ~/.costflow holds
    CliRun r = CliRun.of("export", MODEL.toString(), "--xlsx", xlsx.toString(), "--csv", csv.toString(), "--set", "services.checkout.memory_mb=2048", "--home", dir.resolve("home").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).contains("wrote " + xlsx).contains("wrote " + csv).doesNotContain("Actuals vs Modeled");
    Estimate e = Estimator.bundled().estimate(ModelReader.read(MODEL, List.of("services.checkout.memory_mb=2048")));
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names).containsExactly("Summary", "Services", "Lines", "Assumptions", "Hourly profile");
      assertThat(servicesTotal(wb)).isCloseTo(e.totalUsd().doubleValue(), within(1e-9));
    }
    assertThat(Files.readString(csv)).startsWith("service,type,meter,meter_id,unit,quantity,billable_quantity,cost_usd\n").contains("checkout,aws.lambda,duration");
  }

  @Test
  void aBillAddsActualsVsModeled(@TempDir Path dir) throws IOException {
    Path xlsx = dir.resolve("c.xlsx");
    CliRun r = CliRun.of("export", MODEL.toString(), "--xlsx", xlsx.toString(), "--actuals-from", BILL.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).contains("(with Actuals vs Modeled)");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      var sheet = wb.getSheet("Actuals vs Modeled");
      assertThat(sheet).isNotNull();
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("2025-10-19 – 2025-11-15 (28 days)");
      boolean cloudWatch = false;
      for (Row row : sheet) {
        if (row.getCell(0) != null && row.getCell(0).toString().equals("AmazonCloudWatch")) {
          cloudWatch = row.getCell(1).getStringCellValue().equals("not in the model");
        }
      }
      assertThat(cloudWatch).isTrue();
    }
  }

  @Test
  void usageAndInputErrorsAreExitTwo(@TempDir Path dir) throws IOException {
    CliRun none = CliRun.of("export", MODEL.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--xlsx FILE and/or --csv FILE");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "costflow: 1\nname: x\nservices:\n  f: { type: aws.lambda, memory_mb: 1 }\n");
    CliRun model = CliRun.of("export", bad.toString(), "--xlsx", dir.resolve("x.xlsx").toString(), "--home", dir.resolve("home").toString());
    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).contains(bad + ":4:").contains("memory_mb");
    assertThat(dir.resolve("x.xlsx")).doesNotExist();
  }
}
