package dev.costflow.desktop.vm;

import dev.costflow.reports.AtomicFiles;
import dev.costflow.desktop.core.BandSimulator;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.core.Evaluator;
import dev.costflow.desktop.core.ModelDocument;
import dev.costflow.desktop.core.RecentFiles;
import dev.costflow.desktop.core.SerialQueue;
import dev.costflow.desktop.core.Workspace;
import dev.costflow.diff.CostDiff;
import dev.costflow.diff.ModelDiff;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Diagnostic;
import dev.costflow.reports.EstimateReports;
import dev.costflow.yaml.YNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state and commands. All model work (reading, validating, pricing, laying out,
 * saving) runs on a worker through a {@link SerialQueue}; results are applied on the UI executor.
 * Tests pass direct executors and drive it as plain Java.
 */
public final class MainViewModel implements EditSink {
  public static final List<String> MODEL_EXTENSIONS = List.of("*.yaml", "*.yml");

  private final Workspace workspace;
  private final ModelDiff modelDiff;
  private final SerialQueue queue;
  private final Executor ui;
  private final RecentFiles recentStore;
  private final Integrations integrations;

  private final ReadOnlyObjectWrapper<Evaluation.Valid> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
  private final ReadOnlyObjectWrapper<ModelDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
  private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection", Selection.NONE);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "costflow");
  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
  private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper(this, "total", "—");
  private final ReadOnlyStringWrapper totalCaption = new ReadOnlyStringWrapper(this, "totalCaption", "no model open");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Open a model (File ▸ Open) to see its cost.");
  private final ReadOnlyStringWrapper timing = new ReadOnlyStringWrapper(this, "timing", "");
  private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
  private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo", false);
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo", false);
  private final ReadOnlyBooleanWrapper hasModel = new ReadOnlyBooleanWrapper(this, "hasModel", false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
  private final BooleanProperty hourlyCurve = new SimpleBooleanProperty(this, "hourlyCurve", true);
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObservableList<Path> recent = FXCollections.observableArrayList();

  private final InspectorViewModel inspector;
  private final ScenariosViewModel scenarios;
  private final ActualsViewModel actuals;
  private final BandsViewModel bands;
  private int inFlight;

  /** Simulation bands run on {@code worker} too, behind the recomputes (tests, the screenshot). */
  public MainViewModel(Evaluator evaluator, Executor worker, Executor ui, RecentFiles recentFiles, Integrations integrations) {
    this(evaluator, worker, ui, recentFiles, integrations, BandSimulator.of(evaluator.estimator()), worker);
  }

  /**
   * {@code bandWorker} runs the simulations of the cost curve's bands: a worker of their own in the
   * window, so that a simulation never holds up the recompute of an edit.
   */
  public MainViewModel(Evaluator evaluator, Executor worker, Executor ui, RecentFiles recentFiles, Integrations integrations, BandSimulator bandSimulator,
      Executor bandWorker) {
    this.workspace = new Workspace(evaluator);
    this.queue = new SerialQueue(worker);
    this.ui = ui;
    this.recentStore = recentFiles;
    this.integrations = integrations;
    this.inspector = new InspectorViewModel(this);
    this.scenarios = new ScenariosViewModel(s -> replaceTree(s.tree(), "load scenario " + s.name()));
    this.modelDiff = new ModelDiff(evaluator.estimator());
    scenarios.onChange(this::priceDrivers);
    this.actuals = new ActualsViewModel(integrations);
    this.bands = new BandsViewModel(bandSimulator, bandWorker, ui);
    recent.setAll(recentFiles.files());
    selection.addListener((o, was, now) -> inspector.refresh(evaluation.get(), now, false));
  }

  // ------------------------------------------------------------------ background work

  /** Runs {@code task} on the worker; it reports back through {@link #done}. Busy until every task queued has reported. */
  private void work(Object key, Runnable task) {
    inFlight++;
    busy.set(true);
    if (queue.submit(key, task)) {
      inFlight--; // it replaced a task that will never report
    }
  }

  private void done(Runnable onUi) {
    ui.execute(() -> {
      inFlight = Math.max(0, inFlight - 1);
      busy.set(inFlight > 0);
      onUi.run();
    });
  }

  // ------------------------------------------------------------------ files

  /** Asks for a model file (after the unsaved-changes question) and opens it. */
  public void open(Prompter p) {
    whenSafe(p, () -> p.chooseOpenFile("Open a costflow model", MODEL_EXTENSIONS).ifPresent(f -> openPath(f, p)));
  }

  /** Opens a recent file (after the unsaved-changes question). */
  public void openRecent(Path file, Prompter p) {
    whenSafe(p, () -> openPath(file, p));
  }

  /** Opens a file now; errors are shown through {@code p} and leave the current model open. */
  public void openPath(Path file, Prompter p) {
    status.set("Opening " + file.getFileName() + "…");
    work(null, () -> {
      Workspace.Result r = workspace.open(file);
      done(() -> {
        if (!r.ok()) {
          status.set("Could not open " + file.getFileName());
          p.showError("Cannot open " + file.getFileName(), describe(r.errors()));
          if (r.errors().size() == 1 && r.errors().get(0).message().equals("no such file")) {
            recent.setAll(recentStore.remove(file));
          }
          return;
        }
        recent.setAll(recentStore.add(file));
        opened(r, "Opened " + file.getFileName());
      });
    });
  }

  private void opened(Workspace.Result r, String message) {
    scenarios.reset();
    Workspace.Snapshot s = r.snapshot().orElseThrow();
    selection.set(Selection.NONE);
    bands.show(s.evaluation(), true);
    apply(s, true);
    selection.set(defaultSelection(s.evaluation()));
    status.set(message + " — " + s.evaluation().model().services().size() + " services");
    reloadActuals();
  }

  /** The most expensive service: what a cost review looks at first. */
  static Selection defaultSelection(Evaluation.Valid ev) {
    return ev.estimate().services().stream().max(Comparator.comparing(ServiceCost::costUsd)).<Selection>map(s -> new Selection.OfService(s.id())).orElse(Selection.NONE);
  }

  /** Saves to the model's file (asks for one when it has none); {@code done} tells whether it was saved. */
  public void save(Prompter p, Consumer<Boolean> done) {
    ModelDocument d = document.get();
    if (d == null) {
      done.accept(false);
      return;
    }
    if (d.file().isEmpty()) {
      saveAs(p, done);
      return;
    }
    saveTo(Optional.empty(), p, done);
  }

  public void saveAs(Prompter p, Consumer<Boolean> done) {
    ModelDocument d = document.get();
    if (d == null) {
      done.accept(false);
      return;
    }
    Optional<Path> to = p.chooseSaveFile("Save the model as", suggestedName(d), MODEL_EXTENSIONS).map(f -> withExtension(f, ".yaml", ".yml"));
    if (to.isEmpty()) {
      done.accept(false);
      return;
    }
    saveTo(to, p, done);
  }

  private void saveTo(Optional<Path> to, Prompter p, Consumer<Boolean> done) {
    work(null, () -> {
      try {
        boolean kept = workspace.save(to);
        Workspace.Snapshot s = workspace.snapshot().orElseThrow();
        done(() -> {
          Path f = s.document().file().orElseThrow();
          recent.setAll(recentStore.add(f));
          apply(s, false);
          status.set(kept ? "Saved " + f.getFileName() : "Saved " + f.getFileName() + " (rewritten in full: its comments could not be kept for this change)");
          done.accept(true);
        });
      } catch (Exception e) {
        done(() -> {
          p.showError("Cannot save", to.or(() -> Optional.ofNullable(document.get()).flatMap(ModelDocument::file)).map(Path::toString).orElse("the model") + ": "
              + e.getMessage());
          done.accept(false);
        });
      }
    });
  }

  /** Writes the estimate as Markdown (the same report as {@code costflow estimate --format markdown}). */
  public void exportMarkdown(Prompter p) {
    Evaluation.Valid ev = evaluation.get();
    if (ev == null) {
      return;
    }
    p.chooseSaveFile("Export the estimate as Markdown", baseName() + ".md", List.of("*.md")).map(f -> withExtension(f, ".md")).ifPresent(f -> work(null, () -> {
      try {
        AtomicFiles.write(f, EstimateReports.markdown(ev.estimate()).getBytes(StandardCharsets.UTF_8));
        done(() -> status.set("Exported " + f.getFileName()));
      } catch (Exception e) {
        done(() -> p.showError("Cannot export", f + ": " + e.getMessage()));
      }
    }));
  }

  /** Writes the estimate as a spreadsheet, when this build has the exporter. */
  public void exportSpreadsheet(Prompter p) {
    Evaluation.Valid ev = evaluation.get();
    if (ev == null) {
      return;
    }
    if (integrations.spreadsheet().isEmpty()) {
      p.showInfo("Spreadsheet export", Integrations.NO_SPREADSHEET);
      return;
    }
    p.chooseSaveFile("Export the estimate as a spreadsheet", baseName() + ".xlsx", List.of("*.xlsx")).map(f -> withExtension(f, ".xlsx")).ifPresent(f -> work(null, () -> {
      try {
        integrations.spreadsheet().get().export(ev.estimate(), f);
        done(() -> status.set("Exported " + f.getFileName()));
      } catch (Exception e) {
        done(() -> p.showError("Cannot export", f + ": " + message(e)));
      }
    }));
  }

  /** Imports an architecture ({@code sam} or {@code serverless}) as a new, unsaved model. */
  public void importArchitecture(String kind, Prompter p) {
    Optional<Integrations.ModelImporter> importer = kind.equals("sam") ? integrations.sam() : integrations.serverless();
    if (importer.isEmpty()) {
      p.showInfo("Import", kind.equals("sam") ? Integrations.NO_SAM : Integrations.NO_SERVERLESS);
      return;
    }
    List<String> ext = kind.equals("sam") ? List.of("*.yaml", "*.yml", "*.json", "*.template") : List.of("serverless.yml", "*.yml", "*.yaml");
    whenSafe(p, () -> p.chooseOpenFile(kind.equals("sam") ? "Import a SAM or CloudFormation template" : "Import a serverless.yml", ext).ifPresent(src -> work(null, () -> {
      String text;
      try {
        text = importer.get().importModel(src);
      } catch (Exception e) {
        done(() -> p.showError("Cannot import " + src.getFileName(), message(e)));
        return;
      }
      String name = stripExtension(src.getFileName().toString()) + ".costflow.yaml";
      Workspace.Result r = workspace.openText(Optional.empty(), name, text);
      done(() -> {
        if (!r.ok()) {
          p.showError("The imported model has errors", describe(r.errors()));
          return;
        }
        opened(r, "Imported " + src.getFileName() + " (not saved yet)");
      });
    })));
  }

  /** Closes the window once unsaved changes are saved or discarded. */
  public void requestClose(Prompter p, Runnable close) {
    whenSafe(p, close);
  }

  /** Runs {@code then} once it is safe to drop the open model: saved, discarded, or nothing to lose. */
  public void whenSafe(Prompter p, Runnable then) {
    ModelDocument d = document.get();
    if (d == null || !d.dirty()) {
      then.run();
      return;
    }
    switch (p.askSaveChanges(d.displayName())) {
      case SAVE -> save(p, ok -> {
        if (ok) {
          then.run();
        }
      });
      case DISCARD -> then.run();
      case CANCEL -> {}
    }
  }

  // ------------------------------------------------------------------ editing

  @Override
  public void edit(List<String> path, YNode value, String label, String mergeKey, Consumer<List<Diagnostic>> done) {
    if (document.get() == null) {
      return;
    }
    work("edit:" + String.join("\u0000", path), () -> {
      Workspace.Result r = workspace.edit(path, value, label, mergeKey);
      done(() -> {
        if (r.ok()) {
          apply(r.snapshot().orElseThrow(), false);
          status.set("Changed " + String.join(".", path));
        } else {
          status.set("Not applied: " + firstLine(r.errors()));
        }
        done.accept(r.errors());
      });
    });
  }

  /** Puts a whole tree in the editor (a scenario), as one undo step. */
  public void replaceTree(YNode tree, String label) {
    if (document.get() == null) {
      return;
    }
    work(null, () -> {
      Workspace.Result r = workspace.replace(tree, label, "");
      done(() -> {
        if (r.ok()) {
          apply(r.snapshot().orElseThrow(), true);
          status.set(label);
        } else {
          status.set("Not applied: " + firstLine(r.errors()));
        }
      });
    });
  }

  public void undo() {
    if (canUndo.get()) {
      step(true);
    }
  }

  public void redo() {
    if (canRedo.get()) {
      step(false);
    }
  }

  private void step(boolean back) {
    String what = back ? undoText.get() : redoText.get();
    work(null, () -> {
      Workspace.Result r = back ? workspace.undo() : workspace.redo();
      done(() -> {
        if (r.ok()) {
          apply(r.snapshot().orElseThrow(), true);
          status.set(what);
        } else {
          status.set("Cannot " + (back ? "undo" : "redo") + ": " + firstLine(r.errors()));
        }
      });
    });
  }

  @Override
  public void select(Selection s) {
    selection.set(s == null ? Selection.NONE : s);
  }

  // ------------------------------------------------------------------ state

  private void apply(Workspace.Snapshot s, boolean force) {
    Evaluation.Valid ev = s.evaluation();
    ModelDocument d = s.document();
    document.set(d);
    evaluation.set(ev);
    hasModel.set(true);
    dirty.set(d.dirty());
    canUndo.set(d.canUndo());
    canRedo.set(d.canRedo());
    undoText.set(d.canUndo() ? "Undo " + d.undoLabel() : "Undo");
    redoText.set(d.canRedo() ? "Redo " + d.redoLabel() : "Redo");
    title.set((d.dirty() ? "• " : "") + d.displayName() + " — costflow");
    headline.set(EstimateReports.headline(ev.estimate()));
    total.set(Labels.usd(ev.estimate().totalUsd()));
    totalCaption.set(Labels.per(ev.model().period()));
    timing.set(String.format(Locale.US, "recomputed in %.1f ms", ev.nanos() / 1e6));
    List<String> ps = new ArrayList<>();
    ev.estimate().warnings().forEach(w -> ps.add(w.toString()));
    problems.setAll(ps);
    Selection sel = selection.get();
    if (sel instanceof Selection.OfService os && ev.model().service(os.id()).isEmpty()
        || sel instanceof Selection.OfCall oc && ev.model().service(oc.from()).map(x -> x.calls().size() <= oc.index()).orElse(true)) {
      selection.set(Selection.NONE);
    }
    inspector.refresh(ev, selection.get(), force);
    scenarios.refresh(ev);
    priceDrivers();
    refreshActuals();
    bands.show(ev, false);
  }

  /** Prices the drivers of the scenario comparison with the diff engine, off the UI thread (newest request wins). */
  private void priceDrivers() {
    Optional<ScenariosViewModel.Scenario> base = scenarios.baseline();
    Evaluation.Valid head = evaluation.get();
    ModelDocument d = document.get();
    if (base.isEmpty() || head == null || d == null) {
      return;
    }
    Path dir = d.baseDir();
    work("drivers", () -> {
      try {
        CostDiff diff = modelDiff.compare(ModelDiff.Input.of(base.get().tree(), dir, base.get().name()), ModelDiff.Input.of(head.tree(), dir, "now"));
        done(() -> scenarios.showDrivers(base.get(), head, diff));
      } catch (RuntimeException e) {
        done(() -> scenarios.driversFailed(base.get(), head, e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    });
  }


  /** Reads the billing store again (after an import) and compares. */
  public void reloadActuals() {
    actuals.forgetBill();
    refreshActuals();
  }

  /** Compares the current estimate with the bill, off the UI thread (the bill is read once, then kept). */
  public void refreshActuals() {
    Evaluation.Valid ev = evaluation.get();
    if (ev == null || integrations.actuals().isEmpty()) {
      return;
    }
    work("actuals", () -> {
      ActualsViewModel.Result r = actuals.load(ev);
      done(() -> actuals.apply(r));
    });
  }

  private String suggestedName(ModelDocument d) {
    return d.file().map(f -> f.getFileName().toString()).orElse(d.displayName());
  }

  private String baseName() {
    ModelDocument d = document.get();
    return d == null ? "model" : stripExtension(suggestedName(d));
  }

  static String stripExtension(String name) {
    for (String ext : List.of(".costflow.yaml", ".yaml", ".yml", ".json", ".template")) {
      if (name.endsWith(ext)) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }

  static Path withExtension(Path f, String ext, String... alternatives) {
    String n = f.getFileName().toString();
    if (n.endsWith(ext)) {
      return f;
    }
    for (String a : alternatives) {
      if (n.endsWith(a)) {
        return f;
      }
    }
    return f.resolveSibling(n + ext);
  }

  static String describe(List<Diagnostic> errors) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < errors.size() && i < 20; i++) {
      b.append(errors.get(i)).append('\n');
    }
    if (errors.size() > 20) {
      b.append("… and ").append(errors.size() - 20).append(" more\n");
    }
    return b.toString().strip();
  }

  private static String firstLine(List<Diagnostic> errors) {
    return errors.isEmpty() ? "" : errors.get(0).message() + (errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "");
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  // ------------------------------------------------------------------ properties

  public ReadOnlyObjectProperty<Evaluation.Valid> evaluation() {
    return evaluation.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ModelDocument> document() {
    return document.getReadOnlyProperty();
  }

  public ObjectProperty<Selection> selection() {
    return selection;
  }

  public ReadOnlyStringProperty title() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty headline() {
    return headline.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty total() {
    return total.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty totalCaption() {
    return totalCaption.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty status() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty timing() {
    return timing.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty undoText() {
    return undoText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty redoText() {
    return redoText.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty dirty() {
    return dirty.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canUndo() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedo() {
    return canRedo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasModel() {
    return hasModel.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busy() {
    return busy.getReadOnlyProperty();
  }

  public BooleanProperty hourlyCurve() {
    return hourlyCurve;
  }

  public ObservableList<String> problems() {
    return problems;
  }

  public ObservableList<Path> recent() {
    return recent;
  }

  public InspectorViewModel inspector() {
    return inspector;
  }

  public ScenariosViewModel scenarios() {
    return scenarios;
  }

  public ActualsViewModel actuals() {
    return actuals;
  }

  /** The optional p5–p95 simulation bands of the cost curve. */
  public BandsViewModel bands() {
    return bands;
  }

  public Integrations integrations() {
    return integrations;
  }
}
