package dev.costflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costflow.importers.bills.LineSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingStoreTest {
  @TempDir Path tmp;

  static LineKey key(String usageType, String category) {
    LocalDate p = LocalDate.of(2025, 11, 1);
    return new LineKey(p, "aws", "111111111111", p, "111111111111", "us-east-1", "AWS Lambda", "AWSLambda", usageType, "", "Invoke", "", "{}", category,
        category, "requests", "f.csv");
  }

  static long sec(int day, int hour) {
    return LocalDate.of(2025, 11, day).atTime(hour, 0).toEpochSecond(ZoneOffset.UTC);
  }

  @Test
  void createsTheSchemaAndRefusesANewerOne() throws Exception {
    try (BillingStore s = BillingStore.open(tmp)) {
      assertThat(s.schemaVersion()).isEqualTo(BillingStore.SCHEMA_VERSION);
      assertThat(s.lineCount()).isZero();
      try (Statement st = s.connection().createStatement()) {
        st.execute("INSERT INTO schema_version VALUES (" + (BillingStore.SCHEMA_VERSION + 1) + ", 'future')");
      }
    }
    assertThatThrownBy(() -> BillingStore.open(tmp)).isInstanceOf(BillingStoreException.class).hasMessageContaining("newer than this costflow");
  }

  @Test
  void aSecondProcessOrOpenOfTheSameStoreIsRefusedClearly() {
    try (BillingStore s = BillingStore.open(tmp)) {
      // DuckDB shares one database per JVM; a second import on the same store is refused
      try (StagedImport i = s.beginImport("cur", List.of("a"))) {
        assertThatThrownBy(() -> s.beginImport("cur", List.of("b"))).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void monthlyChargesGoToTheirFirstDayAndMonthlyUsageIsSpreadExactly() {
    try (BillingStore s = BillingStore.open(tmp)) {
      ImportStats stats = new ImportStats();
      try (StagedImport i = s.beginImport("cur", List.of("f.csv"))) {
        LineSink sink = new LineSink(i, stats);
        // tax for the month
        sink.accept(key("", "Tax"), sec(1, 0), LocalDate.of(2025, 12, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC), false, 0, new BigDecimal("10"),
            new BigDecimal("10"), new BigDecimal("10"));
        // usage over 3 days (a monthly-granularity style row), 10 / 3 does not divide evenly
        sink.accept(key("Request", "Usage"), sec(2, 0), sec(5, 0), true, 300, new BigDecimal("10"), new BigDecimal("9"), new BigDecimal("12"));
        // usage of 36 h starting at noon: 12 h, 24 h
        sink.accept(key("Lambda-GB-Second", "Usage"), sec(10, 12), sec(12, 0), true, 36, new BigDecimal("3.6"), new BigDecimal("3.6"), new BigDecimal("3.6"));
        i.commit(sink.periods(), stats);
      }
      var days = s.dailyCosts(Optional.empty(), Optional.empty());
      assertThat(days).filteredOn(d -> d.usageType().isEmpty()).singleElement().satisfies(d -> {
        assertThat(d.day()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(d.billedUsd()).isEqualByComparingTo("10");
      });
      var spread = days.stream().filter(d -> d.usageType().equals("Request")).toList();
      assertThat(spread).extracting(d -> d.day().getDayOfMonth()).containsExactly(2, 3, 4);
      assertThat(spread.stream().map(d -> d.billedUsd()).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("10");
      assertThat(spread.stream().map(d -> d.listUsd()).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("12");
      assertThat(spread).allSatisfy(d -> assertThat(d.quantity()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9)));
      var half = days.stream().filter(d -> d.usageType().equals("Lambda-GB-Second")).toList();
      assertThat(half).extracting(d -> d.quantity()).containsExactly(12.0, 24.0);
      assertThat(half).extracting(d -> d.billedUsd().stripTrailingZeros()).containsExactly(new BigDecimal("1.2"), new BigDecimal("2.4"));
      assertThat(s.totals(Grouping.DAY, Optional.of(LocalDate.of(2025, 11, 3)), Optional.of(LocalDate.of(2025, 11, 3)))).singleElement()
          .satisfies(t -> assertThat(t.quantity()).contains(100.0));
      assertThat(s.totals(Grouping.SERVICE, Optional.empty(), Optional.empty())).singleElement().satisfies(t -> {
        assertThat(t.unit()).isEqualTo("requests");
        assertThat(t.billedUsd()).isEqualByComparingTo("23.6");
      });
    }
  }

  @Test
  void partitionsReplaceOnlyTheirOwnAccountPeriodAndDays() {
    try (BillingStore s = BillingStore.open(tmp)) {
      store(s, "a", LocalDate.of(2025, 11, 1), "1");
      store(s, "b", LocalDate.of(2025, 11, 1), "2");
      store(s, "a", LocalDate.of(2025, 10, 1), "4");
      assertThat(s.billedTotal()).isEqualByComparingTo("7");
      store(s, "a", LocalDate.of(2025, 11, 1), "8"); // replaces a/2025-11 only
      assertThat(s.billedTotal()).isEqualByComparingTo("14");
      assertThat(s.forget(s.imports().get(0).id())).isEqualTo(1);
      assertThat(s.billedTotal()).isEqualByComparingTo("6");
    }
  }

  private static void store(BillingStore s, String account, LocalDate period, String usd) {
    ImportStats stats = new ImportStats();
    try (StagedImport i = s.beginImport("cur", List.of(account))) {
      LineKey k = new LineKey(period, "aws", account, period, account, "us-east-1", "AWS Lambda", "AWSLambda", "Request", "aws.lambda.requests", "", "", "{}",
          "Usage", "Usage", "requests", "x");
      i.add(k, 1, new BigDecimal(usd), new BigDecimal(usd), new BigDecimal(usd));
      stats.stored("aws", "AWS Lambda", period, new BigDecimal(usd), new BigDecimal(usd), new BigDecimal(usd));
      i.commit(Set.of(Partition.period("aws", account, period)), stats);
    }
  }
}
