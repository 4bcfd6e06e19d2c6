package dev.costflow.importers.bills;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Rows of a Parquet file, read through an in-memory DuckDB and streamed as text: timestamps as
 * {@code YYYY-MM-DD HH:MM:SS} (UTC), numbers in their shortest exact form, maps and structs (CUR 2.0
 * {@code resource_tags}, {@code product}; FOCUS {@code Tags}) as JSON objects.
 */
public final class ParquetRowSource implements RowSource {
  private final String file;
  private final Connection conn;
  private final Statement statement;
  private final ResultSet rs;
  private final List<String> header;
  private final long total;
  private long row;

  private ParquetRowSource(String file, Connection conn, Statement statement, ResultSet rs, List<String> header, long total) {
    this.file = file;
    this.conn = conn;
    this.statement = statement;
    this.rs = rs;
    this.header = header;
    this.total = total;
  }

  public static ParquetRowSource open(Path path, String name) throws BillImportException {
    if (!Files.isRegularFile(path)) {
      throw new BillImportException(name, 0, 0, "no such file");
    }
    Connection c = null;
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      Properties p = new Properties();
      p.setProperty("jdbc_stream_results", "true");
      c = DriverManager.getConnection("jdbc:duckdb:", p);
      String lit = "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
      List<String> names = new ArrayList<>();
      List<String> select = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet d = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + lit + ")")) {
        while (d.next()) {
          String col = d.getString(1);
          String type = d.getString(2).toUpperCase(Locale.ROOT);
          names.add(col);
          String q = "\"" + col.replace("\"", "\"\"") + "\"";
          if (type.startsWith("MAP") || type.startsWith("STRUCT") || type.endsWith("[]") || type.startsWith("LIST")) {
            select.add("CAST(to_json(" + q + ") AS VARCHAR)");
          } else if (type.startsWith("TIMESTAMP")) {
            select.add("strftime(CAST(" + q + " AS TIMESTAMP), '%Y-%m-%d %H:%M:%S')");
          } else {
            select.add("CAST(" + q + " AS VARCHAR)");
          }
        }
      }
      long total;
      try (Statement st = c.createStatement(); ResultSet n = st.executeQuery("SELECT count(*) FROM read_parquet(" + lit + ")")) {
        n.next();
        total = n.getLong(1);
      }
      Statement st = c.createStatement();
      ResultSet rs = st.executeQuery("SELECT " + String.join(", ", select) + " FROM read_parquet(" + lit + ")");
      return new ParquetRowSource(name, c, st, rs, List.copyOf(names), total);
    } catch (ClassNotFoundException e) {
      throw new BillImportException(name, 0, 0, "the DuckDB driver is missing", e);
    } catch (SQLException e) {
      closeQuietly(c);
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      throw new BillImportException(name, 0, 0, "not a readable Parquet file (" + (nl < 0 ? m : m.substring(0, nl)).strip() + ")", e);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
    }
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean next() throws BillImportException {
    try {
      boolean more = rs.next();
      if (more) {
        row++;
      }
      return more;
    } catch (SQLException e) {
      throw new BillImportException(file, row + 1, 0, "cannot read the Parquet data: " + e.getMessage(), e);
    }
  }

  @Override
  public String get(int column) throws BillImportException {
    if (column < 0) {
      return "";
    }
    try {
      String v = rs.getString(column + 1);
      return v == null ? "" : v;
    } catch (SQLException e) {
      throw new BillImportException(file, row, column + 1, "cannot read column " + header.get(column) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long row() {
    return row;
  }

  @Override
  public long progressDone() {
    return row;
  }

  @Override
  public long progressTotal() {
    return total;
  }

  @Override
  public void close() {
    try {
      rs.close();
      statement.close();
    } catch (SQLException ignored) {
      // closing the connection below releases everything
    }
    closeQuietly(conn);
  }
}
