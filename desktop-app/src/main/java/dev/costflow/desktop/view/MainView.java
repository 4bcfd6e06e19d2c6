package dev.costflow.desktop.view;

import dev.costflow.desktop.vm.Integrations;
import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Prompter;
import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The main window: menus, the total, the graph, the breakdown and curve, scenarios, actuals, the inspector. */
public final class MainView extends BorderPane {
  private final MainViewModel vm;
  private final Prompter prompter;
  private final GraphView graph;
  private final Runnable close;

  /** {@code close} closes the window; Quit runs it once unsaved changes are saved or discarded. */
  public MainView(MainViewModel vm, Prompter prompter, Runnable close) {
    this.vm = vm;
    this.prompter = prompter;
    this.close = close;
    getStyleClass().add("main");
    graph = new GraphView(vm);
    setTop(new VBox(menus(), header()));

    StackPane graphArea = new StackPane(graph, welcome());
    BreakdownView breakdown = new BreakdownView(vm);
    CurveView curve = new CurveView(vm);
    SplitPane cost = new SplitPane(breakdown, curve);
    cost.setDividerPositions(0.57);
    TabPane tabs = new TabPane(
        tab("Cost", cost, "tab-cost"),
        tab("Scenarios", new ScenariosView(vm, prompter), "tab-scenarios"),
        tab("Actuals", new ActualsView(vm), "tab-actuals"),
        problemsTab());
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    SplitPane left = new SplitPane(graphArea, tabs);
    left.setOrientation(Orientation.VERTICAL);
    left.setDividerPositions(0.55);
    InspectorView inspector = new InspectorView(vm);
    inspector.setMinWidth(300);
    inspector.setPrefWidth(340);
    SplitPane center = new SplitPane(left, inspector);
    center.setDividerPositions(0.75);
    SplitPane.setResizableWithParent(inspector, false);
    setCenter(center);
    setBottom(statusBar());
  }

  private static Tab tab(String title, javafx.scene.Node content, String id) {
    Tab t = new Tab(title, content);
    t.setId(id);
    return t;
  }

  private Tab problemsTab() {
    ListView<String> list = new ListView<>(vm.problems());
    list.setPlaceholder(new Label("No warnings."));
    Tab t = tab("Warnings", list, "tab-problems");
    vm.problems().addListener((ListChangeListener<String>) c -> t.setText(vm.problems().isEmpty() ? "Warnings" : "Warnings (" + vm.problems().size() + ")"));
    return t;
  }

