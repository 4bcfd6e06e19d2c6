package dev.costflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;

/** Bill samples and an independent reader (DuckDB's own CSV/Parquet readers) for tests. Shared through the test-jar. */
public final class BillFixtures {
  public static final String CUR = "bills/focus-converters-aws-cur/sample-anonymous-aws-export-dataset.csv";
  public static final String FOCUS = "bills/focus-sample-data/focus_sample.csv";
  public static final String FOCUS_SPEC_PURCHASE = "bills/focus-spec-v1.2/commitment_discount_purchase_scenario_2.csv";

  private BillFixtures() {}

  /** Copies a test resource into a folder (works from a jar too). */
  public static Path copy(String resource, Path dir) throws IOException {
    Path out = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = BillFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no test resource " + resource);
      }
      Files.createDirectories(dir);
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }
    return out;
  }

  public static Path gzip(Path file, Path out) throws IOException {
    try (InputStream in = Files.newInputStream(file); OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      in.transferTo(o);
    }
    return out;
  }

  /** Runs SQL on an in-memory DuckDB (statements separated by ';' run first; the last is a query with one value). */
  public static Object duck(String... sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (int i = 0; i < sql.length - 1; i++) {
        st.execute(sql[i]);
      }
      try (ResultSet rs = st.executeQuery(sql[sql.length - 1])) {
        rs.next();
        return rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public static BigDecimal duckDecimal(String... sql) {
    Object o = duck(sql);
    return o == null ? BigDecimal.ZERO : new BigDecimal(o.toString());
  }

  public static long duckLong(String... sql) {
    return ((Number) duck(sql)).longValue();
  }

  public static void duckExec(String... sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** A path as a SQL string literal. */
  public static String lit(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** read_csv of a CUR or FOCUS sample with every column as text. */
  public static String csv(Path p) {
    return "read_csv(" + lit(p) + ", all_varchar = true, header = true)";
  }
}
