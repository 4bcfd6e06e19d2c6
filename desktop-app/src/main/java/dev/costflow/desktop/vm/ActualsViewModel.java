package dev.costflow.desktop.vm;

import dev.costflow.actuals.DailyCost;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Period;
import dev.costflow.reports.Format;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Modeled vs actual when the billing store holds the model's period: per service type and
 * meter (the catalog meter ids that both the estimate's lines and the bill's usage types map
 * to), modeled cost beside billed cost and the variance. Bills do not name model services, so
 * matching to single services is the reconciler's job (costflow reconcile).
 */
public final class ActualsViewModel {
  /** One meter group: e.g. {@code aws.lambda} / {@code aws.lambda.duration.arm64}. */
  public record Row(String group, String meterId, String modeled, String actual, String variance, String variancePct, BigDecimal varianceUsd) {}

  private final Integrations integrations;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);

  public ActualsViewModel(Integrations integrations) {
    this.integrations = integrations;
    available.set(integrations.actuals().isPresent());
    message.set(integrations.actuals().isPresent() ? "" : Integrations.NO_ACTUALS);
  }

  /** Reads the store for the model's period; slow I/O: the caller runs it off the UI thread and applies the result. */
  public Result load(Evaluation.Valid ev) {
    if (integrations.actuals().isEmpty() || ev == null) {
      return new Result(List.of(), integrations.actuals().isEmpty() ? Integrations.NO_ACTUALS : "");
    }
    Period p = ev.model().period();
    LocalDate since = p.start().toLocalDate();
    LocalDate until = p.start().plusHours(p.hours()).toLocalDate();
    List<DailyCost> days;
    try {
      days = integrations.actuals().get().dailyCosts(since, until);
    } catch (Exception e) {
      return new Result(List.of(), "Cannot read the billing store (" + integrations.actuals().get().describe() + "): " + e.getMessage());
    }
    if (days.isEmpty()) {
      return new Result(List.of(), "The billing store (" + integrations.actuals().get().describe() + ") has no cost between " + since + " and " + until
          + ". Import the bill of this period (costflow import cur|focus|ce) to compare.");
    }
    Map<String, BigDecimal> modeled = new TreeMap<>();
    for (ServiceCost s : ev.estimate().services()) {
      for (LineCost l : s.lines()) {
        modeled.merge(l.meterId(), l.costUsd(), BigDecimal::add);
      }
    }
    Map<String, BigDecimal> actual = new TreeMap<>();
    for (DailyCost d : days) {
      String key = d.meterId().isBlank() ? "unmapped: " + d.service() + " / " + d.usageType() : d.meterId();
      actual.merge(key, d.billedUsd(), BigDecimal::add);
    }
    TreeMap<String, Boolean> keys = new TreeMap<>();
    modeled.keySet().forEach(k -> keys.put(k, true));
    actual.keySet().forEach(k -> keys.put(k, true));
    List<Row> out = new ArrayList<>();
    for (String k : keys.keySet()) {
      BigDecimal m = modeled.getOrDefault(k, BigDecimal.ZERO);
      BigDecimal a = actual.getOrDefault(k, BigDecimal.ZERO);
      BigDecimal v = a.subtract(m);
      String pct = m.signum() == 0 ? (a.signum() == 0 ? "" : "unmodeled") : Format.percent(v.divide(m, MathContext.DECIMAL64).doubleValue() * 100);
      out.add(new Row(group(k), k, Format.usd(m), Format.usd(a), Format.usdDelta(v), pct, v));
    }
    return new Result(out, "Billed " + since + " to " + until + " (from " + integrations.actuals().get().describe() + ") vs modeled for " + p.label() + ".");
  }

  /** What {@link #load} found. */
  public record Result(List<Row> rows, String message) {}

  public void apply(Result r) {
    rows.setAll(r.rows());
    message.set(r.message());
  }

  private static String group(String meterId) {
    if (meterId.startsWith("unmapped")) {
      return "unmapped";
    }
    String[] p = meterId.split("\\.");
    return p.length >= 2 ? p[0] + "." + p[1] : meterId;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ReadOnlyStringProperty message() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty available() {
    return available.getReadOnlyProperty();
  }
}
