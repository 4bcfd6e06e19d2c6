package dev.costflow.actuals;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.model.Service;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares a model with actual bill lines (docs/billing-import.md#reconcile).
 *
 * <p>Matching, first rule that applies: a {@code costflow:service} tag naming the service (CUR
 * {@code resourceTags/user:costflow:service}, Parquet {@code resource_tags_user_costflow_service},
 * CUR 2.0 {@code user_costflow_service}, FOCUS {@code costflow:service}); the line's resource id equal
 * to an {@code arn} or {@code resource_id} tag of the service; the resource's name (the last part of
 * its ARN) equal to the service id; and, for lines without resource or tag (Cost Explorer), a catalog
 * meter in the model's region that exactly one service uses. Everything else is listed as unmatched.
 *
 * <p>Variance per service and meter, with p = modeled cost ÷ modeled quantity (the modeled unit
 * price): quantity variance = (actual − modeled quantity) × p; price variance = actual cost − actual
 * quantity × p, of which billed − list is discounts, credits and free tier and the rest list-price
 * differences (tiers, rates); actual cost of meters the model does not have is unmodeled. The three
 * add up to actual − modeled.
 */
public final class Reconciler {
  private static final MathContext MC = MathContext.DECIMAL128;

  private final Estimator estimator;

  public Reconciler(Estimator estimator) {
    this.estimator = estimator;
  }

  /** The tag key form every bill format maps {@code costflow:service} to. */
  static String normalizeTagKey(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    if (k.startsWith("user_")) {
      k = k.substring(5);
    }
    return k;
  }

  /** The name part of a resource id: the last segment of an ARN after ':' or '/'. */
  static String resourceName(String resourceId) {
    String r = resourceId.strip();
    int cut = Math.max(r.lastIndexOf(':'), r.lastIndexOf('/'));
    return cut >= 0 ? r.substring(cut + 1) : r;
  }

  record Claim(Service service, Reconciliation.MatchRule rule) {}

  /** Which service claims a line, if any. */
  static Optional<Claim> claim(Model model, ActualLine l, Map<String, List<Service>> servicesByMeter) {
    for (Map.Entry<String, String> t : l.tags().entrySet()) {
      if (normalizeTagKey(t.getKey()).equals("costflow_service")) {
        Optional<Service> s = model.service(t.getValue().strip());
        if (s.isPresent()) {
          return Optional.of(new Claim(s.get(), Reconciliation.MatchRule.TAG));
        }
      }
    }
    if (!l.resourceId().isEmpty()) {
      for (Service s : model.services()) {
        for (Map.Entry<String, String> t : s.tags().entrySet()) {
          String k = normalizeTagKey(t.getKey());
          if ((k.equals("arn") || k.equals("resource_id") || k.equals("costflow_resource")) && t.getValue().strip().equals(l.resourceId())) {
            return Optional.of(new Claim(s, Reconciliation.MatchRule.RESOURCE));
          }
        }
      }
      String name = resourceName(l.resourceId());
      for (Service s : model.services()) {
        if (s.id().equalsIgnoreCase(name)) {
          return Optional.of(new Claim(s, Reconciliation.MatchRule.NAME));
        }
      }
    }
    boolean tagged = l.tags().keySet().stream().anyMatch(k -> normalizeTagKey(k).equals("costflow_service"));
    if (l.resourceId().isEmpty() && !tagged && l.meterId().isPresent() && (l.region().isEmpty() || l.region().equals(model.region()))) {
      List<Service> users = servicesByMeter.getOrDefault(l.meterId().get(), List.of());
      if (users.size() == 1) {
        return Optional.of(new Claim(users.get(0), Reconciliation.MatchRule.METER));
      }
    }
    return Optional.empty();
  }

  static String unmatchedReason(ActualLine l, Map<String, List<Service>> servicesByMeter, String modelRegion) {
    if (!l.chargeCategory().equals("Usage")) {
      return l.chargeCategory().toLowerCase(Locale.ROOT) + " charge, not usage of one service";
    }
    boolean tagged = l.tags().keySet().stream().anyMatch(k -> normalizeTagKey(k).equals("costflow_service"));
    if (tagged) {
      return "its costflow:service tag names no service of the model";
    }
    if (l.resourceId().isEmpty() && l.meterId().isPresent()) {
      int n = servicesByMeter.getOrDefault(l.meterId().get(), List.of()).size();
      if (n > 1) {
        return "no resource id, and " + n + " services use meter " + l.meterId().get() + " (tag resources with costflow:service)";
      }
      if (n == 1 && !l.region().isEmpty() && !l.region().equals(modelRegion)) {
        return "region " + l.region() + " is not the model's (" + modelRegion + ")";
      }
    }
    return l.resourceId().isEmpty() ? "no costflow:service tag or resource id, and no service of the model uses the meter"
        : "no costflow:service tag, and resource " + resourceName(l.resourceId()) + " is not a service of the model";
  }

