package dev.costflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
  @Test
  void erfcMatchesCommonsMathToRoundingNoise() {
    for (double z = -6; z <= 20; z += 0.0137) {
      double expected = Erf.erfc(z);
      double got = SpecialFunctions.erfc(z);
      if (expected > 1e-300) {
        assertThat(Math.abs(got - expected) / expected).as("erfc(%s)", z).isLessThan(1e-13);
      }
    }
  }

  @Test
  void phiIsACdf() {
    assertThat(SpecialFunctions.phi(0)).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-16));
    assertThat(SpecialFunctions.phi(LogNormal.Z99)).isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-14));
    assertThat(SpecialFunctions.phiUpper(8)).isCloseTo(6.22096057427174e-16, org.assertj.core.data.Percentage.withPercentage(1e-9));
  }
}
