package dev.costflow.dist;

import java.math.BigDecimal;

final class Checks {
  private Checks() {}

  static void nonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
  }

  static void positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number > 0, got " + v);
    }
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
