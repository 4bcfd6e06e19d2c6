package dev.costflow.cli;

import dev.costflow.actuals.DailyCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Daily costs from a CSV file with a header row: {@code day,service,usage_type,billed_usd} and
 * optionally {@code meter_id,quantity,unit,list_usd} (any order; extra columns are ignored).
 * Days are ISO dates (UTC); amounts are decimals, read exactly. Errors name the file, row and
 * column and end the command with exit code 2.
 */
final class DailyCostCsv implements BillingData {
  static final List<String> REQUIRED = List.of("day", "service", "usage_type", "billed_usd");

  private final Path file;
  private final List<DailyCost> rows;

  private DailyCostCsv(Path file, List<DailyCost> rows) {
    this.file = file;
    this.rows = rows;
  }

  static DailyCostCsv read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException(file + ":1:1: error: no such file");
    } catch (IOException | UncheckedIOException e) {
      throw new UserException(file + ":1:1: error: cannot read the daily costs: " + e.getMessage());
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new UserException(file + ":1:1: error: empty file; expected a header row with " + String.join(",", REQUIRED));
    }
    List<String> header = split(lines.get(0).replace("\uFEFF", ""), file, 1);
    List<String> names = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    for (String r : REQUIRED) {
      if (!names.contains(r)) {
        throw new UserException(file + ":1:1: error: missing column '" + r + "' (columns: " + String.join(",", REQUIRED) + "[,meter_id,quantity,unit,list_usd])");
      }
    }
    int day = names.indexOf("day");
    int service = names.indexOf("service");
    int usage = names.indexOf("usage_type");
    int billed = names.indexOf("billed_usd");
    int meter = names.indexOf("meter_id");
    int quantity = names.indexOf("quantity");
    int unit = names.indexOf("unit");
    int list = names.indexOf("list_usd");
    List<DailyCost> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      int row = i + 1;
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = split(lines.get(i), file, row);
      if (f.size() < names.size()) {
        throw new UserException(file + ":" + row + ":1: error: row " + row + " has " + f.size() + " fields, the header has " + names.size());
      }
      LocalDate d;
      try {
        d = LocalDate.parse(f.get(day).strip());
      } catch (DateTimeParseException e) {
        throw new UserException(file + ":" + row + ":" + (day + 1) + ": error: column 'day': '" + f.get(day) + "' is not a date (YYYY-MM-DD)");
      }
      BigDecimal b = decimal(f.get(billed), file, row, billed, "billed_usd");
      BigDecimal l = list >= 0 && !f.get(list).isBlank() ? decimal(f.get(list), file, row, list, "list_usd") : b;
      double q = 0;
      if (quantity >= 0 && !f.get(quantity).isBlank()) {
        q = decimal(f.get(quantity), file, row, quantity, "quantity").doubleValue();
      }
      out.add(new DailyCost(d, f.get(service), f.get(usage), meter >= 0 ? f.get(meter).strip() : "", q, unit >= 0 ? f.get(unit) : "", b, l));
    }
    return new DailyCostCsv(file, List.copyOf(out));
  }

  private static BigDecimal decimal(String s, Path file, int row, int col, String name) {
    try {
      return new BigDecimal(s.strip());
    } catch (NumberFormatException e) {
      throw new UserException(file + ":" + row + ":" + (col + 1) + ": error: column '" + name + "': '" + s + "' is not a number");
    }
  }

  /** One CSV record (RFC 4180 quoting; a record on one line). */
  static List<String> split(String line, Path file, int row) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new UserException(file + ":" + row + ":" + line.length() + ": error: unclosed quote (a field cannot span lines)");
    }
    out.add(cur.toString());
    return out;
  }

  @Override
  public List<DailyCost> dailyCosts(Optional<LocalDate> since, Optional<LocalDate> until) {
    return rows.stream().filter(r -> since.map(s -> !r.day().isBefore(s)).orElse(true) && until.map(u -> !r.day().isAfter(u)).orElse(true)).toList();
  }

  @Override
  public String describe() {
    return "daily costs from " + file.getFileName();
  }

  @Override
  public void close() {}
}
