package dev.costflow.actuals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Modeled vs actual cost of a model's services over days {@code since} to {@code until}
 * (inclusive, UTC), per service, meter and day, with the variance split into quantity, price and
 * unmodeled parts (see {@link Reconciler}). {@code actualUsd} is what the bill charged the model's
 * services (matched lines); lines no service claims are listed in {@code unmatched}, never dropped.
 */
public record Reconciliation(
    String model,
    LocalDate since,
    LocalDate until,
    BigDecimal modeledUsd,
    BigDecimal actualUsd,
    BigDecimal unmatchedUsd,
    List<ServiceVariance> services,
    List<Unmatched> unmatched,
    List<String> notes) {
  public Reconciliation {
    services = List.copyOf(services);
    unmatched = List.copyOf(unmatched);
    notes = List.copyOf(notes);
  }

  public BigDecimal varianceUsd() {
    return actualUsd.subtract(modeledUsd);
  }

  public Optional<BigDecimal> variancePct() {
    return pct(varianceUsd(), modeledUsd);
  }

  static Optional<BigDecimal> pct(BigDecimal delta, BigDecimal base) {
    return base.signum() == 0 ? Optional.empty() : Optional.of(delta.multiply(BigDecimal.valueOf(100)).divide(base, MathContext.DECIMAL64));
  }

  /** How actual lines were claimed by a service: by tag, by resource (ARN given in the model), by name, or by meter. */
  public enum MatchRule {
    TAG,
    RESOURCE,
    NAME,
    METER
  }

  /** One service: modeled and actual totals, the variance split, and its meters. */
  public record ServiceVariance(
      String id,
      String type,
      BigDecimal modeledUsd,
      BigDecimal actualUsd,
      BigDecimal actualListUsd,
      BigDecimal quantityVarianceUsd,
      BigDecimal priceVarianceUsd,
      BigDecimal unmodeledUsd,
      Map<MatchRule, Long> matchedLines,
      List<MeterVariance> meters) {
    public ServiceVariance {
      Objects.requireNonNull(id);
      matchedLines = Map.copyOf(matchedLines);
      meters = List.copyOf(meters);
    }

    public BigDecimal varianceUsd() {
      return actualUsd.subtract(modeledUsd);
    }

    public Optional<BigDecimal> variancePct() {
      return pct(varianceUsd(), modeledUsd);
    }
  }

  /**
   * One meter of a service. {@code meterId} is the catalog meter; for actual lines the catalog does
   * not know it is "" and {@code label} names the usage type. {@code modeled} is false for meters
   * that only the bill has (their whole cost is unmodeled).
   */
  public record MeterVariance(
      String meterId,
      String label,
      String unit,
      boolean modeled,
      double modeledQuantity,
      double actualQuantity,
      BigDecimal modeledUsd,
      BigDecimal actualUsd,
      BigDecimal actualListUsd,
      BigDecimal quantityVarianceUsd,
      BigDecimal priceVarianceUsd,
      BigDecimal unmodeledUsd,
      List<DayVariance> days) {
    public MeterVariance {
      days = List.copyOf(days);
    }

    /** Price variance at list prices (tiers, rate or region differences): actual list cost − actual quantity × modeled unit price. */
    public BigDecimal listPriceVarianceUsd() {
      return priceVarianceUsd.subtract(discountVarianceUsd());
    }

    /** Price variance from billed below list (free tier, credits, discounts, Savings Plans): billed − list. */
    public BigDecimal discountVarianceUsd() {
      return modeled ? actualUsd.subtract(actualListUsd) : BigDecimal.ZERO;
    }
  }

  /** One day of a meter. */
  public record DayVariance(LocalDate day, double modeledQuantity, double actualQuantity, BigDecimal modeledUsd, BigDecimal actualUsd) {}

  /** Actual cost no service of the model claims, summed over the days, with why. */
  public record Unmatched(
      String service,
      String usageType,
      String meterId,
      String resourceId,
      String region,
      String chargeCategory,
      double quantity,
      String unit,
      BigDecimal billedUsd,
      String reason) {}
}