  private HBox header() {
    Label name = new Label();
    name.setId("model-name");
    name.getStyleClass().add("model-name");
    name.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> vm.document().get() == null ? "costflow" : vm.document().get().displayName() + (vm.dirty().get() ? "  •  unsaved" : ""), vm.document(), vm.dirty()));
    Label headline = new Label();
    headline.getStyleClass().add("headline");
    headline.textProperty().bind(vm.headline());
    VBox left = new VBox(2, name, headline);
    Label total = new Label();
    total.setId("total");
    total.getStyleClass().add("total");
    total.textProperty().bind(vm.total());
    Label caption = new Label();
    caption.getStyleClass().add("total-caption");
    caption.textProperty().bind(vm.totalCaption());
    Label delta = new Label();
    delta.setId("delta");
    delta.getStyleClass().add("total-delta");
    delta.textProperty().bind(vm.scenarios().delta());
    HBox captionRow = new HBox(10, caption, delta);
    captionRow.setAlignment(Pos.CENTER_RIGHT);
    VBox right = new VBox(0, total, captionRow);
    right.setAlignment(Pos.CENTER_RIGHT);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox h = new HBox(12, left, spacer, right);
    h.getStyleClass().add("header");
    h.setAlignment(Pos.CENTER_LEFT);
    h.setPadding(new Insets(8, 16, 8, 16));
    return h;
  }

  private VBox welcome() {
    Label title = new Label("Open a model to see its architecture and what it costs");
    title.getStyleClass().add("welcome-title");
    Button open = new Button("Open a model…");
    open.setId("welcome-open");
    open.setOnAction(e -> vm.open(prompter));
    VBox recents = new VBox(2);
    Runnable fill = () -> {
      recents.getChildren().clear();
      if (!vm.recent().isEmpty()) {
        Label l = new Label("Recent");
        l.getStyleClass().add("group-title");
        recents.getChildren().add(l);
      }
      for (Path p : vm.recent()) {
        Hyperlink h = new Hyperlink(p.toString());
        h.setOnAction(e -> vm.openRecent(p, prompter));
        recents.getChildren().add(h);
      }
    };
    fill.run();
    vm.recent().addListener((ListChangeListener<Path>) c -> fill.run());
    VBox box = new VBox(14, title, open, recents);
    box.setAlignment(Pos.CENTER);
    box.getStyleClass().add("welcome");
    box.visibleProperty().bind(vm.hasModel().not());
    box.managedProperty().bind(vm.hasModel().not());
    return box;
  }

  private HBox statusBar() {
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(vm.status());
    Label timing = new Label();
    timing.setId("timing");
    timing.textProperty().bind(vm.timing());
    timing.getStyleClass().add("muted");
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(14, 14);
    busy.visibleProperty().bind(vm.busy());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(10, status, spacer, busy, timing);
    bar.getStyleClass().add("status-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(3, 10, 3, 10));
    return bar;
  }

  private MenuBar menus() {
    MenuItem open = item("Open…", "Shortcut+O", () -> vm.open(prompter));
    Menu recent = new Menu("Open Recent");
    Runnable fillRecent = () -> {
      recent.getItems().clear();
      for (Path p : vm.recent()) {
        recent.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, () -> vm.openRecent(p, prompter)));
      }
      recent.setDisable(vm.recent().isEmpty());
    };
    fillRecent.run();
    vm.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
    MenuItem save = item("Save", "Shortcut+S", () -> vm.save(prompter, ok -> {}));
    MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", () -> vm.saveAs(prompter, ok -> {}));
    save.disableProperty().bind(vm.hasModel().not());
    saveAs.disableProperty().bind(vm.hasModel().not());
    Integrations in = vm.integrations();
    MenuItem sam = item(in.sam().isPresent() ? "SAM / CloudFormation template…" : "SAM / CloudFormation template… (not in this build)", null, () -> vm.importArchitecture("sam", prompter));
    sam.setDisable(in.sam().isEmpty());
    MenuItem sls = item(in.serverless().isPresent() ? "serverless.yml…" : "serverless.yml… (not in this build)", null, () -> vm.importArchitecture("serverless", prompter));
    sls.setDisable(in.serverless().isEmpty());
    Menu importMenu = new Menu("Import", null, sam, sls);
    MenuItem md = item("Markdown…", null, () -> vm.exportMarkdown(prompter));
    md.disableProperty().bind(vm.hasModel().not());
    MenuItem xlsx = item(in.spreadsheet().isPresent() ? "Spreadsheet (XLSX)…" : "Spreadsheet (XLSX)… (not in this build)", null, () -> vm.exportSpreadsheet(prompter));
    if (in.spreadsheet().isPresent()) {
      xlsx.disableProperty().bind(vm.hasModel().not());
    } else {
      xlsx.setDisable(true);
    }
    Menu exportMenu = new Menu("Export", null, md, xlsx);
    MenuItem quitItem = item("Quit", "Shortcut+Q", this::quit);
    Menu file = new Menu("File", null, open, recent, new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), importMenu, exportMenu, new SeparatorMenuItem(), quitItem);

    MenuItem undo = item("Undo", "Shortcut+Z", vm::undo);
    undo.textProperty().bind(vm.undoText());
    undo.disableProperty().bind(vm.canUndo().not());
    MenuItem redo = item("Redo", "Shortcut+Shift+Z", vm::redo);
    redo.textProperty().bind(vm.redoText());
    redo.disableProperty().bind(vm.canRedo().not());
    Menu edit = new Menu("Edit", null, undo, redo);

    MenuItem baseline = item("Keep as baseline", "Shortcut+B", () -> vm.scenarios().pinBaseline());
    MenuItem keep = item("Keep as what-if…", null, () -> prompter.askText("Keep scenario", "Name of this scenario:", vm.scenarios().nextName()).ifPresent(vm.scenarios()::keep));
    baseline.disableProperty().bind(vm.hasModel().not());
    keep.disableProperty().bind(vm.hasModel().not());
    Menu scenario = new Menu("Scenario", null, baseline, keep);

    ToggleGroup g = new ToggleGroup();
    RadioMenuItem hourly = new RadioMenuItem("Hourly cost curve");
    RadioMenuItem daily = new RadioMenuItem("Daily cost curve");
    hourly.setToggleGroup(g);
    daily.setToggleGroup(g);
    hourly.setSelected(vm.hourlyCurve().get());
    daily.setSelected(!vm.hourlyCurve().get());
    hourly.setOnAction(e -> vm.hourlyCurve().set(true));
    daily.setOnAction(e -> vm.hourlyCurve().set(false));
    vm.hourlyCurve().addListener((o, a, b) -> (b ? hourly : daily).setSelected(true));
    MenuItem fit = item("Fit graph to window", "Shortcut+0", graph::fitToView);
    javafx.scene.control.CheckMenuItem bands = new javafx.scene.control.CheckMenuItem("Simulation bands (p5–p95) on the cost curve");
    bands.selectedProperty().bindBidirectional(vm.bands().enabled());
    Menu view = new Menu("View", null, fit, new SeparatorMenuItem(), hourly, daily, bands);

    MenuItem about = item("About costflow", null, () -> prompter.showInfo("About costflow",
        "costflow — serverless cost modeling and FinOps analysis.\n\nEdit a service or a call in the inspector: the estimate is recomputed as you type. "
            + "Keep a baseline to compare what-ifs. The model format is described in docs/model-format.md, this window in docs/desktop.md."));
    Menu help = new Menu("Help", null, about);
    MenuBar bar = new MenuBar(file, edit, scenario, view, help);
    bar.setUseSystemMenuBar(true);
    return bar;
  }

  /** Closes the window after the unsaved-changes question (also the window's close button). */
  public void quit() {
    vm.requestClose(prompter, close);
  }

  private static MenuItem item(String text, String accel, Runnable action) {
    MenuItem m = new MenuItem(text);
    if (accel != null) {
      m.setAccelerator(KeyCombination.keyCombination(accel));
    }
    m.setOnAction(e -> action.run());
    return m;
  }
}
