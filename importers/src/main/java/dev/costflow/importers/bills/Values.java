package dev.costflow.importers.bills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parsing of bill values: decimals (plain and E-notation, never through {@code double}),
 * quantities, UTC timestamps in the shapes bills use, and tag objects.
 */
public final class Values {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Values() {}

  /** An amount: "" is 0; E-notation ({@code 4.0E-7}) is read exactly. */
  public static BigDecimal decimal(RowSource src, int col, String columnName) throws BillImportException {
    if (col < 0) {
      return BigDecimal.ZERO;
    }
    String s = src.get(col);
    if (s.isEmpty() || isZero(s)) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(s.strip());
    } catch (NumberFormatException e) {
      throw src.error(col, "column " + columnName + ": '" + clip(s) + "' is not a number");
    }
  }

  /** True for "0", "0.0", "0.0000000000", "-0.0". */
  static boolean isZero(String s) {
    int n = s.length();
    boolean digit = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '0') {
        digit = true;
      } else if (c != '.' && !(c == '-' && i == 0)) {
        return false;
      }
    }
    return digit;
  }

  /** A quantity: "" is 0. */
  public static double quantity(RowSource src, int col, String columnName) throws BillImportException {
    if (col < 0) {
      return 0;
    }
    String s = src.get(col);
    if (s.isEmpty() || isZero(s)) {
      return 0;
    }
    try {
      double v = Double.parseDouble(s.strip());
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw src.error(col, "column " + columnName + ": '" + clip(s) + "' is not a number");
    }
  }

  static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** A required timestamp, as epoch seconds (UTC). */
  public static long timestamp(RowSource src, int col, String columnName) throws BillImportException {
    String s = src.get(col);
    long t = epochSeconds(s);
    if (t == Long.MIN_VALUE) {
      throw src.error(col, "column " + columnName + ": '" + clip(s) + "' is not a timestamp (expected e.g. 2024-09-01T00:00:00Z)");
    }
    return t;
  }

  /**
   * Epoch seconds of {@code YYYY-MM-DD}, {@code YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]} (a space may
   * replace the T; no zone means UTC) or {@code YYYYMMDDTHHMMSS[.fff]Z}; {@link Long#MIN_VALUE} if none.
   */
  public static long epochSeconds(String s) {
    int n = s.length();
    int i;
    int y;
    int mo;
    int d;
    if (n >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
      y = digits(s, 0, 4);
      mo = digits(s, 5, 2);
      d = digits(s, 8, 2);
      i = 10;
    } else if (n >= 8 && digits(s, 0, 8) >= 0) {
      y = digits(s, 0, 4);
      mo = digits(s, 4, 2);
      d = digits(s, 6, 2);
      i = 8;
    } else {
      return Long.MIN_VALUE;
    }
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) {
      return Long.MIN_VALUE;
    }
    long secs = 0;
    if (i < n && (s.charAt(i) == 'T' || s.charAt(i) == ' ')) {
      i++;
      int h;
      int mi;
      int se = 0;
      if (i + 5 <= n && s.charAt(i + 2) == ':') {
        h = digits(s, i, 2);
        mi = digits(s, i + 3, 2);
        i += 5;
        if (i + 3 <= n && s.charAt(i) == ':') {
          se = digits(s, i + 1, 2);
          i += 3;
        }
      } else if (i + 6 <= n) {
        h = digits(s, i, 2);
        mi = digits(s, i + 2, 2);
        se = digits(s, i + 4, 2);
        i += 6;
      } else {
        return Long.MIN_VALUE;
      }
      if (h < 0 || h > 24 || mi < 0 || mi > 59 || se < 0 || se > 60) {
        return Long.MIN_VALUE;
      }
      secs = h * 3600L + mi * 60L + se;
      if (i < n && s.charAt(i) == '.') {
        i++;
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
        }
      }
      if (i < n && s.charAt(i) == 'Z') {
        i++;
      } else if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        int sign = s.charAt(i) == '+' ? 1 : -1;
        int oh = digits(s, i + 1, 2);
        int om = i + 6 <= n && s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : (i + 5 <= n ? digits(s, i + 3, 2) : 0);
        if (oh < 0 || om < 0) {
          return Long.MIN_VALUE;
        }
        secs -= sign * (oh * 3600L + om * 60L);
        i = n;
      } else if (i < n && s.startsWith(" UTC", i)) {
        i += 4;
      }
    }
    if (i != n) {
      return Long.MIN_VALUE;
    }
    long day;
    try {
      day = LocalDate.of(y, mo, d).toEpochDay();
    } catch (java.time.DateTimeException e) {
      return Long.MIN_VALUE;
    }
    return day * 86400L + secs;
  }

  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public static LocalDate day(long epochSeconds) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochSeconds, 86400L));
  }

  /** Tags as a JSON object with sorted keys; "{}" when there are none. Values are kept as text. */
  public static String tagsJson(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return "{}";
    }
    TreeMap<String, String> sorted = new TreeMap<>(tags);
    try {
      return JSON.writeValueAsString(sorted);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON object (FOCUS Tags, CUR 2.0 maps) as a flat map of text; null when it is not an object. */
  public static Map<String, String> jsonObject(String s) {
    if (s.isEmpty() || s.equalsIgnoreCase("NULL") || s.equals("{}")) {
      return Map.of();
    }
    JsonNode n;
    try {
      n = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (n == null || !n.isObject()) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      out.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
    }
    return out;
  }
}
