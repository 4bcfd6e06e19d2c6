package dev.costflow.desktop.view;

import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Prompter;
import dev.costflow.desktop.vm.ScenariosViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Scenarios side by side: the kept variants, the comparison per service and the drivers. */
final class ScenariosView extends BorderPane {
  private final ScenariosViewModel vm;
  private final TableView<ScenariosViewModel.Row> table = new TableView<>();

  ScenariosView(MainViewModel main, Prompter prompter) {
    this.vm = main.scenarios();
    Button baseline = new Button("Keep as baseline");
    baseline.setId("keep-baseline");
    baseline.setOnAction(e -> vm.pinBaseline());
    Button keep = new Button("Keep as what-if…");
    keep.setId("keep-scenario");
    keep.setOnAction(e -> prompter.askText("Keep scenario", "Name of this scenario:", vm.nextName()).ifPresent(vm::keep));
    baseline.disableProperty().bind(main.hasModel().not());
    keep.disableProperty().bind(main.hasModel().not());
    Label summary = new Label();
    summary.textProperty().bind(vm.summary());
    summary.getStyleClass().add("panel-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, summary, spacer, baseline, keep);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    setTop(bar);

    ListView<ScenariosViewModel.Scenario> list = new ListView<>(vm.scenarios());
    list.setId("scenario-list");
    list.setPlaceholder(new Label("No scenarios kept yet."));
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(ScenariosViewModel.Scenario s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
          setText(null);
          setGraphic(null);
          return;
        }
        boolean isBase = getIndex() == 0;
        Label name = new Label((isBase ? "★ " : "") + s.name());
        name.getStyleClass().add("panel-title");
        Label total = new Label(dev.costflow.reports.Format.usd(s.totalUsd()));
        Button load = new Button("Load");
        load.setTooltip(new javafx.scene.control.Tooltip("Put this scenario in the editor (undoable)"));
        load.setOnAction(e -> vm.load(s));
        Button base = new Button("Make baseline");
        base.setDisable(isBase);
        base.setOnAction(e -> vm.makeBaseline(s));
        Button drop = new Button("Remove");
        drop.setOnAction(e -> vm.remove(s));
        HBox buttons = new HBox(4, load, base, drop);
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox head = new HBox(6, name, sp, total);
        VBox cell = new VBox(3, head, buttons);
        cell.setMaxWidth(Double.MAX_VALUE);
        setGraphic(cell);
        setText(null);
      }
    });
    list.setPrefWidth(260);
    list.setMinWidth(220);

    table.setId("scenario-table");
    table.setPlaceholder(new Label("Keep the current model as the baseline, then edit it: each service's change shows here."));
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    vm.scenarios().addListener((ListChangeListener<ScenariosViewModel.Scenario>) c -> columns());
    table.setItems(vm.rows());
    columns();

    Label driversTitle = new Label();
    driversTitle.textProperty().bind(vm.driversTitle());
    driversTitle.getStyleClass().add("panel-title");
    ListView<String> drivers = new ListView<>(vm.drivers());
    drivers.setId("drivers");
    drivers.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        setWrapText(true);
        setPrefWidth(0);
      }
    });
    driversTitle.setWrapText(true);
    VBox driverBox = new VBox(4, driversTitle, drivers);
    VBox.setVgrow(drivers, Priority.ALWAYS);
    driverBox.setPadding(new Insets(0, 4, 4, 4));
    SplitPane split = new SplitPane(list, table, driverBox);
    split.setDividerPositions(0.22, 0.74);
    setCenter(split);
  }

  private void columns() {
    table.getColumns().clear();
    table.getColumns().add(col("Service", r -> r.id(), 120));
    table.getColumns().add(col("Status", r -> r.status(), 84));
    for (int i = 0; i < vm.scenarios().size(); i++) {
      int k = i;
      table.getColumns().add(col(vm.scenarios().get(i).name(), r -> k < r.costs().size() ? r.costs().get(k) : "", 84));
    }
    table.getColumns().add(col("Now", r -> r.current(), 84));
    table.getColumns().add(col("Δ vs baseline", r -> r.delta(), 96));
    table.getColumns().add(col("Δ %", r -> r.deltaPct(), 64));
  }

  private static TableColumn<ScenariosViewModel.Row, String> col(String title, java.util.function.Function<ScenariosViewModel.Row, String> f, double w) {
    TableColumn<ScenariosViewModel.Row, String> c = new TableColumn<>(title);
    c.setPrefWidth(w);
    c.setSortable(false);
    c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
    if (!title.equals("Service") && !title.equals("Status")) {
      c.setStyle("-fx-alignment: CENTER-RIGHT;");
    }
    return c;
  }
}
