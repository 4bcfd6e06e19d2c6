package dev.costflow.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * An amount of money over the runs, in exact decimals: the mean (the runs' exact sum divided by
 * their number, 34 significant digits), the 5th, 50th and 95th percentile (linear interpolation
 * between order statistics, exact), the standard deviation and the 95 % confidence interval of
 * the mean (normal approximation). Nothing is rounded.
 */
public record MoneyStats(BigDecimal mean, BigDecimal p5, BigDecimal p50, BigDecimal p95, BigDecimal sd, BigDecimal min, BigDecimal max, int runs) {
  static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal Z95 = new BigDecimal("1.959963984540054");

  public static MoneyStats of(BigDecimal[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    BigDecimal[] v = values.clone();
    Arrays.sort(v);
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal x : v) {
      sum = sum.add(x);
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
    BigDecimal ss = BigDecimal.ZERO;
    for (BigDecimal x : v) {
      BigDecimal d = x.subtract(mean);
      ss = ss.add(d.multiply(d, MC), MC);
    }
    BigDecimal sd = n > 1 ? ss.divide(BigDecimal.valueOf(n - 1), MC).sqrt(MC) : BigDecimal.ZERO;
    return new MoneyStats(strip(mean), quantile(v, "0.05"), quantile(v, "0.5"), quantile(v, "0.95"), strip(sd), strip(v[0]), strip(v[n - 1]), n);
  }

  /** The 95 % confidence interval of the mean: mean ∓ 1.96 · sd / √runs. */
  public BigDecimal[] meanCi95() {
    if (runs < 2) {
      return new BigDecimal[] {mean, mean};
    }
    BigDecimal half = Z95.multiply(sd, MC).divide(BigDecimal.valueOf(runs).sqrt(MC), MC);
    return new BigDecimal[] {strip(mean.subtract(half, MC)), strip(mean.add(half, MC))};
  }

  static BigDecimal quantile(BigDecimal[] sorted, String p) {
    BigDecimal pos = BigDecimal.valueOf(sorted.length - 1L).multiply(new BigDecimal(p));
    int lo = pos.setScale(0, RoundingMode.FLOOR).intValueExact();
    int hi = Math.min(sorted.length - 1, lo + 1);
    BigDecimal frac = pos.subtract(BigDecimal.valueOf(lo));
    return strip(sorted[lo].add(sorted[hi].subtract(sorted[lo]).multiply(frac)));
  }

  static BigDecimal strip(BigDecimal v) {
    return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
  }
}
