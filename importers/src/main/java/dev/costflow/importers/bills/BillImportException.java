package dev.costflow.importers.bills;

/**
 * Bad billing input: a truncated or corrupt file, a wrong or missing header, a bad number or date, a
 * unit the catalog does not know, a file of another format. Names the file, the row (line number of
 * a CSV record, 1-based row of a Parquet file; 0 when the whole file is at fault) and the column
 * (1-based field number; 0 for none). Nothing is stored when an import fails with it.
 */
public class BillImportException extends Exception {
  private final String file;
  private final long row;
  private final int column;

  public BillImportException(String file, long row, int column, String message) {
    super(message);
    this.file = file;
    this.row = row;
    this.column = column;
  }

  public BillImportException(String file, long row, int column, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.row = row;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public long row() {
    return row;
  }

  public int column() {
    return column;
  }

  /** {@code FILE:ROW:COLUMN: error: MESSAGE}, the project's error format. */
  public String formatted() {
    return file + ":" + row + ":" + column + ": error: " + getMessage();
  }
}
