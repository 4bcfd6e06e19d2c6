package dev.costflow.desktop.view;

import dev.costflow.desktop.vm.FieldViewModel;
import dev.costflow.desktop.vm.InspectorViewModel;
import dev.costflow.desktop.vm.MainViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The inspector panel: draws the fields of {@link InspectorViewModel}; no logic of its own. */
final class InspectorView extends ScrollPane {
  private final InspectorViewModel vm;
  private final VBox content = new VBox(8);
  private final VBox facts = new VBox(2);
  private final VBox links = new VBox(0);
  private final VBox groups = new VBox(10);
  private final Label hint = new Label();
  private final Button addTraffic = new Button("Add traffic");

  InspectorView(MainViewModel main) {
    this.vm = main.inspector();
    getStyleClass().add("inspector");
    setFitToWidth(true);
    setHbarPolicy(ScrollBarPolicy.NEVER);
    Label title = new Label();
    title.getStyleClass().add("inspector-title");
    title.textProperty().bind(vm.title());
    title.setWrapText(true);
    Label subtitle = new Label();
    subtitle.getStyleClass().add("inspector-subtitle");
    subtitle.textProperty().bind(vm.subtitle());
    subtitle.setWrapText(true);
    hint.textProperty().bind(vm.hint());
    hint.getStyleClass().add("inspector-hint");
    hint.setWrapText(true);
    addTraffic.setId("add-traffic");
    addTraffic.setOnAction(e -> vm.addTraffic());
    addTraffic.visibleProperty().bind(vm.canAddTraffic());
    addTraffic.managedProperty().bind(vm.canAddTraffic());
    content.getChildren().addAll(title, subtitle, facts, links, groups);
    content.setPadding(new Insets(12));
    setContent(content);
    vm.groups().addListener((ListChangeListener<InspectorViewModel.Group>) c -> rebuild());
    vm.facts().addListener((ListChangeListener<InspectorViewModel.Fact>) c -> rebuildFacts());
    vm.links().addListener((ListChangeListener<InspectorViewModel.Link>) c -> rebuildLinks(main));
    rebuild();
  }

  private void rebuildFacts() {
    GridPane g = new GridPane();
    g.setHgap(8);
    g.setVgap(1);
    int r = 0;
    for (InspectorViewModel.Fact f : vm.facts()) {
      Label k = new Label(f.label());
      k.getStyleClass().add("fact-key");
      Label v = new Label(f.value());
      v.getStyleClass().add("fact-value");
      v.setWrapText(true);
      g.addRow(r++, k, v);
    }
    facts.getChildren().setAll(g);
  }

  private void rebuildLinks(MainViewModel main) {
    links.getChildren().clear();
    for (InspectorViewModel.Link l : vm.links()) {
      Hyperlink h = new Hyperlink(l.text());
      h.getStyleClass().add("inspector-link");
      h.setOnAction(e -> main.select(l.target()));
      links.getChildren().add(h);
    }
  }

  private void rebuild() {
    groups.getChildren().clear();
    if (vm.groups().isEmpty()) {
      groups.getChildren().add(hint);
      return;
    }
    for (InspectorViewModel.Group g : vm.groups()) {
      Label head = new Label(g.title());
      head.getStyleClass().add("group-title");
      GridPane grid = new GridPane();
      grid.setHgap(8);
      grid.setVgap(4);
      ColumnConstraints c0 = new ColumnConstraints();
      c0.setMinWidth(96);
      c0.setPrefWidth(112);
      ColumnConstraints c1 = new ColumnConstraints();
      c1.setHgrow(Priority.ALWAYS);
      c1.setFillWidth(true);
      grid.getColumnConstraints().addAll(c0, c1);
      int row = 0;
      for (FieldViewModel f : g.fields()) {
        Label label = new Label(f.label());
        label.getStyleClass().add("field-label");
        label.setWrapText(true);
        if (!f.help().isEmpty()) {
          label.setTooltip(new Tooltip(f.help()));
        }
        grid.add(label, 0, row);
        grid.add(control(f), 1, row);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        row++;
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(f.error());
        error.visibleProperty().bind(f.error().isNotEmpty());
        error.managedProperty().bind(f.error().isNotEmpty());
        error.setId("error-" + GraphView.safeId(f.id()));
        grid.add(error, 0, row, 2, 1);
        row++;
      }
      VBox box = new VBox(4, head, grid);
      if (g.title().equals("Traffic")) {
        box.getChildren().add(addTraffic); // shown when the service has none
      }
      groups.getChildren().add(box);
    }
  }

  private Node control(FieldViewModel f) {
    String id = "field-" + GraphView.safeId(f.id());
    switch (f.editor()) {
      case INFO -> {
        Label l = new Label();
        l.textProperty().bind(f.text());
        l.setWrapText(true);
        l.getStyleClass().add("field-info");
        return l;
      }
      case CHOICE -> {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(f.choices());
        box.setValue(f.text().get().isEmpty() ? null : f.text().get());
        box.setPromptText(f.placeholder());
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().addListener((o, a, b) -> {
          if (b != null && !b.equals(f.text().get())) {
            f.text().set(b);
            f.endGesture();
          }
        });
        f.text().addListener((o, a, b) -> box.setValue(b == null || b.isEmpty() ? null : b));
        if (!f.help().isEmpty()) {
          box.setTooltip(new Tooltip(f.help()));
        }
        return box;
      }
      default -> {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(f.text());
        field.setPromptText(f.placeholder());
        field.focusedProperty().addListener((o, a, focused) -> {
          if (!focused) {
            f.endGesture();
          }
        });
        field.setOnAction(e -> f.endGesture());
        if (!f.help().isEmpty()) {
          field.setTooltip(new Tooltip(f.help()));
        }
        if (f.slider().isEmpty()) {
          field.setMaxWidth(Double.MAX_VALUE);
          return field;
        }
        FieldViewModel.SliderSpec spec = f.slider().get();
        Slider slider = new Slider(spec.sliderMin(), spec.sliderMax(), f.sliderValue().get());
        slider.setId("slider-" + GraphView.safeId(f.id()));
        slider.valueProperty().bindBidirectional(f.sliderValue());
        slider.setOnMouseReleased(e -> f.endGesture());
        slider.valueChangingProperty().addListener((o, a, changing) -> {
          if (!changing) {
            f.endGesture();
          }
        });
        HBox.setHgrow(slider, Priority.ALWAYS);
        field.setPrefColumnCount(7);
        field.setMinWidth(78);
        field.setMaxWidth(96);
        HBox row = new HBox(6, slider, field);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
      }
    }
  }
}
