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
import java.util.List;

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

  private final java.util.Map<String, TreeItem<BreakdownViewModel.Row>> items = new java.util.HashMap<>();

  /** Shows the rows; the tree items of services already shown are updated in place (their expansion stays). */
  private void show(MainViewModel vm, Evaluation.Valid ev) {
    updating = true;
    try {
      if (ev == null) {
        items.clear();
        setRoot(new TreeItem<>());
        return;
      }
      TreeItem<BreakdownViewModel.Row> root = getRoot();
      boolean fresh = root == null;
      if (fresh) {
        root = new TreeItem<>();
      }
      String selected = vm.selection().get() instanceof Selection.OfService s ? s.id() : "";
      List<TreeItem<BreakdownViewModel.Row>> order = new java.util.ArrayList<>();
      java.util.Map<String, TreeItem<BreakdownViewModel.Row>> next = new java.util.HashMap<>();
      for (BreakdownViewModel.Row r : BreakdownViewModel.rows(ev.breakdown(), ev.model().period())) {
        TreeItem<BreakdownViewModel.Row> item = items.get(r.serviceId());
        if (item == null) {
          item = new TreeItem<>(r);
          item.setExpanded(r.serviceId().equals(selected));
        } else {
          item.setValue(r);
        }
        if (item.getChildren().size() == r.children().size()) {
          for (int i = 0; i < r.children().size(); i++) {
            item.getChildren().get(i).setValue(r.children().get(i));
          }
        } else {
          List<TreeItem<BreakdownViewModel.Row>> lines = new java.util.ArrayList<>();
          for (BreakdownViewModel.Row l : r.children()) {
            lines.add(new TreeItem<>(l));
          }
          item.getChildren().setAll(lines);
        }
        order.add(item);
        next.put(r.serviceId(), item);
      }
      items.clear();
      items.putAll(next);
      if (!root.getChildren().equals(order)) {
        root.getChildren().setAll(order);
      }
      if (fresh) {
        setRoot(root);
      }
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
    boolean withTip = title.startsWith("Service");
    c.setCellFactory(col -> new TreeTableCell<>() {
      private final Tooltip tip = new Tooltip();

      @Override
      protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        if (!withTip) {
          return;
        }
        BreakdownViewModel.Row row = getTableRow() == null ? null : getTableRow().getItem();
        if (row != null && !row.detail().isEmpty() && !empty) {
          tip.setText(row.detail());
          setTooltip(tip);
        } else {
          setTooltip(null);
        }
      }
    });
    if (right) {
      c.setStyle("-fx-alignment: CENTER-RIGHT;");
    }
    return c;
  }

  /** A bar as long as the row's share of the total, and the percentage (nodes reused across updates). */
  private static final class ShareCell extends TreeTableCell<BreakdownViewModel.Row, BreakdownViewModel.Row> {
    private final Region bar = new Region();
    private final Region rest = new Region();
    private final Label pct = new Label();
    private final HBox box = new HBox(bar, rest, pct);

    ShareCell() {
      bar.setPrefHeight(10);
      bar.setMaxHeight(10);
      pct.getStyleClass().add("share-text");
      HBox.setMargin(pct, new javafx.geometry.Insets(0, 0, 0, 6));
      box.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(BreakdownViewModel.Row r, boolean empty) {
      super.updateItem(r, empty);
      setText(null);
      if (empty || r == null) {
        setGraphic(null);
        return;
      }
      String style = r.type().isEmpty() ? "share-bar-line" : "share-bar";
      if (!bar.getStyleClass().contains(style)) {
        bar.getStyleClass().setAll(style);
      }
      double w = Math.max(1, 70 * r.share());
      bar.setMinWidth(w);
      bar.setPrefWidth(w);
      bar.setMaxWidth(w);
      rest.setMinWidth(70 - w);
      rest.setPrefWidth(70 - w);
      pct.setText(r.shareText());
      setGraphic(box);
    }
  }
}
