package dev.costflow.desktop.view;

import dev.costflow.desktop.core.CostBands;
import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.vm.BandsViewModel;
import dev.costflow.desktop.vm.CurveViewModel;
import dev.costflow.desktop.vm.MainViewModel;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;

/** The period's cost per hour or per day, with the optional p5–p95 band of simulated runs behind it. */
final class CurveView extends BorderPane {
  private final NumberAxis x = new NumberAxis();
  private final NumberAxis y = new NumberAxis();
  private final BandChart chart = new BandChart(x, y);
  private final Label title = new Label();
  private final Label bandLegend = new Label();
  private final Label bandDetail = new Label();
  private final FlowPane legend;
  private final Tooltip bandTip = new Tooltip();
  private final MainViewModel vm;
  private List<String> dayLabels = List.of();
  private Optional<CurveViewModel.Band> shown = Optional.empty();

  CurveView(MainViewModel vm) {
    this.vm = vm;
    getStyleClass().add("curve");
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setLegendVisible(false);
    chart.setId("cost-curve");
    x.setAutoRanging(false);
    x.setMinorTickVisible(false);
    y.setForceZeroInRange(true);
    x.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        int d = (int) Math.round(n.doubleValue());
        return d >= 0 && d < dayLabels.size() && Math.abs(n.doubleValue() - d) < 1e-6 ? dayLabels.get(d) : "";
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    y.setTickLabelFormatter(new StringConverter<>() {
      @Override
      public String toString(Number n) {
        double v = n.doubleValue();
        return CurveViewModel.yLabel(v, y.getTickUnit());
      }

      @Override
      public Number fromString(String s) {
        return 0;
      }
    });
    ToggleGroup g = new ToggleGroup();
    RadioButton hourly = new RadioButton("Hourly");
    RadioButton daily = new RadioButton("Daily");
    hourly.setToggleGroup(g);
    daily.setToggleGroup(g);
    hourly.setSelected(vm.hourlyCurve().get());
    daily.setSelected(!vm.hourlyCurve().get());
    hourly.selectedProperty().addListener((o, a, b) -> vm.hourlyCurve().set(b));
    vm.hourlyCurve().addListener((o, a, b) -> {
      hourly.setSelected(b);
      daily.setSelected(!b);
      show(vm.evaluation().get(), b);
    });
    BandsViewModel bvm = vm.bands();
    CheckBox bands = new CheckBox("p5–p95");
    bands.setId("bands-toggle");
    bands.selectedProperty().bindBidirectional(bvm.enabled());
    bands.setTooltip(new Tooltip("Simulate the model " + bvm.runs() + " times (the engine of costflow simulate, a fixed seed) and draw the 5th to 95th\n"
        + "percentile of each hour's or day's cost behind the estimate. Simulated again after every change."));
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(14, 14);
    Label simulating = new Label("simulating…");
    simulating.setId("bands-simulating");
    simulating.getStyleClass().add("muted");
    simulating.setGraphic(spinner);
    simulating.visibleProperty().bind(bvm.simulating());
    simulating.managedProperty().bind(bvm.simulating());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    title.getStyleClass().add("panel-title");
    HBox bar = new HBox(10, title, spacer, simulating, hourly, daily, bands);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 0, 8));
    setTop(bar);
    setCenter(chart);

    // The legend under the chart while a band is drawn: estimate line, band swatch, its width.
    Line estimateKey = new Line(0, 0, 16, 0);
    estimateKey.getStyleClass().add("estimate-key");
    Label estimateLegend = new Label("estimate", estimateKey);
    estimateLegend.setMinWidth(Region.USE_PREF_SIZE);
    bandLegend.setMinWidth(Region.USE_PREF_SIZE);
    Rectangle swatch = new Rectangle(16, 10);
    swatch.getStyleClass().add("sim-band-key");
    bandLegend.setGraphic(swatch);
    bandLegend.setId("bands-legend");
    bandDetail.setId("bands-detail");
    bandDetail.getStyleClass().add("muted");
    bandDetail.setMinWidth(0);
    legend = new FlowPane(12, 2, estimateLegend, bandLegend, bandDetail);
    legend.setId("curve-legend");
    legend.getStyleClass().add("curve-legend");
    legend.setAlignment(Pos.CENTER_LEFT);
    legend.setPadding(new Insets(0, 8, 4, 48));
    legend.setVisible(false);
    legend.setManaged(false);
    setBottom(legend);
    Tooltip.install(chart.bandPath(), bandTip);

    chart.setVisible(false);
    vm.evaluation().addListener((o, a, ev) -> show(ev, vm.hourlyCurve().get()));
    bvm.bands().addListener((o, a, b) -> show(vm.evaluation().get(), vm.hourlyCurve().get()));
    bvm.stale().addListener((o, a, b) -> styleBand());
  }

  private void show(Evaluation.Valid ev, boolean hourly) {
    chart.getData().clear();
    chart.setVisible(ev != null);
    if (ev == null) {
      title.setText("");
      showBand(Optional.empty());
      return;
    }
    CostBands b = vm.bands().bands().get();
    showBand(b == null ? Optional.empty() : CurveViewModel.band(b, ev.curve(), hourly));
    CurveViewModel.Series s = CurveViewModel.series(ev.curve(), hourly);
    dayLabels = s.dayLabels();
    title.setText(s.title());
    y.setLabel(s.yTitle());
    x.setLowerBound(0);
    x.setUpperBound(s.xMax());
    int days = dayLabels.size();
    x.setTickUnit(days <= 10 ? 1 : days <= 20 ? 2 : days <= 40 ? 5 : Math.ceil(days / 8.0));
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    double[] xs = s.x();
    double[] ys = s.y();
    for (int i = 0; i < xs.length; i++) {
      series.getData().add(new XYChart.Data<>(xs[i], ys[i]));
    }
    chart.getData().add(series);
  }

  /** Draws the band (before the series are added, so that the axis range includes it), or none. */
  private void showBand(Optional<CurveViewModel.Band> band) {
    shown = band;
    chart.getStyleClass().remove("with-band");
    if (band.isEmpty()) {
      chart.clearBand();
      legend.setVisible(false);
      legend.setManaged(false);
      return;
    }
    CurveViewModel.Band b = band.get();
    chart.getStyleClass().add("with-band");
    chart.setBand(b.x(), b.p5(), b.p95());
    bandLegend.setText(b.legend());
    legend.setVisible(true);
    legend.setManaged(true);
    styleBand();
  }

  /** Greys the band while it is of an earlier version of the model (no redraw: only its style and text change). */
  private void styleBand() {
    boolean stale = vm.bands().stale().get();
    chart.setBandStale(stale);
    shown.ifPresent(b -> {
      bandDetail.setText(stale ? "of the previous version; simulating the new one…" : b.detail());
      bandTip.setText(stale ? b.legend() + " of the previous version of the model" : b.legend() + "\n" + b.detail());
    });
  }
}
