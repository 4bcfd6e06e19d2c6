package dev.costflow.billing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costflow.actuals.ActualLine;
import dev.costflow.actuals.ActualTotal;
import dev.costflow.actuals.DailyCost;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The billing store: actual bill lines, one per day and key, in an embedded DuckDB database at
 * {@code $COSTFLOW_HOME/costflow.duckdb} (default {@code ~/.costflow}). Imports stage their lines
 * outside the store's tables and then replace whole billing periods in one transaction
 * ({@link StagedImport#commit}), so a failed or killed import leaves the previous data whole.
 * The schema is versioned ({@code schema_version}) and migrated forward when opened.
 *
 * <p>One process at a time may open the store (DuckDB's file lock); a second gets a {@link
 * BillingStoreException} naming the problem. Not thread-safe.
 */
public final class BillingStore implements AutoCloseable {
  public static final String FILE = "costflow.duckdb";
  public static final String HOME_ENV = "COSTFLOW_HOME";

  /** Migrations, in order; index i brings the schema from version i to i + 1. Never edit a released one: add. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE imports (
                import_id BIGINT PRIMARY KEY,
                source_kind VARCHAR NOT NULL,
                sources VARCHAR NOT NULL,
                finished_at VARCHAR NOT NULL,
                rows_read BIGINT NOT NULL,
                rows_rejected BIGINT NOT NULL,
                lines_stored BIGINT NOT NULL,
                first_day DATE,
                last_day DATE,
                billed_usd DECIMAL(38,18) NOT NULL,
                partitions VARCHAR NOT NULL,
                lines_replaced BIGINT NOT NULL)""",
              """
              CREATE TABLE bill_lines (
                day DATE NOT NULL,
                cloud VARCHAR NOT NULL,
                billing_account VARCHAR NOT NULL,
                billing_period DATE NOT NULL,
                account VARCHAR NOT NULL,
                region VARCHAR NOT NULL,
                service VARCHAR NOT NULL,
                service_code VARCHAR NOT NULL,
                usage_type VARCHAR NOT NULL,
                meter_id VARCHAR NOT NULL,
                operation VARCHAR NOT NULL,
                resource_id VARCHAR NOT NULL,
                tags VARCHAR NOT NULL,
                charge_category VARCHAR NOT NULL,
                charge_type VARCHAR NOT NULL,
                unit VARCHAR NOT NULL,
                source_file VARCHAR NOT NULL,
                quantity DOUBLE NOT NULL,
                billed_usd DECIMAL(38,18) NOT NULL,
                amortized_usd DECIMAL(38,18) NOT NULL,
                list_usd DECIMAL(38,18) NOT NULL,
                import_id BIGINT NOT NULL)""",
              "CREATE INDEX bill_lines_day ON bill_lines (day)"));

  /** The schema version this build writes. */
  public static final int SCHEMA_VERSION = MIGRATIONS.size();

  /** Columns of a line's key, in {@link LineKey} order (also the staging table's first columns). */
  static final String KEY_COLUMNS =
      "day, cloud, billing_account, billing_period, account, region, service, service_code, usage_type, meter_id, operation, resource_id, tags, "
          + "charge_category, charge_type, unit, source_file";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Connection conn;
  private boolean importing;

  private BillingStore(Path file, Connection conn) {
    this.file = file;
    this.conn = conn;
  }

  /** {@code $COSTFLOW_HOME}, or {@code ~/.costflow}. */
  public static Path defaultHome() {
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".costflow");
  }

  public static BillingStore openDefault() {
    return open(defaultHome());
  }

  /** Opens (creating and migrating as needed) the store in a directory. */
  public static BillingStore open(Path home) {
    Path file = home.resolve(FILE).toAbsolutePath();
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new BillingStoreException("cannot create the billing store directory " + home + ": " + e.getMessage(), e);
    }
    Connection c;
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      c = DriverManager.getConnection("jdbc:duckdb:" + file, p);
    } catch (ClassNotFoundException e) {
      throw new BillingStoreException("the DuckDB driver is missing from the class path", e);
    } catch (SQLException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("lock")) {
        throw new BillingStoreException("the billing store " + file + " is in use by another process (" + firstLine(m) + ")", e);
      }
      throw new BillingStoreException("cannot open the billing store " + file + ": " + firstLine(m), e);
    }
    BillingStore s = new BillingStore(file, c);
    try {
      s.configure();
      s.migrate();
    } catch (SQLException | RuntimeException e) {
      s.close();
      if (e instanceof BillingStoreException be) {
        throw be;
      }
      throw new BillingStoreException("cannot prepare the billing store " + file + ": " + firstLine(String.valueOf(e.getMessage())), e);
    }
    return s;
  }

  static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  private void configure() throws SQLException {
    try (Statement st = conn.createStatement()) {
      // Bounded memory: DuckDB spills to <file>.tmp beyond this; the importers stream and pre-aggregate.
      st.execute("SET memory_limit = '256MB'");
      st.execute("SET preserve_insertion_order = false");
    }
  }

  private void migrate() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at VARCHAR NOT NULL)");
      int version;
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > SCHEMA_VERSION) {
        throw new BillingStoreException("the billing store " + file + " has schema version " + version + ", newer than this costflow understands ("
            + SCHEMA_VERSION + "); use a newer costflow or point " + HOME_ENV + " elsewhere");
      }
      for (int v = version; v < SCHEMA_VERSION; v++) {
        conn.setAutoCommit(false);
        try {
          for (String sql : MIGRATIONS.get(v)) {
            st.execute(sql);
          }
          try (PreparedStatement ps = conn.prepareStatement("INSERT INTO schema_version VALUES (?, ?)")) {
            ps.setInt(1, v + 1);
            ps.setString(2, java.time.Instant.now().toString());
            ps.executeUpdate();
          }
          conn.commit();
        } catch (SQLException e) {
          conn.rollback();
          throw e;
        } finally {
          conn.setAutoCommit(true);
        }
      }
    }
  }

  public Path file() {
    return file;
  }

  Connection connection() {
    return conn;
  }

  /** The schema version of the open store. */
  public int schemaVersion() {
    return queryLong("SELECT max(version) FROM schema_version").intValue();
  }

  /**
   * Starts an import: lines are staged in a temporary table until {@link StagedImport#commit}
   * replaces the imported partitions in one transaction. Closing it without committing discards them.
   */
  public StagedImport beginImport(String sourceKind, List<String> sources) {
    if (importing) {
      throw new IllegalStateException("an import is already running on this store");
    }
    importing = true;
    try {
      return new StagedImport(this, sourceKind, sources);
    } catch (SQLException e) {
      importing = false;
      throw new BillingStoreException("cannot stage the import: " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }

  void importDone() {
    importing = false;
  }

  // ------------------------------------------------------------------ queries

  private static String dayFilter(Optional<LocalDate> since, Optional<LocalDate> until) {
    StringBuilder w = new StringBuilder(" WHERE 1 = 1");
    since.ifPresent(d -> w.append(" AND day >= DATE '").append(d).append('\''));
    until.ifPresent(d -> w.append(" AND day <= DATE '").append(d).append('\''));
    return w.toString();
  }

  /**
   * Billed and list cost per day (UTC), service name (FOCUS {@code ServiceName}, CUR
   * {@code product/ProductName}), usage type, catalog meter id ("" when unmapped) and unit; days
   * {@code since} to {@code until} inclusive. Ordered by day, service, usage type.
   */
  public List<DailyCost> dailyCosts(Optional<LocalDate> since, Optional<LocalDate> until) {
    String sql = "SELECT day, service, usage_type, meter_id, unit, sum(quantity), sum(billed_usd), sum(list_usd) FROM bill_lines" + dayFilter(since, until)
        + " GROUP BY day, service, usage_type, meter_id, unit ORDER BY day, service, usage_type, meter_id, unit";
    List<DailyCost> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new DailyCost(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(6), rs.getString(5),
            rs.getBigDecimal(7), rs.getBigDecimal(8)));
      }
    } catch (SQLException e) {
      throw readFailed(e);
    }
    return out;
  }

  /**
   * Actual lines per day for reconciliation: summed over source files and line item types, one per
   * day, cloud, account, region, service, usage type, meter, operation, resource, tags, unit and
   * charge category. Ordered by day.
   */
  public List<ActualLine> actualLines(Optional<LocalDate> since, Optional<LocalDate> until) {
    String cols = "day, cloud, account, region, service, usage_type, meter_id, operation, resource_id, tags, unit, charge_category";
    String sql = "SELECT " + cols + ", sum(quantity), sum(billed_usd), sum(list_usd) FROM bill_lines" + dayFilter(since, until) + " GROUP BY " + cols
        + " ORDER BY " + cols;
    List<ActualLine> out = new ArrayList<>();
    Map<String, Map<String, String>> tagCache = new HashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String meter = rs.getString(7);
        Map<String, String> tags = tagCache.computeIfAbsent(rs.getString(10), BillingStore::parseTags);
        out.add(new ActualLine(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            meter.isEmpty() ? Optional.empty() : Optional.of(meter), rs.getString(8), rs.getString(9), tags, rs.getDouble(13), rs.getString(11),
            rs.getBigDecimal(14), rs.getBigDecimal(15), rs.getString(12)));
      }
    } catch (SQLException e) {
      throw readFailed(e);
    }
    return out;
  }

  static Map<String, String> parseTags(String json) {
    if (json == null || json.isEmpty() || json.equals("{}")) {
      return Map.of();
    }
    try {
      Map<String, Object> raw = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      raw.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
      return out;
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** Totals by one key over days {@code since} to {@code until} inclusive, largest billed first (by day: in day order). */
  public List<ActualTotal> totals(Grouping by, Optional<LocalDate> since, Optional<LocalDate> until) {
    String key = by.column();
    String sql = "SELECT CAST(" + key + " AS VARCHAR) AS k, sum(quantity), min(unit), max(unit), sum(billed_usd), sum(amortized_usd), sum(list_usd), count(*) FROM bill_lines"
        + dayFilter(since, until) + " GROUP BY " + key + " ORDER BY " + (by == Grouping.DAY ? key : "sum(billed_usd) DESC, k");
    List<ActualTotal> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String lo = rs.getString(3);
        String hi = rs.getString(4);
        boolean oneUnit = lo != null && lo.equals(hi);
        out.add(new ActualTotal(rs.getString(1), oneUnit ? Optional.of(rs.getDouble(2)) : Optional.empty(), oneUnit ? lo : ActualTotal.MIXED,
            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8)));
      }
    } catch (SQLException e) {
      throw readFailed(e);
    }
    return out;
  }

  /** The first and last day the store holds, if any. */
  public Optional<LocalDate[]> dayRange() {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT min(day), max(day) FROM bill_lines")) {
      rs.next();
      LocalDate a = rs.getObject(1, LocalDate.class);
      LocalDate b = rs.getObject(2, LocalDate.class);
      return a == null ? Optional.empty() : Optional.of(new LocalDate[] {a, b});
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  /** Number of stored lines. */
  public long lineCount() {
    return queryLong("SELECT count(*) FROM bill_lines");
  }

  /** Sum of billed cost of every stored line. */
  public BigDecimal billedTotal() {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(sum(billed_usd), 0) FROM bill_lines")) {
      rs.next();
      return rs.getBigDecimal(1);
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  /** The imports whose lines are still (partly) in the store, and the earlier ones, newest first. */
  public List<ImportRecord> imports() {
    String sql = "SELECT import_id, source_kind, sources, finished_at, rows_read, rows_rejected, lines_stored, first_day, last_day, billed_usd, partitions, lines_replaced"
        + " FROM imports ORDER BY import_id DESC";
    List<ImportRecord> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new ImportRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
            Optional.ofNullable(rs.getObject(8, LocalDate.class)), Optional.ofNullable(rs.getObject(9, LocalDate.class)), rs.getBigDecimal(10),
            rs.getString(11), rs.getLong(12)));
      }
    } catch (SQLException e) {
      throw readFailed(e);
    }
    return out;
  }

  /** Removes the lines an import stored (in one transaction); returns how many. */
  public long forget(long importId) {
    try {
      conn.setAutoCommit(false);
      long n;
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM bill_lines WHERE import_id = ?")) {
        ps.setLong(1, importId);
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM imports WHERE import_id = ?")) {
        ps.setLong(1, importId);
        ps.executeUpdate();
      }
      conn.commit();
      return n;
    } catch (SQLException e) {
      try {
        conn.rollback();
      } catch (SQLException ignored) {
        // the transaction is gone with the error
      }
      throw new BillingStoreException("cannot remove import " + importId + ": " + firstLine(String.valueOf(e.getMessage())), e);
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException ignored) {
        // closing
      }
    }
  }

  /** Source kinds other than {@code importId}'s with lines of a cloud on days in {@code [first, last]}, with their day counts. */
  Map<String, Long> otherSourcesOnDays(long importId, String cloud, LocalDate first, LocalDate last) {
    String sql = "SELECT i.source_kind, count(DISTINCT l.day) FROM bill_lines l JOIN imports i USING (import_id) WHERE l.import_id <> ? AND l.cloud = ?"
        + " AND l.day BETWEEN ? AND ? AND i.source_kind <> (SELECT source_kind FROM imports WHERE import_id = ?) GROUP BY i.source_kind ORDER BY 1";
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setLong(1, importId);
      ps.setString(2, cloud);
      ps.setDate(3, Date.valueOf(first));
      ps.setDate(4, Date.valueOf(last));
      ps.setLong(5, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw readFailed(e);
    }
    return out;
  }

  private Long queryLong(String sql) {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  private BillingStoreException readFailed(SQLException e) {
    return new BillingStoreException("cannot read the billing store " + file + ": " + firstLine(String.valueOf(e.getMessage())), e);
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new BillingStoreException("cannot close the billing store " + file + ": " + firstLine(String.valueOf(e.getMessage())), e);
    }
  }
}
