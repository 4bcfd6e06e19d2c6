package dev.costflow.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * The billing period: a calendar month with its real hours (UTC), or a number of hours starting
 * on a Monday at 00:00 UTC (so weekly shapes line up). {@code months()} is 1 for a calendar month
 * and hours / 730 otherwise; monthly tier bounds and free allowances scale with it.
 */
public record Period(String label, Optional<YearMonth> month, int hours, LocalDateTime start) {
  /** The AWS Pricing Calculator's month. */
  public static final int CALCULATOR_MONTH_HOURS = 730;

  /** Start of an hours-period: Monday 2024-01-01 00:00 UTC. */
  public static final LocalDateTime NOMINAL_START = LocalDateTime.of(2024, 1, 1, 0, 0);

  public Period {
    Objects.requireNonNull(label);
    Objects.requireNonNull(month);
    Objects.requireNonNull(start);
    if (hours <= 0) {
      throw new IllegalArgumentException("a period has at least one hour");
    }
  }

  public static Period ofMonth(YearMonth m) {
    LocalDateTime start = m.atDay(1).atStartOfDay();
    int hours = m.lengthOfMonth() * 24;
    return new Period(m.toString(), Optional.of(m), hours, start);
  }

  public static Period ofHours(int hours) {
    return new Period(hours + " h", Optional.empty(), hours, NOMINAL_START);
  }

  public static Period calculatorMonth() {
    return ofHours(CALCULATOR_MONTH_HOURS);
  }

  public boolean isCalendarMonth() {
    return month.isPresent();
  }

  /** Length in billing months: 1 for a calendar month, else hours / 730. */
  public BigDecimal months() {
    return month.isPresent()
        ? BigDecimal.ONE
        : BigDecimal.valueOf(hours).divide(BigDecimal.valueOf(CALCULATOR_MONTH_HOURS), MathContext.DECIMAL128);
  }

  public double monthsAsDouble() {
    return month.isPresent() ? 1.0 : hours / (double) CALCULATOR_MONTH_HOURS;
  }

  public LocalDateTime hourStart(int hourIndex) {
    return start.plusHours(hourIndex);
  }
}
