package dev.costflow.desktop.vm;

import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.core.TreeDiff;
import dev.costflow.diff.CostDiff;
import dev.costflow.diff.Driver;
import dev.costflow.engine.ServiceCost;
import dev.costflow.reports.Format;
import dev.costflow.yaml.YNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Scenarios side by side: variants of the model kept during the session, the first being the
 * baseline, compared service by service with what the editor holds now. The difference per
 * service is the engine's cost of each side; the drivers — each change with its effect on the
 * bill — come from the diff engine of {@code costflow diff} ({@link dev.costflow.diff.ModelDiff}),
 * computed off the UI thread; until they arrive the list names what changed.
 */
public final class ScenariosViewModel {
  /** A kept variant: its tree and its evaluation. */
  public record Scenario(String name, YNode tree, Evaluation.Valid evaluation) {
    public BigDecimal totalUsd() {
      return evaluation.estimate().totalUsd();
    }
  }

  /**
   * A service compared: its cost in each scenario ({@code costs}, same order as the scenarios),
   * in the editor now, the change from the baseline and whether it was added, removed or changed.
   */
  public record Row(String id, String status, List<String> costs, String current, String delta, String deltaPct, BigDecimal deltaUsd) {
    public Row {
      costs = List.copyOf(costs);
    }
  }

  private final ObservableList<Scenario> scenarios = FXCollections.observableArrayList();
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<String> drivers = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper driversTitle = new ReadOnlyStringWrapper(this, "driversTitle", "Drivers");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final ReadOnlyStringWrapper delta = new ReadOnlyStringWrapper(this, "delta", "");
  private final ReadOnlyBooleanWrapper hasBaseline = new ReadOnlyBooleanWrapper(this, "hasBaseline", false);
  private final Consumer<Scenario> loader;
  private Evaluation.Valid current;

  /** {@code loader} puts a scenario's tree into the editor (an undoable change). */
  private Runnable onChange = () -> {};

  public ScenariosViewModel(Consumer<Scenario> loader) {
    this.loader = loader;
  }

  /** Called after the kept scenarios change (the drivers are then priced again). */
  public void onChange(Runnable r) {
    this.onChange = r;
  }

  private void changed() {
    refresh(current);
    onChange.run();
  }

  /** Keeps what the editor holds as the baseline (replacing the previous baseline). */
  public void pinBaseline() {
    if (current == null) {
      return;
    }
    Scenario s = new Scenario("baseline", current.tree(), current);
    if (scenarios.isEmpty()) {
      scenarios.add(s);
    } else {
      scenarios.set(0, s);
    }
    changed();
  }

  /** Keeps what the editor holds as a named what-if (the first one kept becomes the baseline). */
  public void keep(String name) {
    if (current == null) {
      return;
    }
    String n = name == null || name.isBlank() ? "what-if " + scenarios.size() : name.strip();
    scenarios.add(new Scenario(n, current.tree(), current));
    changed();
  }

  /** Suggested name for the next kept scenario. */
  public String nextName() {
    return scenarios.isEmpty() ? "baseline" : "what-if " + scenarios.size();
  }

  public void makeBaseline(Scenario s) {
    if (scenarios.remove(s)) {
      scenarios.add(0, s);
      changed();
    }
  }

  public void remove(Scenario s) {
    scenarios.remove(s);
    changed();
  }

  public void load(Scenario s) {
    loader.accept(s);
  }

  /** Forgets every scenario (another model was opened). */
  public void reset() {
    scenarios.clear();
    refresh(current);
  }

