package dev.costflow.desktop.view;

import dev.costflow.desktop.core.Evaluation;
import dev.costflow.desktop.vm.CurveViewModel;
import dev.costflow.desktop.vm.MainViewModel;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** The period's cost per hour or per day. */
final class CurveView extends BorderPane {
  private final NumberAxis x = new NumberAxis();
  private final NumberAxis y = new NumberAxis();
  private final AreaChart<Number, Number> chart = new AreaChart<>(x, y);
  private final Label title = new Label();
  private List<String> dayLabels = List.of();

  CurveView(MainViewModel vm) {
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
        return v >= 100 ? String.format(Locale.US, "$%,.0f", v) : v >= 1 ? String.format(Locale.US, "$%.2f", v) : String.format(Locale.US, "$%.3f", v);
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
    CheckBox bands = new CheckBox("p5–p95");
    bands.setDisable(true);
    bands.setTooltip(new Tooltip("Simulation bands need the simulator (costflow simulate), which this build does not include."));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    title.getStyleClass().add("panel-title");
    HBox bar = new HBox(10, title, spacer, hourly, daily, bands);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 0, 8));
    setTop(bar);
    setCenter(chart);
    chart.setVisible(false);
    vm.evaluation().addListener((o, a, ev) -> show(ev, vm.hourlyCurve().get()));
  }

  private void show(Evaluation.Valid ev, boolean hourly) {
    chart.getData().clear();
    chart.setVisible(ev != null);
    if (ev == null) {
      title.setText("");
      return;
    }
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
}
