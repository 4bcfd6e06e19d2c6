package dev.costflow.desktop.vm;

import dev.costflow.actuals.DailyCost;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.reports.Format;
import dev.costflow.reports.ModeledVsActual;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Modeled vs actual per service type when the billing store holds bills: the same comparison as
 * the dashboard and the spreadsheet ({@link ModeledVsActual}: the billed run-rate of the last days
 * scaled to the model's period, beside the modeled cost). Matching single services to bill lines
 * (tags, resource ids) is {@code costflow reconcile}'s job.
 */
public final class ActualsViewModel {
  /** One service type of the model, or a bill service the model does not have. */
  public record Row(String label, String type, String services, String modeled, String actual, String variance, String variancePct, BigDecimal varianceUsd) {}

  /** What {@link #load} found. */
  public record Result(List<Row> rows, String message) {}

  private final Integrations integrations;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);
  /** The bill, read once per model opened (or per Reload): every edit compares the new estimate with it. */
  private final java.util.concurrent.atomic.AtomicReference<List<DailyCost>> bill = new java.util.concurrent.atomic.AtomicReference<>();

  public ActualsViewModel(Integrations integrations) {
    this.integrations = integrations;
    available.set(integrations.actuals().isPresent());
    message.set(integrations.actuals().isPresent() ? "Open a model to compare it with the bills in " + integrations.actuals().get().describe() + "." : Integrations.NO_ACTUALS);
  }

  /** Reads the store and compares; slow I/O: the caller runs it off the UI thread and applies the result. */
  public Result load(Evaluation.Valid ev) {
    if (integrations.actuals().isEmpty() || ev == null) {
      return new Result(List.of(), integrations.actuals().isEmpty() ? Integrations.NO_ACTUALS : "");
    }
    Integrations.ActualsSource source = integrations.actuals().get();
    List<DailyCost> days = bill.get();
    if (days == null) {
      try {
        days = List.copyOf(source.dailyCosts());
      } catch (Exception e) {
        return new Result(List.of(), "Cannot read the billing store (" + source.describe() + "): " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      bill.set(days);
    }
    Optional<ModeledVsActual.Comparison> c = ModeledVsActual.compare(ev.estimate(), days);
    if (c.isEmpty()) {
      return new Result(List.of(), "No bills in " + source.describe() + " yet. Import one (costflow import cur|cur2|focus|ce …) to compare the model with it.");
    }
    ModeledVsActual.Comparison cmp = c.get();
    List<Row> out = new ArrayList<>();
    for (ModeledVsActual.Row r : cmp.rows()) {
      String pct = r.variancePct().map(p -> (p.signum() > 0 ? "+" : "") + Format.percent(p.doubleValue())).orElse(r.modeledUsd().signum() == 0 ? "not modeled" : "");
      out.add(new Row(r.label(), r.type().orElse("—"), String.join(", ", r.modelServices()), Format.usd(r.modeledUsd()), Format.usd(r.actualUsd()),
          Format.usdDelta(r.varianceUsd()), pct, r.varianceUsd()));
    }
    String msg = "Billed " + cmp.windowFrom() + " to " + cmp.windowTo() + " (" + cmp.windowDays() + " days) as a run-rate over " + cmp.periodHours()
        + " h, vs modeled for " + cmp.periodLabel() + ". Per service and meter: costflow reconcile.";
    dev.costflow.model.Period p = ev.model().period();
    if (p.isCalendarMonth()) {
      java.time.LocalDate start = p.start().toLocalDate();
      java.time.LocalDate end = p.start().plusHours(p.hours()).toLocalDate().minusDays(1);
      if (cmp.windowTo().isBefore(start) || cmp.windowFrom().isAfter(end)) {
        msg += " Note: the bill is not from the model's month.";
      }
    }
    return new Result(out, msg);
  }

  /** Reads the store again at the next {@link #load} (a model was opened, or the user asked). */
  public void forgetBill() {
    bill.set(null);
  }

  public void apply(Result r) {
    rows.setAll(r.rows());
    message.set(r.message());
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
