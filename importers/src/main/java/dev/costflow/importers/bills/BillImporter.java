package dev.costflow.importers.bills;

/** Reads the rows of one bill file into normalized lines. */
public interface BillImporter {
  /** The source kind stored with the import: {@code cur}, {@code cur2}, {@code focus}. */
  String kind();

  /** Reads every row of a file; throws on bad input (the caller then stores nothing). */
  void read(RowSource src, LineSink sink) throws BillImportException;
}
