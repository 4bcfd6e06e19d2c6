package dev.costflow.actuals;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Model;
import dev.costflow.model.ModelReader;
import dev.costflow.yaml.YNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a model expects per service, catalog meter and UTC day over a range of days: each calendar
 * month of the range is estimated as the model's period (traffic, tiers and free tiers are monthly),
 * and each line's quantity is summed per day from its hourly split ({@code LineCost.metered().hourly()});
 * its cost is spread over the hours in proportion to the quantity. Lines of one meter in a service
 * (SQS sends, receives and deletes are all requests) are summed, as the bill sums them.
 */
public final class ModeledDays {
  private static final MathContext MC = MathContext.DECIMAL128;

  /** One service's meter, per day. */
  public static final class Series {
    public final String serviceId;
    public final String type;
    public final String meterId;
    public final String unit;
    public final List<String> lines = new ArrayList<>();
    public final TreeMap<LocalDate, Double> quantity = new TreeMap<>();
    public final TreeMap<LocalDate, BigDecimal> costUsd = new TreeMap<>();

    Series(String serviceId, String type, String meterId, String unit) {
      this.serviceId = serviceId;
      this.type = type;
      this.meterId = meterId;
      this.unit = unit;
    }

    public double totalQuantity() {
      return quantity.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public BigDecimal totalCostUsd() {
      return costUsd.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  private ModeledDays() {}

  /** The model with its period set to a calendar month. */
  public static Model forMonth(Model model, YearMonth month) {
    if (model.period().month().equals(Optional.of(month))) {
      return model;
    }
    YNode root = ModelReader.applySets(model.tree(), List.of("period=\"" + month + "\""));
    Path base = model.source().map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("."));
    return ModelReader.read(root, base == null ? Path.of(".") : base, model.source());
  }

  /** Series keyed by service id, then meter id, in model order. */
  public static Map<String, Map<String, Series>> compute(Model model, LocalDate since, LocalDate until, Estimator estimator) {
    Map<String, Map<String, Series>> out = new LinkedHashMap<>();
    for (var s : model.services()) {
      out.put(s.id(), new LinkedHashMap<>());
    }
    for (YearMonth m = YearMonth.from(since); !m.atDay(1).isAfter(until); m = m.plusMonths(1)) {
      Estimate e = estimator.estimate(forMonth(model, m));
      add(out, e, since, until);
    }
    return out;
  }

  static void add(Map<String, Map<String, Series>> out, Estimate e, LocalDate since, LocalDate until) {
    var period = e.period();
    int hours = period.hours();
    LocalDate[] dayOf = new LocalDate[hours];
    for (int h = 0; h < hours; h++) {
      dayOf[h] = period.hourStart(h).toLocalDate();
    }
    for (ServiceCost sc : e.services()) {
      Map<String, Series> meters = out.computeIfAbsent(sc.id(), k -> new LinkedHashMap<>());
      for (LineCost l : sc.lines()) {
        Series s = meters.computeIfAbsent(l.meterId(), k -> new Series(sc.id(), sc.type(), l.meterId(), l.unit()));
        if (!s.lines.contains(l.meter())) {
          s.lines.add(l.meter());
        }
        double[] q = l.metered().hourly().orElse(null);
        double total = 0;
        if (q != null) {
          for (double v : q) {
            total += v;
          }
        }
        BigDecimal cost = l.costUsd();
        Map<LocalDate, Double> dayQty = new TreeMap<>();
        for (int h = 0; h < hours; h++) {
          LocalDate d = dayOf[h];
          if (d.isBefore(since) || d.isAfter(until)) {
            continue;
          }
          double share = q != null && total > 0 ? q[h] : (q == null ? l.quantity() / hours : 0);
          dayQty.merge(d, share, Double::sum);
        }
        double denominator = q != null && total > 0 ? total : l.quantity();
        for (Map.Entry<LocalDate, Double> d : dayQty.entrySet()) {
          s.quantity.merge(d.getKey(), d.getValue(), Double::sum);
          BigDecimal c = denominator > 0 ? cost.multiply(BigDecimal.valueOf(d.getValue()), MC).divide(BigDecimal.valueOf(denominator), MC) : BigDecimal.ZERO;
          s.costUsd.merge(d.getKey(), c, BigDecimal::add);
        }
      }
    }
  }
}
