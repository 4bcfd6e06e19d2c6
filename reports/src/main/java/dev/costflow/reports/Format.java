package dev.costflow.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Display formatting. Rounding happens here and only here. */
public final class Format {
  private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);

  private static final ThreadLocal<DecimalFormat> MONEY =
      ThreadLocal.withInitial(
          () -> {
            DecimalFormat f = new DecimalFormat("#,##0.00", US);
            f.setRoundingMode(RoundingMode.HALF_UP);
            return f;
          });

  private Format() {}

  /** $1,234.57; "<$0.01" for a positive amount below half a cent; negative as -$1.00. */
  public static String usd(BigDecimal v) {
    if (v.signum() == 0) {
      return "$0.00";
    }
    if (v.abs().compareTo(new BigDecimal("0.005")) < 0) {
      return v.signum() > 0 ? "<$0.01" : ">-$0.01";
    }
    String s = MONEY.get().format(v.abs());
    return (v.signum() < 0 ? "-$" : "$") + s;
  }

  /** A signed change: +$12.30 / -$4.00 / $0.00. */
  public static String usdDelta(BigDecimal v) {
    if (v.signum() == 0) {
      return "$0.00";
    }
    return (v.signum() > 0 ? "+" : "") + usd(v);
  }

  /** Plain decimal with 2 places for spreadsheets and CSV display columns. */
  public static String cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** 30.0M, 1.80B, 512, 12.5K: three significant digits with K/M/B/T. */
  public static String count(double v) {
    double a = Math.abs(v);
    if (a < 1000) {
      if (a == Math.rint(a)) {
        return Long.toString((long) v);
      }
      return a >= 100 ? fixed(v, 0) : a >= 10 ? fixed(v, 1) : a >= 1 ? fixed(v, 2) : sig(v);
    }
    String[] suffix = {"K", "M", "B", "T"};
    double x = a;
    int i = -1;
    while (x >= 1000 && i < suffix.length - 1) {
      x /= 1000;
      i++;
    }
    String num = x >= 100 ? fixed(x, 0) : x >= 10 ? fixed(x, 1) : fixed(x, 2);
    return (v < 0 ? "-" : "") + num + suffix[i];
  }

  /** A number with a fixed count of decimals, rounded half up (as %.Nf would, without a Formatter). */
  static String fixed(double v, int decimals) {
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  private static String sig(double v) {
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** A quantity with its unit: "30.0M requests", "1.80M GB-s". */
  public static String quantity(double v, String unit) {
    return count(v) + " " + unit;
  }

  /**
   * A unit price readable at a glance: per million units when tiny ($0.20 per M requests), else
   * per unit ($0.25 per GB-month).
   */
  public static String unitPrice(BigDecimal usdPerUnit, String unit) {
    if (usdPerUnit.signum() == 0) {
      return "free";
    }
    if (COUNT_UNITS.contains(unit) && usdPerUnit.compareTo(new BigDecimal("0.01")) < 0) {
      BigDecimal perM = usdPerUnit.multiply(BigDecimal.valueOf(1_000_000));
      return "$" + trim(perM) + " per M " + unit;
    }
    return "$" + trim(usdPerUnit) + " per " + unit;
  }

  /** Units counted in events, whose prices read best per million. */
  public static final java.util.Set<String> COUNT_UNITS =
      java.util.Set.of("requests", "messages", "deliveries", "WRU", "RRU", "connection-minutes", "events", "transitions", "records", "traces", "invocations", "executions");

  private static String trim(BigDecimal v) {
    BigDecimal r = v.round(new java.math.MathContext(6, RoundingMode.HALF_UP)).stripTrailingZeros();
    if (r.scale() < 2) {
      r = r.setScale(2, RoundingMode.HALF_UP);
    }
    return r.toPlainString();
  }

  /** Exact value for machine output: plain decimal, no exponent, no trailing zeros. */
  public static String exact(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  public static String exact(double v) {
    return exact(BigDecimal.valueOf(v));
  }

  public static String percent(double v) {
    return fixed(v, 1) + "%";
  }
}
