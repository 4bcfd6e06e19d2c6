package dev.costflow.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.testing.TestModels;
import java.time.LocalDate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostCurveTest {
  @Test
  void daysSumTheHoursAndTheTotalIsKept() {
    Estimate e = TestModels.estimate("period: 2025-02\nservices:\n  api: {type: aws.apigateway.http, traffic: {monthly: 28000000, shape: weekly}}\n");
    CostCurve c = CostCurve.of(e);
    assertThat(c.hourlyUsd()).hasSize(28 * 24);
    assertThat(c.days()).hasSize(28);
    assertThat(c.days().get(0)).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThat(c.days().get(27)).isEqualTo(LocalDate.of(2025, 2, 28));
    double total = 0;
    for (double d : c.dailyUsd()) {
      total += d;
    }
    assertThat(total).isCloseTo(e.totalUsd().doubleValue(), Offset.offset(1e-9));
    assertThat(c.prefersHourly()).isTrue();
  }

  @Test
  void anHoursPeriodThatEndsMidDayHasAPartialLastDay() {
    Estimate e = TestModels.estimate("period: {hours: 30}\nservices:\n  api: {type: aws.apigateway.http, traffic: {hourly: 100}}\n");
    CostCurve c = CostCurve.of(e);
    assertThat(c.days()).hasSize(2);
    assertThat(c.dailyUsd()[0]).isCloseTo(c.dailyUsd()[1] * 4, Offset.offset(1e-12));
  }
}
