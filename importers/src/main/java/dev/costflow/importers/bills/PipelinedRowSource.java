package dev.costflow.importers.bills;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a source on a second thread: decompressing, decoding and splitting rows overlaps with the
 * importer's work on the rows before them. Only the columns the importer declared
 * ({@link #willRead}) are carried over, in batches through a bounded queue, so memory stays
 * constant. Errors of the reading thread surface in {@link #next} with their file, row and column.
 */
final class PipelinedRowSource implements RowSource {
  private static final int BATCH = 1024;
  private static final int QUEUE = 4;

  private record Batch(List<String[]> rows, long[] rowNumbers, long progress, BillImportException error, RuntimeException failure, boolean end) {}

  private final RowSource src;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
  private Thread reader;
  private volatile boolean closed;
  private boolean[] wanted;
  private Batch current;
  private int index = -1;
  private String[] row;
  private long rowNumber;
  private long progress;
  private boolean finished;

  PipelinedRowSource(RowSource src) {
    this.src = src;
  }

  @Override
  public void willRead(int[] columns) {
    if (reader != null) {
      throw new IllegalStateException("willRead after the first row");
    }
    wanted = new boolean[src.header().size()];
    for (int c : columns) {
      if (c >= 0 && c < wanted.length) {
        wanted[c] = true;
      }
    }
  }

  private void start() {
    if (wanted == null) {
      wanted = new boolean[src.header().size()];
      java.util.Arrays.fill(wanted, true);
    }
    int[] cols = java.util.stream.IntStream.range(0, wanted.length).filter(i -> wanted[i]).toArray();
    int width = wanted.length;
    reader = new Thread(() -> {
      try {
        while (!closed) {
          List<String[]> rows = new ArrayList<>(BATCH);
          long[] numbers = new long[BATCH];
          boolean end = false;
          while (rows.size() < BATCH) {
            if (!src.next()) {
              end = true;
              break;
            }
            String[] r = new String[width];
            for (int c : cols) {
              r[c] = src.get(c);
            }
            numbers[rows.size()] = src.row();
            rows.add(r);
          }
          put(new Batch(rows, numbers, src.progressDone(), null, null, end));
          if (end) {
            return;
          }
        }
      } catch (BillImportException e) {
        put(new Batch(List.of(), new long[0], 0, e, null, true));
      } catch (RuntimeException e) {
        put(new Batch(List.of(), new long[0], 0, null, e, true));
      }
    }, "costflow-bill-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void put(Batch b) {
    try {
      while (!closed && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
        // the importer is busy; wait
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean next() throws BillImportException {
    if (finished) {
      return false;
    }
    if (reader == null) {
      start();
    }
    while (current == null || index + 1 >= current.rows().size()) {
      if (current != null && current.end()) {
        finished = true;
        return false;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BillImportException(src.file(), rowNumber, 0, "interrupted");
      }
      index = -1;
      progress = current.progress();
      if (current.error() != null) {
        finished = true;
        throw current.error();
      }
      if (current.failure() != null) {
        finished = true;
        throw current.failure();
      }
    }
    index++;
    row = current.rows().get(index);
    rowNumber = current.rowNumbers()[index];
    return true;
  }

  @Override
  public String get(int column) {
    if (column < 0 || column >= row.length) {
      return "";
    }
    String v = row[column];
    if (v == null) {
      throw new IllegalStateException("column " + column + " was not declared with willRead");
    }
    return v;
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
  public long row() {
    return rowNumber;
  }

  @Override
  public long progressDone() {
    return progress;
  }

  @Override
  public long progressTotal() {
    return src.progressTotal();
  }

  @Override
  public void close() {
    closed = true;
    queue.clear();
    if (reader != null) {
      try {
        reader.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    src.close();
  }
}
