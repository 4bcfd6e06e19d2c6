package dev.costflow.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An import in progress. Lines are summed in memory by key (at most {@link #FLUSH_AT} keys, so
 * memory stays flat whatever the file size), spilled to a temporary staging table, and summed again
 * there on commit. Nothing touches the store's tables until {@link #commit}, which replaces the
 * imported partitions in one transaction; closing without a commit drops the staged lines.
 */
public final class StagedImport implements AutoCloseable {
  /** Keys held in memory before they are spilled to the staging table. */
  public static final int FLUSH_AT = 50_000;

  /** Decimal places money is stored with (DECIMAL(38,18)); bills carry at most 10. */
  public static final int MONEY_SCALE = 18;

  private static final class Sums {
    double quantity;
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal amortized = BigDecimal.ZERO;
    BigDecimal list = BigDecimal.ZERO;
  }

  /** What a commit did. */
  public record Result(long importId, long linesStored, long linesReplaced, Map<String, Long> otherSourcesOnSameDays) {}

  private final BillingStore store;
  private final Connection conn;
  private final String sourceKind;
  private final List<String> sources;
  private final Map<LineKey, Sums> pending = new HashMap<>();
  private DuckDBAppender appender;
  private long staged;
  private boolean done;

  StagedImport(BillingStore store, String sourceKind, List<String> sources) throws SQLException {
    this.store = store;
    this.conn = store.connection();
    this.sourceKind = sourceKind;
    this.sources = List.copyOf(sources);
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS temp.staging_lines");
      st.execute("CREATE TEMP TABLE staging_lines AS SELECT " + BillingStore.KEY_COLUMNS + ", quantity, billed_usd, amortized_usd, list_usd FROM bill_lines LIMIT 0");
    }
    appender = conn.unwrap(DuckDBConnection.class).createAppender("temp", "main", "staging_lines");
  }

  /** Adds amounts to a line. */
  public void add(LineKey key, double quantity, BigDecimal billedUsd, BigDecimal amortizedUsd, BigDecimal listUsd) {
    Sums s = pending.get(key);
    if (s == null) {
      if (pending.size() >= FLUSH_AT) {
        spill();
      }
      s = new Sums();
      pending.put(key, s);
    }
    s.quantity += quantity;
    s.billed = s.billed.add(billedUsd);
    s.amortized = s.amortized.add(amortizedUsd);
    s.list = s.list.add(listUsd);
  }

  /** Keys staged so far (in memory and spilled). */
  public long stagedKeys() {
    return staged + pending.size();
  }

  private void spill() {
    try {
      for (Map.Entry<LineKey, Sums> e : pending.entrySet()) {
        LineKey k = e.getKey();
        Sums s = e.getValue();
        appender.beginRow();
        appender.append(k.day());
        appender.append(k.cloud());
        appender.append(k.billingAccount());
        appender.append(k.billingPeriod());
        appender.append(k.account());
        appender.append(k.region());
        appender.append(k.service());
        appender.append(k.serviceCode());
        appender.append(k.usageType());
        appender.append(k.meterId());
        appender.append(k.operation());
        appender.append(k.resourceId());
        appender.append(k.tags());
        appender.append(k.chargeCategory());
        appender.append(k.chargeType());
        appender.append(k.unit());
        appender.append(k.sourceFile());
        appender.append(s.quantity);
        appender.append(money(s.billed));
        appender.append(money(s.amortized));
        appender.append(money(s.list));
        appender.endRow();
      }
      appender.flush();
      staged += pending.size();
      pending.clear();
    } catch (SQLException e) {
      throw new BillingStoreException("cannot stage bill lines: " + BillingStore.firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  static BigDecimal money(BigDecimal v) {
    BigDecimal s = v.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    if (s.precision() > 38) {
      throw new BillingStoreException("amount " + v.toPlainString() + " is too large for the billing store (20 integer digits)");
    }
    return s;
  }

  /**
   * Replaces the partitions' lines with the staged ones and records the import, in one transaction.
   *
   * @param stats what was read, for the import record
   */
  public Result commit(Set<Partition> partitions, ImportStats stats) {
    if (done) {
      throw new IllegalStateException("import already finished");
    }
    spill();
    try {
      appender.close();
      appender = null;
    } catch (SQLException e) {
      throw new BillingStoreException("cannot stage bill lines: " + BillingStore.firstLine(String.valueOf(e.getMessage())), e);
    }
    long id;
    long stored;
    long replaced = 0;
    try {
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(import_id), 0) + 1 FROM imports")) {
          rs.next();
          id = rs.getLong(1);
        }
        st.execute("CREATE OR REPLACE TEMP TABLE replace_parts (cloud VARCHAR, billing_account VARCHAR, billing_period DATE, day_from DATE, day_to DATE)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO temp.replace_parts VALUES (?, ?, ?, ?, ?)")) {
          for (Partition p : partitions) {
            ps.setString(1, p.cloud());
            ps.setString(2, p.billingAccount());
            ps.setDate(3, p.billingPeriod().map(Date::valueOf).orElse(null));
            ps.setDate(4, p.from().map(Date::valueOf).orElse(null));
            ps.setDate(5, p.until().map(Date::valueOf).orElse(null));
            ps.executeUpdate();
          }
        }
        replaced = st.executeUpdate(
            "DELETE FROM bill_lines USING temp.replace_parts p WHERE bill_lines.cloud = p.cloud AND bill_lines.billing_account = p.billing_account"
                + " AND (p.billing_period IS NULL OR bill_lines.billing_period = p.billing_period)"
                + " AND (p.day_from IS NULL OR bill_lines.day >= p.day_from) AND (p.day_to IS NULL OR bill_lines.day < p.day_to)");
        stored = st.executeUpdate("INSERT INTO bill_lines SELECT " + BillingStore.KEY_COLUMNS
            + ", sum(quantity), sum(billed_usd), sum(amortized_usd), sum(list_usd), " + id + " FROM temp.staging_lines GROUP BY ALL");
        st.execute("DROP TABLE temp.replace_parts");
      }
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, sourceKind);
        ps.setString(3, String.join("\n", sources));
        ps.setString(4, Instant.now().toString());
        ps.setLong(5, stats.rowsRead());
        ps.setLong(6, stats.rowsRejected());
        ps.setLong(7, stored);
        ps.setDate(8, stats.firstDay().map(Date::valueOf).orElse(null));
        ps.setDate(9, stats.lastDay().map(Date::valueOf).orElse(null));
        ps.setBigDecimal(10, money(stats.billedUsd()));
        List<String> parts = new ArrayList<>(new TreeSet<>(partitions.stream().map(Partition::toString).toList()));
        ps.setString(11, String.join("\n", parts));
        ps.setLong(12, replaced);
        ps.executeUpdate();
      }
      maybeCrashForTests();
      conn.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw new BillingStoreException("the import was not stored (the store is unchanged): " + BillingStore.firstLine(String.valueOf(e.getMessage())), e);
    } catch (RuntimeException e) {
      rollbackQuietly();
      throw e;
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException ignored) {
        // reported above
      }
      finish();
    }
    Map<String, Long> others = Map.of();
    if (stats.firstDay().isPresent()) {
      Map<String, Long> all = new java.util.TreeMap<>();
      for (String cloud : stats.clouds()) {
        store.otherSourcesOnDays(id, cloud, stats.firstDay().get(), stats.lastDay().get()).forEach((k, v) -> all.merge(k, v, Math::max));
      }
      others = all;
    }
    return new Result(id, stored, replaced, others);
  }

  /** Test hook: a system property makes the commit stop the JVM inside the transaction. */
  private static void maybeCrashForTests() {
    if (Boolean.getBoolean("costflow.test.haltInCommit")) {
      Runtime.getRuntime().halt(137);
    }
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the transaction died with the error
    }
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    try {
      if (appender != null) {
        appender.close();
        appender = null;
      }
    } catch (SQLException ignored) {
      // dropping the table anyway
    }
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS temp.staging_lines");
    } catch (SQLException ignored) {
      // a temporary table dies with the connection anyway
    }
    store.importDone();
  }

  /** Discards the staged lines if the import was not committed. */
  @Override
  public void close() {
    pending.clear();
    finish();
  }

  /** For messages: the source kind. */
  public String sourceKind() {
    return sourceKind;
  }

  /** For tests: the first day of the month of a day. */
  static LocalDate monthOf(LocalDate d) {
    return d.withDayOfMonth(1);
  }
}
