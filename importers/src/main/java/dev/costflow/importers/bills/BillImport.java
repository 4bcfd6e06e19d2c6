package dev.costflow.importers.bills;

import dev.costflow.billing.BillingStore;
import dev.costflow.billing.ImportStats;
import dev.costflow.billing.Partition;
import dev.costflow.billing.StagedImport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a file import: every data file of the inputs is read into one staged import, then the
 * billing periods the files cover are replaced in one transaction. Any bad input stops the run
 * before the store is touched.
 */
public final class BillImport {
  /** What an import did. */
  public record Outcome(ImportStats stats, StagedImport.Result result, Set<Partition> replaced, List<String> files) {}

  private BillImport() {}

  public static Outcome files(BillingStore store, BillImporter importer, List<Path> inputs, Progress progress) throws BillImportException {
    List<BillFiles.DataFile> files = BillFiles.expand(inputs);
    List<String> names = new ArrayList<>();
    for (BillFiles.DataFile f : files) {
      names.add(f.name());
    }
    ImportStats stats = new ImportStats();
    try (StagedImport staged = store.beginImport(importer.kind(), names)) {
      LineSink sink = new LineSink(staged, stats);
      int n = 0;
      for (BillFiles.DataFile f : files) {
        n++;
        stats.file(f.name());
        String label = (files.size() > 1 ? "[" + n + "/" + files.size() + "] " : "") + f.path().getFileName();
        try (RowSource src = new PipelinedRowSource(BillFiles.open(f))) {
          RowSource tracked = progress == Progress.NONE ? src : new ProgressRows(src, progress, label, stats);
          importer.read(tracked, sink);
        }
      }
      progress.finish();
      if (stats.rowsRead() == 0) {
        throw new BillImportException(names.isEmpty() ? "" : names.get(0), 2, 0, "no data rows: nothing to import (the store is unchanged)");
      }
      if (sink.periods().isEmpty()) {
        throw new BillImportException(names.get(0), 2, 0, "every row was rejected: nothing to import (the store is unchanged)");
      }
      StagedImport.Result result = staged.commit(sink.periods(), stats);
      return new Outcome(stats, result, sink.periods(), names);
    } finally {
      progress.finish();
    }
  }

  /** Reports progress while rows are read. */
  private static final class ProgressRows implements RowSource {
    private final RowSource src;
    private final Progress progress;
    private final String label;
    private final ImportStats stats;
    private int tick;

    ProgressRows(RowSource src, Progress progress, String label, ImportStats stats) {
      this.src = src;
      this.progress = progress;
      this.label = label;
      this.stats = stats;
    }

    @Override
    public String file() {
      return src.file();
    }

    @Override
    public List<String> header() {
      return src.header();
    }

    @Override
    public void willRead(int[] columns) {
      src.willRead(columns);
    }

    @Override
    public boolean next() throws BillImportException {
      if ((++tick & 0x3fff) == 0) {
        progress.update(label, src.progressDone(), src.progressTotal(), stats.rowsRead());
      }
      return src.next();
    }

    @Override
    public String get(int column) throws BillImportException {
      return src.get(column);
    }

    @Override
    public long row() {
      return src.row();
    }

    @Override
    public long progressDone() {
      return src.progressDone();
    }

    @Override
    public long progressTotal() {
      return src.progressTotal();
    }

    @Override
    public void close() {
      src.close();
    }
  }
}
