package dev.costflow.desktop.view;

import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.vm.BreakdownViewModel;
import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Selection;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Cost by service and meter, most expensive first; selecting a service selects it in the graph. */
final class BreakdownView extends TreeTableView<BreakdownViewModel.Row> {
  private boolean updating;

  BreakdownView(MainViewModel vm) {
    setId("breakdown");
    setShowRoot(false);
    setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    getColumns().add(text("Service / meter", BreakdownViewModel.Row::name, 170, false));
    getColumns().add(text("Calls / quantity", BreakdownViewModel.Row::quantity, 120, true));
    getColumns().add(text("Unit price", BreakdownViewModel.Row::price, 150, true));
    getColumns().add(text("Cost", BreakdownViewModel.Row::cost, 84, true));
    TreeTableColumn<BreakdownViewModel.Row, BreakdownViewModel.Row> share = new TreeTableColumn<>("Share");
    share.setPrefWidth(130);
    share.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
    share.setCellFactory(c -> new ShareCell());
    share.setSortable(false);
    getColumns().add(share);
    getColumns().forEach(c -> c.setSortable(false));
    vm.evaluation().addListener((o, a, ev) -> show(vm, ev));
    vm.selection().addListener((o, a, s) -> select(s));
    getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
      if (!updating && item != null) {
        vm.select(new Selection.OfService(item.getValue().serviceId()));
      }
    });
    setPlaceholder(new Label("Open a model to see its cost by service and meter."));
  }

  private void show(MainViewModel vm, Evaluation.Valid ev) {
    updating = true;
    try {
      TreeItem<BreakdownViewModel.Row> root = new TreeItem<>();
      if (ev != null) {
        String selected = vm.selection().get() instanceof Selection.OfService s ? s.id() : "";
        for (BreakdownViewModel.Row r : BreakdownViewModel.rows(ev.breakdown(), ev.model().period())) {
          TreeItem<BreakdownViewModel.Row> item = new TreeItem<>(r);
          for (BreakdownViewModel.Row l : r.children()) {
            item.getChildren().add(new TreeItem<>(l));
          }
          item.setExpanded(r.serviceId().equals(selected));
          root.getChildren().add(item);
        }
      }
      setRoot(root);
    } finally {
      updating = false;
    }
    select(vm.selection().get());
  }

  private void select(Selection s) {
    if (getRoot() == null) {
      return;
    }
    updating = true;
    try {
      if (s instanceof Selection.OfService os) {
        for (TreeItem<BreakdownViewModel.Row> item : getRoot().getChildren()) {
          if (item.getValue().serviceId().equals(os.id())) {
            item.setExpanded(true);
            getSelectionModel().select(item);
            return;
          }
        }
      }
      getSelectionModel().clearSelection();
    } finally {
      updating = false;
    }
  }

  private static TreeTableColumn<BreakdownViewModel.Row, String> text(String title, java.util.function.Function<BreakdownViewModel.Row, String> f, double width, boolean right) {
    TreeTableColumn<BreakdownViewModel.Row, String> c = new TreeTableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(v -> new ReadOnlyStringWrapper(v.getValue().getValue() == null ? "" : f.apply(v.getValue().getValue())));
    c.setCellFactory(col -> new TreeTableCell<>() {
      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        BreakdownViewModel.Row row = getTableRow() == null ? null : getTableRow().getItem();
        setTooltip(row != null && !row.detail().isEmpty() && !empty ? new Tooltip(row.detail()) : null);
      }
    });
    if (right) {
      c.setStyle("-fx-alignment: CENTER-RIGHT;");
    }
    return c;
  }

  /** A bar as long as the row's share of the total, and the percentage. */
  private static final class ShareCell extends TreeTableCell<BreakdownViewModel.Row, BreakdownViewModel.Row> {
    @Override
    protected void updateItem(BreakdownViewModel.Row r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Region bar = new Region();
      bar.getStyleClass().add(r.children().isEmpty() && !r.type().isEmpty() || !r.type().isEmpty() ? "share-bar" : "share-bar-line");
      bar.setPrefHeight(10);
      bar.setMinWidth(Math.max(1, 70 * r.share()));
      bar.setPrefWidth(Math.max(1, 70 * r.share()));
      bar.setMaxWidth(Math.max(1, 70 * r.share()));
      Region rest = new Region();
      rest.setPrefWidth(70 - bar.getPrefWidth());
      rest.setMinWidth(70 - bar.getPrefWidth());
      Label pct = new Label(r.shareText());
      pct.getStyleClass().add("share-text");
      HBox box = new HBox(bar, rest, pct);
      box.setSpacing(0);
      HBox.setMargin(pct, new javafx.geometry.Insets(0, 0, 0, 6));
      box.setAlignment(Pos.CENTER_LEFT);
      setGraphic(box);
      setText(null);
    }
  }
}
