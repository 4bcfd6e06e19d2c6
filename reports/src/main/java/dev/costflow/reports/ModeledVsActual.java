package dev.costflow.reports;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.engine.ServiceCost;
import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceKinds;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model's cost next to what the bill shows, per service type, for the dashboard and the
 * spreadsheet. A bill line belongs to a service type when its catalog meter id starts with the
 * type ({@code aws.lambda.duration.arm64} → {@code aws.lambda}); bill lines no type claims are
 * listed as not in the model. The actual side is a run-rate: the billed cost of the last
 * {@code windowDays} days with data, scaled to the model's period (hours / 24 days), so that both
 * columns are "per period". This is a coarse check; {@code costflow reconcile} matches services one
 * by one (tags, resource ids) and splits quantity and price variance.
 */
public final class ModeledVsActual {
  /** Days of bill used for the run-rate when there are that many. */
  public static final int DEFAULT_WINDOW_DAYS = 28;

  private ModeledVsActual() {}

  /**
   * One row: a service type of the model (with the bill's name for it) or a bill service the
   * model does not have.
   *
   * @param label the bill's service name (e.g. "AWS Lambda"), or the type's title when the bill has none
   * @param type the model service type, empty for bill services the model does not have
   * @param modelServices the model's services of that type
   * @param modeledUsd modeled cost of the period
   * @param actualUsd billed run-rate over the window, scaled to the period
   */
  public record Row(String label, Optional<String> type, List<String> modelServices, BigDecimal modeledUsd, BigDecimal actualUsd) {
    public Row {
      Objects.requireNonNull(label);
      Objects.requireNonNull(type);
      modelServices = List.copyOf(modelServices);
      Objects.requireNonNull(modeledUsd);
      Objects.requireNonNull(actualUsd);
    }

    public BigDecimal varianceUsd() {
      return actualUsd.subtract(modeledUsd);
    }

    /** Actual against modeled, in percent of modeled; empty when nothing is modeled. */
    public Optional<BigDecimal> variancePct() {
      return modeledUsd.signum() == 0 ? Optional.empty() : Optional.of(varianceUsd().multiply(BigDecimal.valueOf(100)).divide(modeledUsd, MathContext.DECIMAL64));
    }
  }

  /** The comparison: the model's period, the bill window and the rows, largest first. */
  public record Comparison(String modelName, String periodLabel, int periodHours, LocalDate windowFrom, LocalDate windowTo, int windowDays, List<Row> rows) {
    public Comparison {
      rows = List.copyOf(rows);
    }

    public BigDecimal modeledUsd() {
      return rows.stream().map(Row::modeledUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal actualUsd() {
      return rows.stream().map(Row::actualUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  public static Optional<Comparison> compare(Estimate e, List<DailyCost> bill) {
    return compare(e, bill, DEFAULT_WINDOW_DAYS);
  }

  /** Empty when there is no bill to compare with. */
  public static Optional<Comparison> compare(Estimate e, List<DailyCost> bill, int windowDays) {
    if (bill.isEmpty()) {
      return Optional.empty();
    }
    LocalDate last = bill.stream().map(DailyCost::day).max(Comparator.naturalOrder()).orElseThrow();
    LocalDate first = bill.stream().map(DailyCost::day).min(Comparator.naturalOrder()).orElseThrow();
    LocalDate from = last.minusDays(windowDays - 1L);
    if (from.isBefore(first)) {
      from = first;
    }
    int days = (int) ChronoUnit.DAYS.between(from, last) + 1;
    BigDecimal scale = BigDecimal.valueOf(e.period().hours()).divide(BigDecimal.valueOf(24L * days), MathContext.DECIMAL64);

    Map<String, BigDecimal> modeled = new LinkedHashMap<>();
    Map<String, List<String>> services = new LinkedHashMap<>();
    for (ServiceCost s : e.services()) {
      modeled.merge(s.type(), s.costUsd(), BigDecimal::add);
      services.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(s.id());
    }
    Map<String, BigDecimal> actual = new LinkedHashMap<>();
    Map<String, Map<String, BigDecimal>> billNames = new LinkedHashMap<>();
    Map<String, BigDecimal> unmatched = new TreeMap<>();
    for (DailyCost r : bill) {
      if (r.day().isBefore(from)) {
        continue;
      }
      Optional<String> type = typeOf(r.meterId());
      if (type.isPresent()) {
        actual.merge(type.get(), r.billedUsd(), BigDecimal::add);
        billNames.computeIfAbsent(type.get(), k -> new LinkedHashMap<>()).merge(r.service(), r.billedUsd(), BigDecimal::add);
      } else {
        unmatched.merge(r.service(), r.billedUsd(), BigDecimal::add);
      }
    }
    List<Row> rows = new ArrayList<>();
    List<String> types = new ArrayList<>(modeled.keySet());
    for (String t : actual.keySet()) {
      if (!types.contains(t)) {
        types.add(t);
      }
    }
    for (String t : types) {
      String label = Optional.ofNullable(billNames.get(t))
          .flatMap(m -> m.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey))
          .orElseGet(() -> ServiceKinds.byType(t).map(ServiceKind::title).orElse(t));
      rows.add(new Row(label, Optional.of(t), services.getOrDefault(t, List.of()), modeled.getOrDefault(t, BigDecimal.ZERO),
          actual.getOrDefault(t, BigDecimal.ZERO).multiply(scale, MathContext.DECIMAL64)));
    }
    for (Map.Entry<String, BigDecimal> u : unmatched.entrySet()) {
      rows.add(new Row(u.getKey(), Optional.empty(), List.of(), BigDecimal.ZERO, u.getValue().multiply(scale, MathContext.DECIMAL64)));
    }
    rows.sort(Comparator.comparing((Row r) -> r.modeledUsd().max(r.actualUsd())).reversed().thenComparing(Row::label));
    return Optional.of(new Comparison(e.model().name(), e.period().label(), e.period().hours(), from, last, days, rows));
  }

  /** The model service type a catalog meter id belongs to: the longest known type it starts with. */
  static Optional<String> typeOf(String meterId) {
    String best = null;
    for (String t : ServiceKinds.types()) {
      if ((meterId.equals(t) || meterId.startsWith(t + ".")) && (best == null || t.length() > best.length())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }
}
