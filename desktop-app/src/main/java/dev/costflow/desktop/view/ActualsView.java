package dev.costflow.desktop.view;

import dev.costflow.desktop.vm.ActualsViewModel;
import dev.costflow.desktop.vm.MainViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Modeled vs actual per service type and meter, when the billing store has the period. */
final class ActualsView extends BorderPane {
  ActualsView(MainViewModel main) {
    ActualsViewModel vm = main.actuals();
    Label message = new Label();
    message.setWrapText(true);
    message.textProperty().bind(vm.message());
    message.setId("actuals-message");
    Button reload = new Button("Reload");
    reload.setOnAction(e -> main.reloadActuals());
    reload.disableProperty().bind(vm.available().not().or(main.hasModel().not()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, message, spacer, reload);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    setTop(bar);
    TableView<ActualsViewModel.Row> table = new TableView<>(vm.rows());
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(col("Bill service", ActualsViewModel.Row::label, 170));
    table.getColumns().add(col("Type", ActualsViewModel.Row::type, 130));
    table.getColumns().add(col("Model services", ActualsViewModel.Row::services, 200));
    table.getColumns().add(col("Modeled", ActualsViewModel.Row::modeled, 90));
    table.getColumns().add(col("Actual", ActualsViewModel.Row::actual, 90));
    table.getColumns().add(col("Variance", ActualsViewModel.Row::variance, 90));
    table.getColumns().add(col("%", ActualsViewModel.Row::variancePct, 80));
    table.setPlaceholder(new Label("No actuals for this period."));
    setCenter(table);
  }

  private static TableColumn<ActualsViewModel.Row, String> col(String title, java.util.function.Function<ActualsViewModel.Row, String> f, double w) {
    TableColumn<ActualsViewModel.Row, String> c = new TableColumn<>(title);
    c.setPrefWidth(w);
    c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
    return c;
  }
}