  public void refresh(Evaluation.Valid now) {
    current = now;
    hasBaseline.set(!scenarios.isEmpty());
    if (now == null || scenarios.isEmpty()) {
      rows.clear();
      drivers.clear();
      delta.set("");
      summary.set(now == null ? "" : "Keep the current model as the baseline, then edit it: the difference shows here.");
      return;
    }
    Scenario base = scenarios.get(0);
    Map<String, List<BigDecimal>> costs = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Scenario s : scenarios) {
      s.evaluation().estimate().services().forEach(c -> ids.add(c.id()));
    }
    now.estimate().services().forEach(c -> ids.add(c.id()));
    List<Row> out = new ArrayList<>();
    for (String id : ids) {
      List<String> cs = new ArrayList<>();
      for (Scenario s : scenarios) {
        cs.add(s.evaluation().estimate().service(id).map(c -> Format.usd(c.costUsd())).orElse("—"));
      }
      Optional<BigDecimal> b = base.evaluation().estimate().service(id).map(ServiceCost::costUsd);
      Optional<BigDecimal> h = now.estimate().service(id).map(ServiceCost::costUsd);
      BigDecimal d = h.orElse(BigDecimal.ZERO).subtract(b.orElse(BigDecimal.ZERO));
      String status = b.isEmpty() ? "added" : h.isEmpty() ? "removed" : d.signum() == 0 ? "unchanged" : "changed";
      out.add(new Row(id, status, cs, h.map(Format::usd).orElse("—"), Format.usdDelta(d), pct(d, b.orElse(BigDecimal.ZERO)), d));
    }
    out.sort((x, y) -> y.deltaUsd().abs().compareTo(x.deltaUsd().abs()));
    rows.setAll(out);
    BigDecimal dt = now.estimate().totalUsd().subtract(base.totalUsd());
    delta.set(dt.signum() == 0 ? "= baseline" : Format.usdDelta(dt) + " (" + pct(dt, base.totalUsd()) + ") vs " + base.name());
    summary.set("Now " + Format.usd(now.estimate().totalUsd()) + " vs " + base.name() + " " + Format.usd(base.totalUsd()) + ": " + Format.usdDelta(dt) + " (" + pct(dt, base.totalUsd()) + ")");
    // What changed, at once; the drivers with their cost follow from the diff engine (showDrivers).
    driversTitle.set("What changed (vs " + base.name() + ") — pricing each change…");
    List<String> ds = new ArrayList<>();
    for (TreeDiff.Change c : TreeDiff.changes(base.tree(), now.tree())) {
      ds.add(c.describe());
    }
    if (ds.isEmpty()) {
      ds.add("No change from " + base.name() + ".");
      driversTitle.set("Drivers (vs " + base.name() + ")");
    }
    drivers.setAll(ds);
  }

  /** The comparison the diff engine should price now: the baseline and the editor's model; empty without a baseline. */
  public Optional<Scenario> baseline() {
    return scenarios.isEmpty() ? Optional.empty() : Optional.of(scenarios.get(0));
  }

  /**
   * Shows the drivers of {@code diff} — the engine of {@code costflow diff}: each change with what
   * it alone does to the bill, then what the changes do together — if it still compares the
   * current baseline with the current model (a newer edit may have come in meanwhile).
   */
  public void showDrivers(Scenario base, Evaluation.Valid head, CostDiff diff) {
    if (scenarios.isEmpty() || scenarios.get(0) != base || current != head) {
      return;
    }
    List<String> ds = new ArrayList<>();
    for (Driver d : diff.drivers()) {
      String effect = d.measured() == Driver.Measure.NOT_PRICED ? "not priced alone"
          : d.effectUsd().abs().compareTo(HALF_CENT) < 0 ? "no cost effect" : Format.usdDelta(d.effectUsd());
      ds.add(d.change().description() + ": " + effect);
    }
    if (diff.interactionUsd().abs().compareTo(HALF_CENT) >= 0) {
      ds.add("changes acting together (tiers, products of changes): " + Format.usdDelta(diff.interactionUsd()));
    }
    if (ds.isEmpty()) {
      ds.add("No change from " + base.name() + ".");
    }
    driversTitle.set("Drivers (vs " + base.name() + ")");
    drivers.setAll(ds);
  }

  /** The diff engine could not compare (e.g. the baseline no longer reads): keep what changed, say why. */
  public void driversFailed(Scenario base, Evaluation.Valid head, String why) {
    if (!scenarios.isEmpty() && scenarios.get(0) == base && current == head) {
      driversTitle.set("What changed (vs " + base.name() + ") — drivers not available: " + why);
    }
  }

  private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

  private static String pct(BigDecimal d, BigDecimal base) {
    if (base.signum() == 0) {
      return d.signum() == 0 ? "0.0%" : "new";
    }
    return (d.signum() > 0 ? "+" : "") + Format.percent(d.divide(base, MathContext.DECIMAL64).doubleValue() * 100);
  }

  public ObservableList<Scenario> scenarios() {
    return scenarios;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public ObservableList<String> drivers() {
    return drivers;
  }

  public ReadOnlyStringProperty driversTitle() {
    return driversTitle.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summary() {
    return summary.getReadOnlyProperty();
  }

  /** "+$12.30 (+4.1%) vs baseline", empty without a baseline: shown next to the total. */
  public ReadOnlyStringProperty delta() {
    return delta.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasBaseline() {
    return hasBaseline.getReadOnlyProperty();
  }


}
