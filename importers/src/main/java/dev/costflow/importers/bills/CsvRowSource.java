package dev.costflow.importers.bills;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A streaming RFC 4180 CSV reader over a plain or gzip file (gzip by its magic bytes, whatever
 * the name). Fields are kept as offsets into one reusable buffer and become strings only when asked
 * for, so a row costs a scan and the few values the importer reads. Quoted fields may hold commas,
 * doubled quotes and line breaks. Every row must have the header's number of fields.
 */
public final class CsvRowSource implements RowSource {
  private static final int BUFFER = 1 << 20;

  /** Counts the bytes read from the file (compressed bytes for gzip), for progress. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  private final String file;
  private final long size;
  private final Counting counting;
  private final Reader reader;
  private final boolean gzip;
  private char[] buf = new char[BUFFER];
  private int len;
  private int pos;
  private boolean eof;
  private int[] starts = new int[128];
  private int[] ends = new int[128];
  private boolean[] escaped = new boolean[128];
  private int fields;
  private long line = 1;
  private long recordLine;
  private final List<String> header;
  private final int width;
  private static final int CACHE_SLOTS = 1 << 13;
  private String[][] caches = new String[64][];
  private char[][][] cacheChars = new char[64][][];

  private CsvRowSource(String file, long size, Counting counting, Reader reader, boolean gzip) throws BillImportException {
    this.file = file;
    this.size = size;
    this.counting = counting;
    this.reader = reader;
    this.gzip = gzip;
    if (!readRecord()) {
      throw new BillImportException(file, 1, 0, "the file is empty: a header row is expected");
    }
    List<String> h = new ArrayList<>(fields);
    for (int i = 0; i < fields; i++) {
      String name = field(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      h.add(name);
    }
    this.header = List.copyOf(h);
    this.width = fields;
    this.caches = new String[Math.max(1, fields)][];
    this.cacheChars = new char[Math.max(1, fields)][][];
  }

  /** Opens a CSV file, gzip-compressed or not. */
  public static CsvRowSource open(Path path, String name) throws BillImportException {
    InputStream raw = null;
    try {
      long size = Files.size(path);
      raw = Files.newInputStream(path);
      Counting counting = new Counting(raw);
      BufferedInputStream in = new BufferedInputStream(counting, 1 << 16);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      boolean gz = b1 == 0x1f && b2 == 0x8b;
      InputStream data = gz ? new GZIPInputStream(in, 1 << 16) : in;
      return new CsvRowSource(name, size, counting, new InputStreamReader(data, StandardCharsets.UTF_8), gz);
    } catch (NoSuchFileException e) {
      closeQuietly(raw);
      throw new BillImportException(name, 0, 0, "no such file");
    } catch (ZipException | EOFException e) {
      closeQuietly(raw);
      throw new BillImportException(name, 1, 0, "truncated or corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new BillImportException(name, 0, 0, "cannot read: " + e.getMessage(), e);
    } catch (BillImportException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
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
  public long row() {
    return recordLine;
  }

  @Override
  public long progressDone() {
    return counting.count;
  }

  @Override
  public long progressTotal() {
    return size;
  }

  @Override
  public boolean next() throws BillImportException {
    while (readRecord()) {
      if (fields == 1 && starts[0] == ends[0]) {
        continue; // blank line
      }
      if (fields != width) {
        throw new BillImportException(file, recordLine, Math.min(fields, width) + 1,
            "the row has " + fields + " fields but the header has " + width + " (a truncated file or an unquoted comma?)");
      }
      return true;
    }
    return false;
  }

  @Override
  public String get(int column) {
    if (column < 0 || column >= fields) {
      return "";
    }
    int s = starts[column];
    int e = ends[column];
    int n = e - s;
    if (n == 0) {
      return "";
    }
    if (escaped[column] || n > 256) {
      return field(column);
    }
    // Bills repeat most values (dates, products, usage types, resources): one String per distinct
    // value per column, so later hashing and comparing are the String's cached hash and ==.
    String[] cache = caches[column];
    char[][] chars = cacheChars[column];
    if (cache == null) {
      cache = new String[CACHE_SLOTS];
      chars = new char[CACHE_SLOTS][];
      caches[column] = cache;
      cacheChars[column] = chars;
    }
    char[] b = buf;
    int h = 0;
    for (int i = s; i < e; i++) {
      h = 31 * h + b[i];
    }
    int slot = (h ^ (h >>> 13) ^ (h >>> 26)) & (CACHE_SLOTS - 1);
    char[] c = chars[slot];
    if (c != null && c.length == n && Arrays.equals(c, 0, n, b, s, e)) {
      return cache[slot];
    }
    String v = new String(b, s, n);
    cache[slot] = v;
    chars[slot] = Arrays.copyOfRange(b, s, e);
    return v;
  }

  private String field(int i) {
    int s = starts[i];
    int e = ends[i];
    if (s == e) {
      return "";
    }
    String v = new String(buf, s, e - s);
    return escaped[i] ? v.replace("\"\"", "\"") : v;
  }

  /** Moves the unread part of the buffer (from {@code keep}) to the front and reads more; returns the shift. */
  private int refill(int keep) throws BillImportException {
    int shift = keep;
    int remaining = len - keep;
    if (remaining > 0 && shift > 0) {
      System.arraycopy(buf, keep, buf, 0, remaining);
    }
    len = remaining;
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // one record longer than the buffer
    }
    try {
      int n = reader.read(buf, len, buf.length - len);
      if (n < 0) {
        eof = true;
      } else {
        len += n;
      }
    } catch (EOFException | ZipException e) {
      throw new BillImportException(file, line, 0, "truncated or corrupt gzip data after line " + (line - 1) + " (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new BillImportException(file, line, 0, "cannot read" + (gzip ? " the gzip data" : "") + ": " + e.getMessage(), e);
    }
    return shift;
  }

  /**
   * Refills the buffer keeping the record being scanned (from {@code pos}), moves the fields found
   * so far with it, and returns how far everything moved.
   */
  private int refillRecord() throws BillImportException {
    int shift = refill(pos);
    for (int k = 0; k < fields; k++) {
      starts[k] -= shift;
      ends[k] -= shift;
    }
    pos = 0;
    return shift;
  }

  private void addField(int s, int e, boolean quoted, boolean esc) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
      escaped = Arrays.copyOf(escaped, fields * 2);
    }
    if (quoted) {
      s++;
      e--;
    }
    starts[fields] = s;
    ends[fields] = e;
    escaped[fields] = esc;
    fields++;
  }

  /** Reads one record into the field offsets; false at the end of the file. */
  private boolean readRecord() throws BillImportException {
    fields = 0;
    recordLine = line;
    int i = pos;
    int fstart = i;
    boolean inQuotes = false;
    boolean quoted = false;
    boolean esc = false;
    boolean afterQuote = false;
    char[] b = buf;
    while (true) {
      if (i >= len) {
        if (!eof) {
          int shift = refillRecord();
          b = buf;
          i -= shift;
          fstart -= shift;
          continue;
        }
        if (inQuotes) {
          throw new BillImportException(file, recordLine, fields + 1, "a quoted field is not closed before the end of the file (truncated file?)");
        }
        if (i == pos && fields == 0) {
          return false;
        }
        addField(fstart, i, quoted, esc);
        pos = i;
        return true;
      }
      char c = b[i];
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 >= len && !eof) {
            int shift = refillRecord();
            b = buf;
            i -= shift;
            fstart -= shift;
            continue;
          }
          if (i + 1 < len && b[i + 1] == '"') {
            esc = true;
            i += 2;
            continue;
          }
          inQuotes = false;
          afterQuote = true;
          i++;
          continue;
        }
        if (c == '\n') {
          line++;
        }
        i++;
        continue;
      }
      if (c == ',') {
        addField(fstart, i, quoted, esc);
        i++;
        fstart = i;
        quoted = false;
        esc = false;
        afterQuote = false;
        continue;
      }
      if (c == '\n' || c == '\r') {
        addField(fstart, i, quoted, esc);
        if (c == '\r') {
          if (i + 1 >= len && !eof) {
            // keep the record: re-scan is not needed, only the lookahead
            int shift = refillRecord();
            b = buf;
            i -= shift;
            fstart -= shift;
          }
          if (i + 1 < len && b[i + 1] == '\n') {
            i++;
          }
        }
        line++;
        pos = i + 1;
        return true;
      }
      if (afterQuote) {
        throw new BillImportException(file, recordLine, fields + 1, "unexpected text after the closing quote of a field");
      }
      if (c == '"' && i == fstart) {
        inQuotes = true;
        quoted = true;
      }
      i++;
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException ignored) {
      // read-only
    }
  }
}
