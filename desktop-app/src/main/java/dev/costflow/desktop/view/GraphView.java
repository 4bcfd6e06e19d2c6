package dev.costflow.desktop.view;

import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.graph.GraphLayout;
import dev.costflow.desktop.vm.Labels;
import dev.costflow.desktop.vm.MainViewModel;
import dev.costflow.desktop.vm.Selection;
import dev.costflow.model.Period;
import dev.costflow.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.scene.transform.Scale;

/** Draws the laid-out architecture graph; clicking a service or a call selects it. */
final class GraphView extends StackPane {
  private final MainViewModel vm;
  private final Pane canvas = new Pane();
  private final Scale scale = new Scale(1, 1, 0, 0);
  private final ScrollPane scroll;
  private final Label legend = new Label();
  private GraphLayout layout;
  private double zoom = 1;
  private boolean userZoom;

  GraphView(MainViewModel vm) {
    this.vm = vm;
    getStyleClass().add("graph");
    canvas.getStyleClass().add("graph-canvas");
    canvas.getTransforms().add(scale);
    StackPane centred = new StackPane(new Group(canvas));
    centred.getStyleClass().add("graph-canvas");
    scroll = new ScrollPane(centred);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.getStyleClass().add("graph-scroll");
    scroll.setPannable(true);
    scroll.viewportBoundsProperty().addListener((o, a, b) -> fit());
    scroll.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
      if (e.isControlDown() && layout != null) {
        userZoom = true;
        setZoom(zoom * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
        e.consume();
      }
    });
    BorderPane frame = new BorderPane(scroll);
    frame.setTop(legendBar());
    getChildren().add(frame);
    vm.evaluation().addListener((o, a, b) -> redraw());
    vm.selection().addListener((o, a, b) -> select(b));
  }

  /** A strip above the graph: what the colours and labels mean, and a button to fit the graph. */
  private HBox legendBar() {
    Region bar = new Region();
    bar.setPrefSize(110, 8);
    bar.setMaxSize(110, 8);
    bar.setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
        new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, new Stop(0, Heat.fill(0)), new Stop(0.35, Heat.fill(0.35)), new Stop(0.7, Heat.fill(0.7)), new Stop(1, Heat.fill(1))),
        new javafx.scene.layout.CornerRadii(3), Insets.EMPTY)));
    Label title = new Label("Architecture");
    title.getStyleClass().add("panel-title");
    Label low = new Label("cost: low");
    Label high = new Label("high");
    legend.setText("·  labels: calls per period  ·  Ctrl + wheel: zoom, drag: pan");
    Region spacer = new Region();
    HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.control.Button fitButton = new javafx.scene.control.Button("Fit");
    fitButton.setId("graph-fit");
    fitButton.setOnAction(e -> fitToView());
    fitButton.disableProperty().bind(vm.hasModel().not());
    HBox row = new HBox(8, title, low, bar, high, legend, spacer, fitButton);
    for (javafx.scene.Node n : List.of(low, high, legend)) {
      n.getStyleClass().add("legend-text");
    }
    row.setAlignment(Pos.CENTER_LEFT);
    row.setPadding(new Insets(3, 8, 3, 10));
    row.getStyleClass().add("graph-bar");
    return row;
  }

  /** Fits the whole graph in view (until the user zooms with Ctrl + scroll). */
  void fitToView() {
    userZoom = false;
    fit();
  }

  private void fit() {
    if (layout == null || userZoom) {
      return;
    }
    double vw = scroll.getViewportBounds().getWidth();
    double vh = scroll.getViewportBounds().getHeight();
    if (vw <= 0 || vh <= 0) {
      return;
    }
    setZoom(Math.max(0.5, Math.min(1.25, Math.min((vw - 8) / layout.width(), (vh - 8) / layout.height()))));
  }

  private void setZoom(double z) {
    zoom = Math.max(0.2, Math.min(3, z));
    scale.setX(zoom);
    scale.setY(zoom);
  }

  /** The drawn parts of one service, kept to update them in place. */
  private record NodeView(StackPane box, Label name, Label kind, Label cost, Tooltip tip, String[] style) {}

  /** The drawn parts of one call. */
  private record EdgeView(Path path, Polygon arrow, Label label) {}

  private final Map<String, NodeView> nodeViews = new HashMap<>();
  private final Map<String, EdgeView> edgeViews = new HashMap<>();

  private static String key(String from, int index) {
    return from + "#" + index;
  }

  /**
   * Draws the evaluation. When only costs changed (the usual edit), the boxes and calls already
   * drawn are updated in place — texts, colours, widths — instead of being built again, so the
   * UI thread does little per slider step.
   */
  private void redraw() {
    Evaluation.Valid ev = vm.evaluation().get();
    if (ev == null) {
      canvas.getChildren().clear();
      nodeViews.clear();
      edgeViews.clear();
      layout = null;
      return;
    }
    GraphLayout next = ev.layout();
    boolean same = next.sameGeometry(layout) && nodeViews.size() == next.nodes().size();
    layout = next;
    Period period = ev.model().period();
    double maxCalls = layout.edges().stream().mapToDouble(GraphLayout.Edge::calls).max().orElse(1);
    if (!same) {
      canvas.getChildren().clear();
      nodeViews.clear();
      edgeViews.clear();
      canvas.setPrefSize(layout.width(), layout.height());
      canvas.setMinSize(layout.width(), layout.height());
      for (GraphLayout.Edge e : layout.edges()) {
        drawEdge(e);
      }
      for (GraphLayout.Node n : layout.nodes()) {
        drawNode(n);
      }
    }
    for (GraphLayout.Edge e : layout.edges()) {
      EdgeView v = edgeViews.get(key(e.from(), e.callIndex()));
      setText(v.label(), Labels.calls(e.calls(), period));
      double weight = 1.2 + 3.0 * Math.log10(1 + e.calls()) / Math.log10(2 + maxCalls);
      if (v.path().getStrokeWidth() != weight) {
        v.path().setStrokeWidth(weight);
      }
    }
    for (GraphLayout.Node n : layout.nodes()) {
      update(ev, n, nodeViews.get(n.id()));
    }
    if (!same) {
      fit();
      canvas.applyCss();
      layout();
    }
    select(vm.selection().get());
  }

  private Selection shownSelection = Selection.NONE;

  /** Moves the selection highlight (no redraw). */
  private void select(Selection sel) {
    highlight(shownSelection, false);
    highlight(sel, true);
    if (!sel.equals(shownSelection) && sel instanceof Selection.OfService s && nodeViews.containsKey(s.id())) {
      reveal(nodeViews.get(s.id()).box());
    }
    shownSelection = sel;
  }

  /** Scrolls so that a service is in view (when the graph is larger than the window). */
  private void reveal(javafx.scene.Node n) {
    javafx.geometry.Bounds content = scroll.getContent().getLayoutBounds();
    javafx.geometry.Bounds view = scroll.getViewportBounds();
    javafx.geometry.Bounds b = scroll.getContent().sceneToLocal(n.localToScene(n.getLayoutBounds()));
    if (b == null || content.getWidth() <= view.getWidth() && content.getHeight() <= view.getHeight()) {
      return;
    }
    double extraW = content.getWidth() - view.getWidth();
    double extraH = content.getHeight() - view.getHeight();
    double left = scroll.getHvalue() * Math.max(0, extraW);
    double top = scroll.getVvalue() * Math.max(0, extraH);
    if (extraW > 0 && (b.getMinX() < left || b.getMaxX() > left + view.getWidth())) {
      scroll.setHvalue(Math.max(0, Math.min(1, (b.getMinX() + b.getWidth() / 2 - view.getWidth() / 2) / extraW)));
    }
    if (extraH > 0 && (b.getMinY() < top || b.getMaxY() > top + view.getHeight())) {
      scroll.setVvalue(Math.max(0, Math.min(1, (b.getMinY() + b.getHeight() / 2 - view.getHeight() / 2) / extraH)));
    }
  }

  private void highlight(Selection sel, boolean on) {
    if (sel instanceof Selection.OfService s && nodeViews.containsKey(s.id())) {
      mark(nodeViews.get(s.id()).box(), on);
    } else if (sel instanceof Selection.OfCall c && edgeViews.containsKey(key(c.from(), c.index()))) {
      EdgeView v = edgeViews.get(key(c.from(), c.index()));
      mark(v.path(), on);
      mark(v.arrow(), on);
      mark(v.label(), on);
    }
  }

  private static void mark(javafx.scene.Node n, boolean on) {
    if (on && !n.getStyleClass().contains("selected")) {
      n.getStyleClass().add("selected");
    } else if (!on) {
      n.getStyleClass().remove("selected");
    }
  }

  private static void setText(Label l, String text) {
    if (!text.equals(l.getText())) {
      l.setText(text);
    }
  }

  private void drawNode(GraphLayout.Node n) {
    Label name = new Label(n.id());
    name.getStyleClass().add("node-name");
    Label kind = new Label();
    kind.getStyleClass().add("node-kind");
    Label cost = new Label();
    cost.getStyleClass().add("node-cost");
    for (Label l : List.of(name, kind, cost)) {
      l.setMaxWidth(n.w() - 20);
    }
    name.setMaxWidth(n.w() - 56);
    Label badge = new Label(Labels.badge(n.type()));
    badge.getStyleClass().add("node-badge");
    VBox text = new VBox(1, name, kind, cost);
    text.setAlignment(Pos.CENTER_LEFT);
    StackPane box = new StackPane(text, badge);
    StackPane.setAlignment(badge, Pos.TOP_RIGHT);
    StackPane.setAlignment(text, Pos.CENTER_LEFT);
    box.setPadding(new Insets(6, 8, 6, 12));
    box.getStyleClass().add("graph-node");
    box.setId("node-" + safeId(n.id()));
    box.setLayoutX(n.x());
    box.setLayoutY(n.y());
    box.setPrefSize(n.w(), n.h());
    box.setMinSize(n.w(), n.h());
    box.setMaxSize(n.w(), n.h());
    Tooltip tip = new Tooltip();
    Tooltip.install(box, tip);
    box.setOnMouseClicked(e -> vm.select(new Selection.OfService(n.id())));
    canvas.getChildren().add(box);
    nodeViews.put(n.id(), new NodeView(box, name, kind, cost, tip, new String[2]));
  }

  private void update(Evaluation.Valid ev, GraphLayout.Node n, NodeView v) {
    Service s = ev.model().service(n.id()).orElseThrow();
    setText(v.kind(), Labels.short_(s));
    setText(v.cost(), Labels.usd(n.costUsd()) + "  ·  " + Labels.percent(n.share()));
    String fill = "-fx-background-color: " + Heat.css(Heat.fill(n.heat())) + ";";
    if (!fill.equals(v.style()[0])) {
      v.style()[0] = fill;
      v.box().setStyle(fill);
    }
    // inline style: the stylesheet would override a plain setTextFill
    String ink = "-fx-text-fill: " + Heat.css(Heat.text(n.heat())) + ";";
    if (!ink.equals(v.style()[1])) {
      v.style()[1] = ink;
      for (Label l : List.of(v.name(), v.kind(), v.cost())) {
        l.setStyle(ink);
      }
    }
    v.tip().setText(n.id() + " (" + s.type() + ")\n" + Labels.usd(n.costUsd()) + " " + Labels.per(ev.model().period()) + "\n"
        + dev.costflow.reports.Format.count(n.calls()) + " calls in");
  }

  private void drawEdge(GraphLayout.Edge e) {
    List<GraphLayout.Point> pts = e.points();
    Path path = new Path();
    path.getElements().add(new MoveTo(pts.get(0).x(), pts.get(0).y()));
    if (e.back()) {
      GraphLayout.Point a = pts.get(0);
      GraphLayout.Point mid = pts.get(1);
      GraphLayout.Point b = pts.get(2);
      path.getElements().add(new CubicCurveTo(a.x(), mid.y(), b.x(), mid.y(), b.x(), b.y()));
    } else {
      for (int i = 1; i < pts.size(); i++) {
        GraphLayout.Point a = pts.get(i - 1);
        GraphLayout.Point b = pts.get(i);
        double dx = (b.x() - a.x()) / 2;
        path.getElements().add(new CubicCurveTo(a.x() + dx, a.y(), b.x() - dx, b.y(), b.x(), b.y()));
      }
    }
    path.getStyleClass().add("graph-edge");
    path.setFill(null);
    path.setMouseTransparent(true);
    // A wide invisible twin takes the clicks.
    Path hit = new Path(path.getElements());
    hit.setStrokeWidth(12);
    hit.setStroke(Color.TRANSPARENT);
    hit.setFill(null);
    hit.setId("edge-" + safeId(e.from()) + "-" + e.callIndex());
    hit.setOnMouseClicked(ev -> vm.select(new Selection.OfCall(e.from(), e.callIndex())));
    hit.setCursor(javafx.scene.Cursor.HAND);
    GraphLayout.Point end = pts.get(pts.size() - 1);
    Polygon arrow = e.back()
        ? new Polygon(end.x(), end.y(), end.x() - 5, end.y() + 9, end.x() + 5, end.y() + 9)
        : new Polygon(end.x(), end.y(), end.x() - 9, end.y() - 5, end.x() - 9, end.y() + 5);
    arrow.getStyleClass().add("graph-arrow");
    Label label = new Label();
    label.getStyleClass().add("edge-label");
    label.setId("edge-label-" + safeId(e.from()) + "-" + e.callIndex());
    label.setOnMouseClicked(ev -> vm.select(new Selection.OfCall(e.from(), e.callIndex())));
    label.layoutXProperty().bind(label.widthProperty().divide(-2).add(e.label().x()));
    label.layoutYProperty().bind(label.heightProperty().divide(-2).add(e.label().y()));
    canvas.getChildren().addAll(path, arrow, hit, label);
    edgeViews.put(key(e.from(), e.callIndex()), new EdgeView(path, arrow, label));
  }

  static String safeId(String s) {
    return s.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
