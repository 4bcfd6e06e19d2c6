package dev.costflow.importers.bills;

import static dev.costflow.testing.BillFixtures.csv;
import static dev.costflow.testing.BillFixtures.duckDecimal;
import static dev.costflow.testing.BillFixtures.duckLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.actuals.ActualLine;
import dev.costflow.actuals.DailyCost;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.Grouping;
import dev.costflow.pricing.UsageTypeIndex;
import dev.costflow.testing.BillFixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurImporterTest {
  @TempDir Path tmp;
  Path sample;
  BigDecimal expectedBilled;

  @BeforeEach
  void setUp() throws IOException {
    sample = BillFixtures.copy(BillFixtures.CUR, tmp.resolve("in"));
    expectedBilled = duckDecimal("SELECT sum(CAST(\"lineItem/UnblendedCost\" AS DECIMAL(38,18))) FROM " + csv(sample));
  }

  static BillImport.Outcome importCur(BillingStore store, CurImporter.Flavor flavor, Path... files) throws BillImportException {
    return BillImport.files(store, new CurImporter(flavor, UsageTypeIndex.bundled()), List.of(files), Progress.NONE);
  }

  @Test
  void legacyCsvTotalsMatchAnIndependentReading() throws Exception {
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      BillImport.Outcome o = importCur(store, CurImporter.Flavor.LEGACY, sample);
      assertThat(o.stats().rowsRead()).isEqualTo(1281);
      assertThat(o.stats().rowsRejected()).isZero();
      assertThat(o.stats().billedUsd()).isEqualByComparingTo(expectedBilled);
      assertThat(store.billedTotal()).isEqualByComparingTo(expectedBilled);
      assertThat(o.replaced()).extracting(Object::toString).containsExactly("aws 123412340534 2023-11");

      long days = duckLong("SELECT count(DISTINCT substr(\"lineItem/UsageStartDate\", 1, 10)) FROM " + csv(sample));
      assertThat(o.stats().days()).hasSize((int) days);

      // SQS standard requests map to the catalog meter in every region; quantities agree with the file.
      double sqs = ((Number) BillFixtures.duck("SELECT sum(CAST(\"lineItem/UsageAmount\" AS DOUBLE)) FROM " + csv(sample)
          + " WHERE \"lineItem/ProductCode\" = 'AWSQueueService' AND \"lineItem/UsageType\" LIKE '%Requests-Tier1'")).doubleValue();
      double stored = store.dailyCosts(Optional.empty(), Optional.empty()).stream().filter(d -> d.meterId().equals("aws.sqs.requests"))
          .mapToDouble(DailyCost::quantity).sum();
      assertThat(stored).isCloseTo(sqs, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(sqs).isPositive();

      // Tax spans the month: it is placed on its first day, with no quantity.
      List<ActualLine> lines = store.actualLines(Optional.empty(), Optional.empty());
      assertThat(lines).filteredOn(l -> l.chargeCategory().equals("Tax")).allMatch(l -> l.day().equals(LocalDate.of(2023, 11, 1)) && l.quantity() == 0);
      BigDecimal tax = duckDecimal("SELECT sum(CAST(\"lineItem/UnblendedCost\" AS DECIMAL(38,18))) FROM " + csv(sample) + " WHERE \"lineItem/LineItemType\" = 'Tax'");
      assertThat(lines.stream().filter(l -> l.chargeCategory().equals("Tax")).map(ActualLine::billedUsd).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(tax);
      assertThat(lines).anyMatch(l -> l.service().equals("Amazon Simple Queue Service") && l.region().equals("us-west-2"));
    }
  }

  @Test
  void anImportRunTwiceCountsOnce() throws Exception {
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      BillImport.Outcome first = importCur(store, CurImporter.Flavor.LEGACY, sample);
      long lines = store.lineCount();
      BillImport.Outcome second = importCur(store, CurImporter.Flavor.LEGACY, sample);
      assertThat(store.lineCount()).isEqualTo(lines);
      assertThat(store.billedTotal()).isEqualByComparingTo(expectedBilled);
      assertThat(second.result().linesReplaced()).isEqualTo(first.result().linesStored());
      assertThat(store.imports()).hasSize(2);
      assertThat(store.totals(Grouping.SERVICE, Optional.empty(), Optional.empty()).stream().map(t -> t.billedUsd()).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(expectedBilled);
    }
  }

  @Test
  void gzipFolderOfPartsManifestAndParquetGiveTheSameTotals() throws Exception {
    // gzip
    Path gz = BillFixtures.gzip(sample, tmp.resolve("cur.csv.gz"));
    // a folder of two parts
    List<String> all = Files.readAllLines(sample, StandardCharsets.UTF_8);
    Path parts = tmp.resolve("report/20231101-20231201/asm-1");
    Files.createDirectories(parts);
    int half = all.size() / 2;
    Files.write(parts.resolve("report-1.csv"), all.subList(0, half), StandardCharsets.UTF_8);
    List<String> second = new ArrayList<>();
    second.add(all.get(0));
    second.addAll(all.subList(half, all.size()));
    BillFixtures.gzip(Files.write(tmp.resolve("p2.csv"), second, StandardCharsets.UTF_8), parts.resolve("report-2.csv.gz"));
    // a manifest naming them by S3 key, with an old assembly lying next to them that must be ignored
    Path manifest = tmp.resolve("report/20231101-20231201/report-Manifest.json");
    Files.writeString(manifest, "{\"assemblyId\":\"asm-1\",\"billingPeriod\":{\"start\":\"20231101T000000.000Z\",\"end\":\"20231201T000000.000Z\"},"
        + "\"reportKeys\":[\"cur/report/20231101-20231201/asm-1/report-1.csv\",\"cur/report/20231101-20231201/asm-1/report-2.csv.gz\"]}");
    Files.createDirectories(tmp.resolve("report/20231101-20231201/asm-0"));
    Files.copy(sample, tmp.resolve("report/20231101-20231201/asm-0/report-1.csv"));
    // Athena-style Parquet with snake_case names
    Path parquet = tmp.resolve("cur.snappy.parquet");
    String cols = String.join(", ", BillFixtures.duck("SELECT string_agg('\"' || name || '\" AS ' || lower(regexp_replace(regexp_replace(regexp_replace(name, '([a-z0-9])([A-Z])', '\\1_\\2', 'g'), '([A-Z])([A-Z])', '\\1_\\2', 'g'), '[^A-Za-z0-9]+', '_', 'g')), ', ') "
        + "FROM (SELECT column_name AS name FROM (DESCRIBE SELECT * FROM " + csv(sample) + "))").toString());
    BillFixtures.duckExec("COPY (SELECT " + cols + " FROM " + csv(sample) + ") TO " + BillFixtures.lit(parquet) + " (FORMAT parquet)");

    for (Path in : List.of(gz, parts, manifest, parquet)) {
      try (BillingStore store = BillingStore.open(tmp.resolve("home-" + in.getFileName()))) {
        BillImport.Outcome o = importCur(store, CurImporter.Flavor.LEGACY, in);
        assertThat(o.stats().rowsRead()).as(in.toString()).isEqualTo(1281);
        assertThat(store.billedTotal()).as(in.toString()).isEqualByComparingTo(expectedBilled);
        assertThat(o.stats().unmapped()).as(in.toString()).isNotEmpty();
        assertThat(store.dailyCosts(Optional.empty(), Optional.empty())).as(in.toString()).anyMatch(d -> d.meterId().equals("aws.sns.publishes"));
      }
    }
  }

  @Test
  void cur2CsvAndParquetWithMapColumns() throws Exception {
    // CUR 2.0 shape: snake_case, product and resource_tags maps; one row tagged costflow:service
    String select = "SELECT \"identity/LineItemId\" AS identity_line_item_id, \"bill/PayerAccountId\" AS bill_payer_account_id, 'Payer' AS bill_payer_account_name,"
        + " \"bill/BillingPeriodStartDate\" AS bill_billing_period_start_date, \"lineItem/UsageAccountId\" AS line_item_usage_account_id,"
        + " \"lineItem/LineItemType\" AS line_item_line_item_type, \"lineItem/UsageStartDate\" AS line_item_usage_start_date,"
        + " \"lineItem/UsageEndDate\" AS line_item_usage_end_date, \"lineItem/ProductCode\" AS line_item_product_code, \"lineItem/UsageType\" AS line_item_usage_type,"
        + " \"lineItem/Operation\" AS line_item_operation, \"lineItem/UsageAmount\" AS line_item_usage_amount, \"lineItem/CurrencyCode\" AS line_item_currency_code,"
        + " \"lineItem/UnblendedCost\" AS line_item_unblended_cost, \"pricing/publicOnDemandCost\" AS pricing_public_on_demand_cost, \"pricing/unit\" AS pricing_unit,"
        + " \"product/regionCode\" AS product_region_code, \"product/servicecode\" AS product_servicecode,";
    Path csvOut = tmp.resolve("cur2.csv.gz");
    BillFixtures.duckExec("COPY (" + select + " to_json(map {'product_name': \"product/ProductName\", 'region': \"product/region\"})::VARCHAR AS product,"
        + " CASE WHEN \"lineItem/ProductCode\" = 'AWSQueueService' THEN '{\"user_costflow:service\":\"orders-queue\"}' ELSE '{}' END AS resource_tags FROM "
        + csv(sample) + ") TO " + BillFixtures.lit(csvOut) + " (FORMAT csv, HEADER, COMPRESSION gzip)");
    Path pq = tmp.resolve("cur2.parquet");
    BillFixtures.duckExec("COPY (" + select + " map {'product_name': \"product/ProductName\", 'region': \"product/region\"} AS product,"
        + " CASE WHEN \"lineItem/ProductCode\" = 'AWSQueueService' THEN map {'user_costflow:service': 'orders-queue'} ELSE map {'x': 'y'} END AS resource_tags,"
        + " CAST(\"lineItem/UnblendedCost\" AS DOUBLE) AS c FROM " + csv(sample) + ") TO " + BillFixtures.lit(pq) + " (FORMAT parquet)");
    for (Path in : List.of(csvOut, pq)) {
      try (BillingStore store = BillingStore.open(tmp.resolve("home-" + in.getFileName()))) {
        importCur(store, CurImporter.Flavor.CUR2, in);
        assertThat(store.billedTotal()).as(in.toString()).isEqualByComparingTo(expectedBilled);
        List<ActualLine> lines = store.actualLines(Optional.empty(), Optional.empty());
        assertThat(lines).filteredOn(l -> l.service().equals("Amazon Simple Queue Service")).isNotEmpty()
            .allMatch(l -> "orders-queue".equals(l.tags().get("costflow:service")));
        assertThat(lines).anyMatch(l -> l.meterId().equals(Optional.of("aws.sqs.requests")));
      }
      // the legacy command refuses CUR 2.0
      try (BillingStore store = BillingStore.open(tmp.resolve("home-refuse"))) {
        assertThatThrownBy(() -> importCur(store, CurImporter.Flavor.LEGACY, in)).isInstanceOf(BillImportException.class).hasMessageContaining("import cur2");
      }
    }
  }

  @Test
  void badInputNamesFileRowAndColumnAndLeavesTheStoreUntouched() throws Exception {
    List<String> rows = Files.readAllLines(sample, StandardCharsets.UTF_8);
    List<String> header = splitCsv(rows.get(0));
    int costCol = header.indexOf("lineItem/UnblendedCost");
    int unitCol = header.indexOf("pricing/unit");
    int sqsRow = -1;
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).contains("USW2-Requests-Tier1") && rows.get(i).contains("AWSQueueService")) {
        sqsRow = i;
        break;
      }
    }
    assertThat(sqsRow).isPositive();

    Path badNumber = tmp.resolve("bad-number.csv");
    Files.write(badNumber, replaceField(rows, sqsRow, costCol, "12,5x"), StandardCharsets.UTF_8);
    Path badUnit = tmp.resolve("bad-unit.csv");
    Files.write(badUnit, replaceField(rows, sqsRow, unitCol, "Furlongs"), StandardCharsets.UTF_8);
    Path noColumn = tmp.resolve("no-cost.csv");
    List<String> stripped = new ArrayList<>();
    for (String r : rows) {
      List<String> f = splitCsv(r);
      f.remove(costCol);
      stripped.add(joinCsv(f));
    }
    Files.write(noColumn, stripped.subList(0, 20), StandardCharsets.UTF_8);
    Path truncated = tmp.resolve("truncated.csv.gz");
    byte[] gz = Files.readAllBytes(BillFixtures.gzip(sample, tmp.resolve("full.csv.gz")));
    Files.write(truncated, java.util.Arrays.copyOf(gz, gz.length / 2));
    Path focus = BillFixtures.copy(BillFixtures.FOCUS, tmp.resolve("focus"));
    Path text = tmp.resolve("notes.csv");
    Files.writeString(text, "hello world\nthis is not a bill\n");
    Path ragged = tmp.resolve("ragged.csv");
    List<String> r2 = new ArrayList<>(rows.subList(0, 10));
    r2.set(5, r2.get(5) + ",extra");
    Files.write(ragged, r2, StandardCharsets.UTF_8);

    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      importCur(store, CurImporter.Flavor.LEGACY, sample);
      long lines = store.lineCount();
      int imports = store.imports().size();

      assertFails(store, badNumber, sqsRow + 1, costCol + 1, "lineItem/UnblendedCost: '12,5x' is not a number");
      assertFails(store, badUnit, sqsRow + 1, unitCol + 1, "unit 'Furlongs'");
      assertFails(store, noColumn, 1, 0, "missing column lineItem/UnblendedCost");
      assertFails(store, focus, 1, 0, "import focus");
      assertFails(store, text, 1, 0, "not a Cost and Usage Report");
      assertFails(store, ragged, 6, 95, "the row has 95 fields but the header has 94");
      BillImportException e = catchFailure(store, truncated);
      assertThat(e.getMessage()).contains("truncated or corrupt gzip");
      assertThat(e.row()).isPositive();
      // even a good file together with a bad one stores nothing
      assertThatThrownBy(() -> importCur(store, CurImporter.Flavor.LEGACY, sample, badNumber)).isInstanceOf(BillImportException.class);

      assertThat(store.lineCount()).isEqualTo(lines);
      assertThat(store.billedTotal()).isEqualByComparingTo(expectedBilled);
      assertThat(store.imports()).hasSize(imports);
    }
  }

  private static List<String> replaceField(List<String> rows, int row, int col, String value) {
    List<String> out = new ArrayList<>(rows);
    List<String> f = splitCsv(out.get(row));
    f.set(col, value);
    out.set(row, joinCsv(f));
    return out;
  }

  /** A CSV line's fields (the sample has no line breaks inside fields). */
  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (q) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          b.append('"');
          i++;
        } else if (c == '"') {
          q = false;
        } else {
          b.append(c);
        }
      } else if (c == '"') {
        q = true;
      } else if (c == ',') {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(c);
      }
    }
    out.add(b.toString());
    return out;
  }

  static String joinCsv(List<String> fields) {
    List<String> q = new ArrayList<>();
    for (String f : fields) {
      q.add(f.contains(",") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
    }
    return String.join(",", q);
  }

  private static BillImportException catchFailure(BillingStore store, Path in) {
    try {
      importCur(store, CurImporter.Flavor.LEGACY, in);
    } catch (BillImportException e) {
      return e;
    }
    throw new AssertionError("import of " + in + " did not fail");
  }

  private static void assertFails(BillingStore store, Path in, long row, int column, String message) {
    BillImportException e = catchFailure(store, in);
    assertThat(e.getMessage()).as(in.toString()).contains(message);
    assertThat(e.file()).isEqualTo(in.toString());
    assertThat(e.row()).as(e.formatted()).isEqualTo(row);
    assertThat(e.column()).as(e.formatted()).isEqualTo(column);
    assertThat(e.formatted()).startsWith(in + ":" + row + ":" + column + ": error: ");
  }
}
