package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangBTest {
  /** The textbook recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)). */
  private static double recursion(int c, double a) {
    double b = 1;
    for (int k = 1; k <= c; k++) {
      b = a * b / (k + a * b);
    }
    return b;
  }

  @Test
  void matchesTheRecursionAndKnownValues() {
    assertThat(ErlangB.blocking(1, 1)).isCloseTo(0.5, within(1e-15));
    assertThat(ErlangB.blocking(2, 1)).isCloseTo(0.2, within(1e-15));
    for (int c : new int[] {1, 5, 10, 100, 1000, 5000}) {
      for (double a : new double[] {0.5, c * 0.5, c * 0.9, c, c * 1.1, c * 3}) {
        double expected = recursion(c, a);
        assertThat(ErlangB.blocking(c, a)).as("B(%d, %s)", c, a).isCloseTo(expected, within(1e-12 + 1e-9 * expected));
      }
    }
  }

  @Test
  void farBelowTheLimitNothingIsTurnedAway() {
    assertThat(ErlangB.blocking(1000, 300)).isZero();
    assertThat(ErlangB.blocking(1000, 0)).isZero();
    assertThat(ErlangB.blocking(0, 5)).isEqualTo(1);
  }
}