  private static final class Acc {
    double quantity;
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal list = BigDecimal.ZERO;
    String unit = "";

    void add(ActualLine l) {
      quantity += l.chargeCategory().equals("Usage") ? l.quantity() : 0;
      billed = billed.add(l.billedUsd());
      list = list.add(l.listUsd());
      if (unit.isEmpty()) {
        unit = l.unit();
      }
    }
  }

  /** Reconciles the model with the lines of days {@code since}..{@code until} (inclusive). */
  public Reconciliation reconcile(Model model, List<ActualLine> actuals, LocalDate since, LocalDate until) {
    Map<String, Map<String, ModeledDays.Series>> modeled = ModeledDays.compute(model, since, until, estimator);
    Map<String, List<Service>> servicesByMeter = new HashMap<>();
    for (Service s : model.services()) {
      for (String meter : modeled.getOrDefault(s.id(), Map.of()).keySet()) {
        servicesByMeter.computeIfAbsent(meter, k -> new ArrayList<>()).add(s);
      }
    }
    // actual per service → meter key → day
    Map<String, Map<String, TreeMap<LocalDate, Acc>>> actual = new LinkedHashMap<>();
    Map<String, EnumMap<Reconciliation.MatchRule, Long>> rules = new HashMap<>();
    Map<List<String>, Object[]> unmatched = new LinkedHashMap<>();
    for (ActualLine l : actuals) {
      if (l.day().isBefore(since) || l.day().isAfter(until)) {
        continue;
      }
      Optional<Claim> c = claim(model, l, servicesByMeter);
      if (c.isEmpty()) {
        List<String> key = List.of(l.service(), l.usageType(), l.meterId().orElse(""), l.resourceId(), l.region(), l.chargeCategory(), l.unit());
        Object[] acc = unmatched.computeIfAbsent(key, k -> new Object[] {0.0, BigDecimal.ZERO, unmatchedReason(l, servicesByMeter, model.region())});
        acc[0] = (Double) acc[0] + (l.chargeCategory().equals("Usage") ? l.quantity() : 0);
        acc[1] = ((BigDecimal) acc[1]).add(l.billedUsd());
        continue;
      }
      String sid = c.get().service().id();
      rules.computeIfAbsent(sid, k -> new EnumMap<>(Reconciliation.MatchRule.class)).merge(c.get().rule(), 1L, Long::sum);
      boolean knownMeter = l.meterId().isPresent() && modeled.getOrDefault(sid, Map.of()).containsKey(l.meterId().get());
      String meterKey = knownMeter ? l.meterId().get() : "unmodeled:" + l.meterId().orElse("") + ":" + (l.usageType().isEmpty() ? l.chargeCategory() : l.usageType());
      actual.computeIfAbsent(sid, k -> new LinkedHashMap<>()).computeIfAbsent(meterKey, k -> new TreeMap<>()).computeIfAbsent(l.day(), k -> new Acc()).add(l);
    }

    List<Reconciliation.ServiceVariance> services = new ArrayList<>();
    BigDecimal modeledTotal = BigDecimal.ZERO;
    BigDecimal actualTotal = BigDecimal.ZERO;
    for (Service s : model.services()) {
      List<Reconciliation.MeterVariance> meters = new ArrayList<>();
      Map<String, TreeMap<LocalDate, Acc>> act = actual.getOrDefault(s.id(), Map.of());
      for (ModeledDays.Series m : modeled.getOrDefault(s.id(), Map.of()).values()) {
        meters.add(meterVariance(m, act.getOrDefault(m.meterId, new TreeMap<>())));
      }
      for (Map.Entry<String, TreeMap<LocalDate, Acc>> e : act.entrySet()) {
        if (!e.getKey().startsWith("unmodeled:")) {
          continue;
        }
        String[] parts = e.getKey().split(":", 3);
        meters.add(unmodeled(parts[1], parts[2], e.getValue()));
      }
      BigDecimal mod = BigDecimal.ZERO;
      BigDecimal actUsd = BigDecimal.ZERO;
      BigDecimal list = BigDecimal.ZERO;
      BigDecimal qv = BigDecimal.ZERO;
      BigDecimal pv = BigDecimal.ZERO;
      BigDecimal uv = BigDecimal.ZERO;
      for (Reconciliation.MeterVariance mv : meters) {
        mod = mod.add(mv.modeledUsd());
        actUsd = actUsd.add(mv.actualUsd());
        list = list.add(mv.actualListUsd());
        qv = qv.add(mv.quantityVarianceUsd());
        pv = pv.add(mv.priceVarianceUsd());
        uv = uv.add(mv.unmodeledUsd());
      }
      Map<Reconciliation.MatchRule, Long> matched = rules.getOrDefault(s.id(), new EnumMap<>(Reconciliation.MatchRule.class));
      services.add(new Reconciliation.ServiceVariance(s.id(), s.type(), mod, actUsd, list, qv, pv, uv, matched, meters));
      modeledTotal = modeledTotal.add(mod);
      actualTotal = actualTotal.add(actUsd);
    }
    List<Reconciliation.Unmatched> um = new ArrayList<>();
    BigDecimal unmatchedTotal = BigDecimal.ZERO;
    for (Map.Entry<List<String>, Object[]> e : unmatched.entrySet()) {
      List<String> k = e.getKey();
      BigDecimal b = (BigDecimal) e.getValue()[1];
      um.add(new Reconciliation.Unmatched(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5), (Double) e.getValue()[0], k.get(6), b, (String) e.getValue()[2]));
      unmatchedTotal = unmatchedTotal.add(b);
    }
    um.sort((a, b) -> b.billedUsd().abs().compareTo(a.billedUsd().abs()) != 0 ? b.billedUsd().abs().compareTo(a.billedUsd().abs())
        : (a.service() + a.usageType() + a.resourceId()).compareTo(b.service() + b.usageType() + b.resourceId()));
    List<String> notes = new ArrayList<>();
    if (actuals.stream().noneMatch(l -> !l.day().isBefore(since) && !l.day().isAfter(until))) {
      notes.add("the billing store has no lines between " + since + " and " + until);
    }
    return new Reconciliation(model.name(), since, until, modeledTotal, actualTotal, unmatchedTotal, services, um, notes);
  }

  private static Reconciliation.MeterVariance meterVariance(ModeledDays.Series m, TreeMap<LocalDate, Acc> act) {
    double qm = m.totalQuantity();
    BigDecimal cm = m.totalCostUsd();
    double qa = 0;
    BigDecimal ca = BigDecimal.ZERO;
    BigDecimal la = BigDecimal.ZERO;
    for (Acc a : act.values()) {
      qa += a.quantity;
      ca = ca.add(a.billed);
      la = la.add(a.list);
    }
    BigDecimal p = qm > 0 ? cm.divide(BigDecimal.valueOf(qm), MC) : BigDecimal.ZERO;
    BigDecimal qv = BigDecimal.valueOf(qa - qm).multiply(p, MC);
    if (qm <= 0) {
      qv = cm.negate();
    }
    BigDecimal pv = ca.subtract(BigDecimal.valueOf(qa).multiply(p, MC));
    List<Reconciliation.DayVariance> days = new ArrayList<>();
    TreeMap<LocalDate, Boolean> all = new TreeMap<>();
    m.quantity.keySet().forEach(d -> all.put(d, true));
    act.keySet().forEach(d -> all.put(d, true));
    for (LocalDate d : all.keySet()) {
      Acc a = act.get(d);
      days.add(new Reconciliation.DayVariance(d, m.quantity.getOrDefault(d, 0.0), a == null ? 0 : a.quantity, m.costUsd.getOrDefault(d, BigDecimal.ZERO),
          a == null ? BigDecimal.ZERO : a.billed));
    }
    String label = String.join(" + ", m.lines);
    return new Reconciliation.MeterVariance(m.meterId, label, m.unit, true, qm, qa, cm, ca, la, qv, pv, BigDecimal.ZERO, days);
  }

  private static Reconciliation.MeterVariance unmodeled(String meterId, String usageType, TreeMap<LocalDate, Acc> act) {
    double qa = 0;
    BigDecimal ca = BigDecimal.ZERO;
    BigDecimal la = BigDecimal.ZERO;
    String unit = "";
    List<Reconciliation.DayVariance> days = new ArrayList<>();
    for (Map.Entry<LocalDate, Acc> e : act.entrySet()) {
      Acc a = e.getValue();
      qa += a.quantity;
      ca = ca.add(a.billed);
      la = la.add(a.list);
      unit = unit.isEmpty() ? a.unit : unit;
      days.add(new Reconciliation.DayVariance(e.getKey(), 0, a.quantity, BigDecimal.ZERO, a.billed));
    }
    return new Reconciliation.MeterVariance(meterId, usageType, unit, false, 0, qa, BigDecimal.ZERO, ca, la, BigDecimal.ZERO, BigDecimal.ZERO, ca, days);
  }
}
