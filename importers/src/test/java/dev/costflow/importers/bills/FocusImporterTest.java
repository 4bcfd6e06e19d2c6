package dev.costflow.importers.bills;

import static dev.costflow.testing.BillFixtures.csv;
import static dev.costflow.testing.BillFixtures.duckDecimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.actuals.ActualLine;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.Grouping;
import dev.costflow.pricing.UsageTypeIndex;
import dev.costflow.testing.BillFixtures;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusImporterTest {
  @TempDir Path tmp;

  static BillImport.Outcome importFocus(BillingStore store, Path... files) throws BillImportException {
    return BillImport.files(store, new FocusImporter(UsageTypeIndex.bundled()), List.of(files), Progress.NONE);
  }

  @Test
  void focus10SampleTotalsMatchAnIndependentReading() throws Exception {
    Path sample = BillFixtures.copy(BillFixtures.FOCUS, tmp);
    BigDecimal expected = duckDecimal("SELECT sum(CAST(nullif(BilledCost, 'NULL') AS DECIMAL(38,18))) FROM " + csv(sample));
    BigDecimal expectedAws = duckDecimal("SELECT sum(CAST(nullif(BilledCost, 'NULL') AS DECIMAL(38,18))) FROM " + csv(sample) + " WHERE ProviderName = 'AWS'");
    BigDecimal expectedList = duckDecimal("SELECT sum(CAST(nullif(ListCost, 'NULL') AS DECIMAL(38,18))) FROM " + csv(sample));
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      BillImport.Outcome o = importFocus(store, sample);
      assertThat(o.stats().rowsRead()).isEqualTo(1000);
      assertThat(o.stats().billedUsd()).isEqualByComparingTo(expected);
      assertThat(o.stats().listUsd()).isEqualByComparingTo(expectedList);
      assertThat(store.billedTotal()).isEqualByComparingTo(expected);
      assertThat(o.stats().clouds()).containsExactly("aws", "azure", "oracle");
      List<ActualLine> lines = store.actualLines(Optional.empty(), Optional.empty());
      assertThat(lines.stream().filter(l -> l.cloud().equals("aws")).map(ActualLine::billedUsd).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(expectedAws);
      // Lambda GB-seconds (unit "Seconds", no usage type in this export) map to the x86 duration meter
      double gbs = ((Number) BillFixtures.duck("SELECT sum(CAST(ConsumedQuantity AS DOUBLE)) FROM " + csv(sample)
          + " WHERE ServiceName = 'AWS Lambda' AND ConsumedUnit = 'Seconds'")).doubleValue();
      assertThat(lines.stream().filter(l -> l.meterId().equals(Optional.of("aws.lambda.duration.x86_64"))).mapToDouble(ActualLine::quantity).sum())
          .isCloseTo(gbs, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(lines).anyMatch(l -> l.meterId().equals(Optional.of("aws.dynamodb.read_request_units")));
      // tags are parsed from JSON (hostile keys stay data)
      assertThat(lines).anyMatch(l -> "dev".equals(l.tags().get("environment")));
      assertThat(store.totals(Grouping.SERVICE, Optional.empty(), Optional.empty())).anyMatch(t -> t.key().equals("AWS Lambda"));
      // each provider's billing account and billing period is replaced (the Oracle rows span two periods)
      assertThat(o.replaced()).extracting(Object::toString).contains("aws 1234567890123 2024-09", "oracle 20209880 2024-09", "oracle 20209880 2024-10")
          .hasSize(4);
    }
  }

  @Test
  void isoTimestampsParquetAndReimport() throws Exception {
    Path sample = BillFixtures.copy(BillFixtures.FOCUS, tmp);
    BigDecimal expected = duckDecimal("SELECT sum(CAST(nullif(BilledCost, 'NULL') AS DECIMAL(38,18))) FROM " + csv(sample));
    // FOCUS 1.2 shape: ISO 8601 with Z, typed Parquet columns, Tags as a map, an InvoiceId column
    Path pq = tmp.resolve("focus12.parquet");
    BillFixtures.duckExec("COPY (SELECT * REPLACE (strptime(ChargePeriodStart, '%Y-%m-%d %H:%M:%S') AS ChargePeriodStart,"
        + " strptime(ChargePeriodEnd, '%Y-%m-%d %H:%M:%S') AS ChargePeriodEnd,"
        + " CAST(nullif(BilledCost, 'NULL') AS DOUBLE) AS BilledCost, CAST(nullif(Tags, 'NULL') AS JSON) AS Tags), 'INV-1' AS InvoiceId FROM " + csv(sample)
        + ") TO " + BillFixtures.lit(pq) + " (FORMAT parquet)");
    Path iso = tmp.resolve("focus-iso.csv");
    BillFixtures.duckExec("COPY (SELECT * REPLACE (strftime(strptime(ChargePeriodStart, '%Y-%m-%d %H:%M:%S'), '%Y-%m-%dT%H:%M:%SZ') AS ChargePeriodStart,"
        + " strftime(strptime(ChargePeriodEnd, '%Y-%m-%d %H:%M:%S'), '%Y-%m-%dT%H:%M:%S.000Z') AS ChargePeriodEnd) FROM " + csv(sample) + ") TO "
        + BillFixtures.lit(iso) + " (FORMAT csv, HEADER)");
    for (Path in : List.of(pq, iso)) {
      try (BillingStore store = BillingStore.open(tmp.resolve("home-" + in.getFileName()))) {
        importFocus(store, in);
        long lines = store.lineCount();
        importFocus(store, in);
        assertThat(store.lineCount()).as(in.toString()).isEqualTo(lines);
        assertThat(store.billedTotal()).as(in.toString()).isEqualByComparingTo(expected);
      }
    }
  }

  @Test
  void refusesFocusFragmentsAndOtherFormats() throws Exception {
    Path fragment = BillFixtures.copy(BillFixtures.FOCUS_SPEC_PURCHASE, tmp);
    Path cur = BillFixtures.copy(BillFixtures.CUR, tmp);
    Path badDate = tmp.resolve("bad-date.csv");
    List<String> rows = Files.readAllLines(BillFixtures.copy(BillFixtures.FOCUS, tmp.resolve("f")));
    rows.set(3, rows.get(3).replace("\"2024-09-", "\"2024-13-"));
    Files.write(badDate, rows.subList(0, 10));
    try (BillingStore store = BillingStore.open(tmp.resolve("home"))) {
      assertThatThrownBy(() -> importFocus(store, fragment)).isInstanceOf(BillImportException.class).hasMessageContaining("missing FOCUS column ServiceName");
      assertThatThrownBy(() -> importFocus(store, cur)).isInstanceOf(BillImportException.class).hasMessageContaining("import cur");
      assertThatThrownBy(() -> importFocus(store, badDate)).isInstanceOf(BillImportException.class)
          .hasMessageContaining("is not a timestamp").satisfies(e -> assertThat(((BillImportException) e).row()).isEqualTo(4));
      assertThat(store.lineCount()).isZero();
      assertThat(store.imports()).isEmpty();
    }
  }
}
