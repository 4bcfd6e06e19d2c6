package dev.costflow.importers.bills;

import java.util.List;

/**
 * Rows of one bill file as text, streamed: a CSV file (plain or gzip) or a Parquet file read
 * through DuckDB. Values are "" when empty. Not thread-safe.
 */
public interface RowSource extends AutoCloseable {
  /** The file, as given by the user (for messages). */
  String file();

  /** Column names in file order. */
  List<String> header();

  /** Declares, before the first row, the only columns {@link #get} will be asked for (a hint sources may use). */
  default void willRead(int[] columns) {}

  /** Moves to the next row; false at the end. */
  boolean next() throws BillImportException;

  /** The value of a column of the current row ("" when empty). */
  String get(int column) throws BillImportException;

  /** The current row's number for messages (CSV: line number of the record's first line). */
  long row();

  /** Progress: units done and total (bytes of the file for CSV, rows for Parquet); total 0 when unknown. */
  long progressDone();

  long progressTotal();

  @Override
  void close();

  /** An error at the current row and a column (0-based index; -1 for none). */
  default BillImportException error(int column, String message) {
    return new BillImportException(file(), row(), column + 1, message);
  }
}
