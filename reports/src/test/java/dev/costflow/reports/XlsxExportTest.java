package dev.costflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.ModelReader;
import dev.costflow.pricing.Catalog;
import dev.costflow.testing.TestModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxExportTest {
  static final Catalog CATALOG = Estimator.bundled().catalog();

  static Estimate checkout() {
    return Estimator.bundled().estimate(ModelReader.read(TestModels.repoRoot().resolve("examples/checkout.yaml")));
  }

  static XSSFWorkbook book(Estimate e) {
    return XlsxExport.workbook(e, CATALOG, Optional.empty());
  }

  /** Written to bytes and read back, as a user would open it. */
  static XSSFWorkbook roundTrip(XSSFWorkbook wb) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
  }

  static double total(XSSFWorkbook wb) {
    XSSFSheet s = wb.getSheet(XlsxExport.SERVICES);
    for (Row r : s) {
      Cell a = r.getCell(0);
      if (a != null && a.getCellType() == CellType.STRING && a.getStringCellValue().equals("Total")) {
        return r.getCell(3).getNumericCellValue();
      }
    }
    throw new AssertionError("no total row");
  }

  static Row findRow(Sheet s, int col, String text) {
    for (Row r : s) {
      Cell c = r.getCell(col);
      if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(text)) {
        return r;
      }
    }
    throw new AssertionError("no row with " + text + " in " + s.getSheetName());
  }

  static void recalc(XSSFWorkbook wb) {
    XSSFFormulaEvaluator ev = wb.getCreationHelper().createFormulaEvaluator();
    ev.clearAllCachedResultValues();
    XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
  }

  @Test
  void goldenDump() throws IOException {
    Estimate e = checkout();
    List<DailyCost> bill = BillingFixture.rows();
    try (XSSFWorkbook wb = roundTrip(XlsxExport.workbook(e, CATALOG, ModeledVsActual.compare(e, bill)))) {
      Golden.assertMatches("xlsx/checkout.txt", XlsxDump.dump(wb));
    }
  }

  @Test
  void formulasGiveTheEnginesNumbers() throws IOException {
    Estimate e = checkout();
    try (XSSFWorkbook wb = roundTrip(book(e))) {
      recalc(wb);
      assertThat(total(wb)).isCloseTo(e.totalUsd().doubleValue(), within(1e-9));
      // every line's cost cell is the engine's cost of that line
      Sheet lines = wb.getSheet(XlsxExport.LINES);
      int checked = 0;
      for (ServiceCost s : e.services()) {
        for (LineCost l : s.lines()) {
          Row r = lineRow(lines, s.id(), l.meter());
          assertThat(r.getCell(10).getNumericCellValue()).as("%s %s", s.id(), l.meter()).isCloseTo(l.costUsd().doubleValue(), within(1e-9 + 1e-12 * l.costUsd().doubleValue()));
          assertThat(r.getCell(10).getCellType()).isEqualTo(CellType.FORMULA);
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(10);
      Sheet services = wb.getSheet(XlsxExport.SERVICES);
      for (ServiceCost s : e.services()) {
        assertThat(findRow(services, 0, s.id()).getCell(3).getNumericCellValue()).isCloseTo(s.costUsd().doubleValue(), within(1e-9));
      }
    }
  }

  static Row lineRow(Sheet lines, String service, String meter) {
    for (Row r : lines) {
      Cell a = r.getCell(0);
      Cell b = r.getCell(1);
      if (a != null && b != null && a.getCellType() == CellType.STRING && b.getCellType() == CellType.STRING && a.getStringCellValue().equals(service)
          && b.getStringCellValue().equals(meter)) {
        return r;
      }
    }
    throw new AssertionError("no line " + service + " " + meter);
  }

  static final String TIERED =
      """
      costflow: 1
      name: big
      period: 2025-11
      pricing: { as_of: 2025-11-01 }
      services:
        api:
          type: aws.apigateway.http
          traffic: { monthly: 3000000000 }
          calls: [ { to: a }, { to: b } ]
        a: { type: aws.lambda, memory_mb: 3008, duration_ms: 800 }
        b: { type: aws.lambda, memory_mb: 2048, duration_ms: { lognormal: { p50: 400, p99: 3000 } } }
      """;

  @Test
  void tiersPooledOverLinesMatchThePricer() throws IOException {
    Estimate e = TestModels.estimate(TIERED);
    try (XSSFWorkbook wb = roundTrip(book(e))) {
      recalc(wb);
      assertThat(total(wb)).isCloseTo(e.totalUsd().doubleValue(), within(1e-6));
      Sheet lines = wb.getSheet(XlsxExport.LINES);
      Row pool = null;
      for (Row r : lines) {
        if (r.getCell(1) != null && r.getCell(1).toString().equals("pooled") && r.getCell(2).getStringCellValue().equals("aws.lambda.duration.x86_64")) {
          pool = r;
        }
      }
      assertThat(pool).isNotNull();
      assertThat(lines.getRow(pool.getRowNum() + 3).getCell(1).getStringCellValue()).isEqualTo("tier 3");
      assertThat(lines.getRow(pool.getRowNum() + 2).getCell(7).getNumericCellValue()).as("the second tier is used").isPositive();
      // the pooled unit price is below the first tier's price
      assertThat(pool.getCell(8).getNumericCellValue()).isLessThan(lines.getRow(pool.getRowNum() + 1).getCell(6).getNumericCellValue());
      for (ServiceCost s : e.services()) {
        for (LineCost l : s.lines()) {
          assertThat(lineRow(lines, s.id(), l.meter()).getCell(10).getNumericCellValue()).isCloseTo(l.costUsd().doubleValue(), within(1e-6));
        }
      }
    }
  }

  @Test
  void changingInputsRecomputesLikeTheEngine() throws IOException {
    Estimate e = checkout();
    try (XSSFWorkbook wb = roundTrip(book(e))) {
      Sheet a = wb.getSheet(XlsxExport.ASSUMPTIONS);
      // the free-tier switch and the discount: the same totals as the engine with those settings
      findRow(a, 0, "Free tier applied (TRUE or FALSE)").getCell(1).setCellValue(true);
      findRow(a, 0, "Discount on every line, %").getCell(1).setCellValue(12.5);
      recalc(wb);
      Estimate both = Estimator.bundled().estimate(ModelReader.read(TestModels.repoRoot().resolve("examples/checkout.yaml"), List.of("pricing.free_tier=true", "pricing.discount_pct=12.5")));
      assertThat(both.totalUsd()).isLessThan(e.totalUsd());
      assertThat(total(wb)).isCloseTo(both.totalUsd().doubleValue(), within(1e-9));

      // a quantity: twice the API requests cost twice as much (flat price, discount applies)
      findRow(a, 0, "Free tier applied (TRUE or FALSE)").getCell(1).setCellValue(false);
      findRow(a, 0, "Discount on every line, %").getCell(1).setCellValue(0);
      Sheet lines = wb.getSheet(XlsxExport.LINES);
      Row web = lineRow(lines, "web", "requests");
      double q = web.getCell(4).getNumericCellValue();
      web.getCell(4).setCellValue(2 * q);
      recalc(wb);
      double webCost = e.service("web").orElseThrow().costUsd().doubleValue();
      assertThat(total(wb)).isCloseTo(e.totalUsd().doubleValue() + webCost, within(1e-9));

      // a price: the API's price doubled doubles its cost again
      web.getCell(4).setCellValue(q);
      Row price = findRow(a, 0, "aws.apigateway.http.requests");
      price.getCell(5).setCellValue(2 * price.getCell(5).getNumericCellValue());
      recalc(wb);
      assertThat(total(wb)).isCloseTo(e.totalUsd().doubleValue() + webCost, within(1e-9));
    }
  }

  @Test
  void structure() throws IOException {
    Estimate e = checkout();
    try (XSSFWorkbook wb = roundTrip(XlsxExport.workbook(e, CATALOG, ModeledVsActual.compare(e, BillingFixture.rows())))) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertThat(names).containsExactly("Summary", "Services", "Lines", "Assumptions", "Hourly profile", "Actuals vs Modeled");
      for (Sheet s : wb) {
        assertThat(s.getPrintSetup().getLandscape()).as(s.getSheetName()).isTrue();
        assertThat(s.getFitToPage()).isTrue();
        assertThat(s.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
        assertThat(s.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
      }
      assertThat(wb.getSheet("Lines").getPaneInformation().isFreezePane()).isTrue();
      assertThat(wb.getSheet("Summary").getDrawingPatriarch().getCharts()).hasSize(1);
      var line = wb.getSheet("Hourly profile").getDrawingPatriarch().getCharts().get(0).getChartSeries().get(0).getSeries(0);
      assertThat(line.getShapeProperties().getLineProperties().getWidth()).as("explicit line for LibreOffice").isEqualTo(1.5);
      Sheet profile = wb.getSheet("Hourly profile");
      Row total = findRow(profile, 0, "Total");
      assertThat(total.getRowNum() - 4).isEqualTo(720);
      assertThat(total.getCell(2).getNumericCellValue()).isCloseTo(e.totalUsd().doubleValue(), within(1e-6));
      assertThat(wb.getSheet(XlsxExport.ACTUALS).getRow(4).getCell(4).getNumericCellValue()).isPositive();
    }
    Estimate year = TestModels.estimate("services:\n  f: {type: aws.lambda, traffic: {monthly: 1000}}\nperiod: {hours: 8760}\n");
    try (XSSFWorkbook wb = book(year)) {
      assertThat(wb.getSheet("Daily profile")).isNotNull();
      assertThat(findRow(wb.getSheet("Daily profile"), 0, "Total").getRowNum() - 4).isEqualTo(365);
    }
  }

  @Test
  void serviceIdsThatLookLikeNumbersOrBooleansStillAddUp() throws IOException {
    Estimate e = TestModels.estimate("services:\n  '1e5': {type: aws.lambda, traffic: {monthly: 2000000}, calls: [{to: 'true'}]}\n  'true': {type: aws.sqs}\n  '2024-01-01': {type: aws.lambda, traffic: {monthly: 5000000}}\n");
    try (XSSFWorkbook wb = roundTrip(book(e))) {
      recalc(wb);
      assertThat(total(wb)).isCloseTo(e.totalUsd().doubleValue(), within(1e-9));
      for (ServiceCost s : e.services()) {
        assertThat(findRow(wb.getSheet(XlsxExport.SERVICES), 0, s.id()).getCell(3).getNumericCellValue()).as(s.id()).isCloseTo(s.costUsd().doubleValue(), within(1e-9));
      }
    }
  }

  static final String HOSTILE = "=HYPERLINK(\"http://evil.example\",\"click\")";

  @Test
  void formulaLikeTextStaysText() throws IOException {
    String model = "costflow: 1\nname: '" + HOSTILE + "'\nservices:\n  f:\n    type: aws.lambda\n    traffic: {monthly: 1000000}\n    tags: {team: '@SUM(1+1)', owner: '+cmd|calc', x: '-2+3'}\n";
    Estimate e = TestModels.estimate(model);
    List<DailyCost> bill = List.of(new DailyCost(java.time.LocalDate.of(2025, 11, 1), "=cmd|' /C calc'!A0", "-1+1", "", 1, "x", java.math.BigDecimal.ONE, java.math.BigDecimal.ONE));
    try (XSSFWorkbook wb = roundTrip(XlsxExport.workbook(e, CATALOG, ModeledVsActual.compare(e, bill)))) {
      int found = 0;
      for (Sheet s : wb) {
        for (Row r : s) {
          for (Cell c : r) {
            if (c.getCellType() == CellType.FORMULA) {
              assertThat(c.getCellFormula()).as("formula %s!%s", s.getSheetName(), c.getAddress()).doesNotContain("HYPERLINK").doesNotContain("cmd");
            }
            if (c.getCellType() == CellType.STRING) {
              String v = c.getStringCellValue();
              if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
                assertThat(c.getCellStyle().getQuotePrefixed()).as("%s!%s '%s' is text", s.getSheetName(), c.getAddress(), v).isTrue();
                found++;
              }
            }
          }
        }
      }
      assertThat(found).as("hostile texts seen").isGreaterThanOrEqualTo(3);
      // the title keeps the name exactly, as text
      assertThat(wb.getSheet("Summary").getRow(0).getCell(0).getStringCellValue()).isEqualTo(HOSTILE + ": cost estimate");
    }
  }

  // ------------------------------------------------------------------ in LibreOffice

  static Optional<String> soffice() {
    for (String name : List.of("soffice", "libreoffice")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    assertThat(p.exitValue()).as("%s: %s", cmd, out).isEqualTo(0);
    return out;
  }

  @Test
  void libreOfficeOpensItAndPrintsTheSummaryOnOneLandscapePage(@TempDir Path dir) throws Exception {
    assumeTrue(soffice().isPresent() && onPath("pdftoppm") && onPath("pdftotext"),
        "LibreOffice or poppler-utils is not installed (run .ci/setup-office.sh): skipping the spreadsheet rendering test");
    Estimate e = checkout();
    Path xlsx = dir.resolve("checkout.xlsx");
    try (var out = Files.newOutputStream(xlsx)) {
      XlsxExport.write(e, CATALOG, ModeledVsActual.compare(e, BillingFixture.rows()), out);
    }
    run(dir, List.of(soffice().get(), "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(), "--headless", "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString()));
    Path pdf = dir.resolve("checkout.pdf");
    assertThat(pdf).exists();
    // the first page is the Summary, with the numbers as LibreOffice shows them
    String page1 = run(dir, List.of("pdftotext", "-f", "1", "-l", "1", "-layout", pdf.toString(), "-"));
    assertThat(page1).contains("checkout: cost estimate").contains("Total cost of the period").contains(Format.usd(e.totalUsd()));
    for (ServiceCost s : e.services()) {
      assertThat(page1).contains(s.id());
    }
    run(dir, List.of("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf.toString(), dir.resolve("page").toString()));
    Path png;
    try (var files = Files.list(dir)) {
      png = files.filter(f -> f.getFileName().toString().startsWith("page") && f.toString().endsWith(".png")).findFirst().orElseThrow();
    }
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).as("landscape").isGreaterThan(img.getHeight());
    assertThat(DashboardHtmlTest.colourShare(img, 0xFFFFFF)).as("not a blank page").isLessThan(0.99);
    assertThat(DashboardHtmlTest.colourShare(img, 0x0072B2)).as("the chart's bars are on the page").isGreaterThan(0.002);
    // every sheet is one page wide: the Lines sheet's last column header is on its first page
    String all = run(dir, List.of("pdftotext", "-layout", pdf.toString(), "-"));
    for (String page : all.split("\f")) {
      if (page.contains("Lines: quantity × unit price = cost")) {
        assertThat(page).contains("How the quantity was derived");
      }
      if (page.contains("Assumptions: checkout")) {
        assertThat(page).contains("Source");
      }
    }
    Files.copy(png, Path.of("target", "xlsx-summary-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pdf, Path.of("target", "xlsx-export.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(xlsx, Path.of("target", "xlsx-export.xlsx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
