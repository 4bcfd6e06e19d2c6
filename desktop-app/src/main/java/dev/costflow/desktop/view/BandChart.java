package dev.costflow.desktop.view;

import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.Axis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;

/**
 * An area chart with an optional band drawn behind its series: the region between a lower and an
 * upper curve over the same x values (the p5–p95 of the simulated cost). The y axis, when it
 * ranges itself, takes the band into account. Only draws: the values come from the view model.
 */
final class BandChart extends AreaChart<Number, Number> {
  private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
  private final Path band = new Path();
  private double[] bx;
  private double[] lo;
  private double[] hi;

  BandChart(NumberAxis x, NumberAxis y) {
    super(x, y);
    band.setId("sim-band");
    band.getStyleClass().add("sim-band");
    band.setManaged(false);
    band.setVisible(false);
    getPlotChildren().add(0, band);
  }

  /** The band to draw from the next layout on; set it before the series so the axis range includes it. */
  void setBand(double[] x, double[] lower, double[] upper) {
    bx = x;
    lo = lower;
    hi = upper;
    requestChartLayout();
  }

  /** Greys the band (the {@code :stale} pseudo-class of {@code .sim-band}). */
  void setBandStale(boolean stale) {
    band.pseudoClassStateChanged(STALE, stale);
  }

  void clearBand() {
    bx = null;
    lo = null;
    hi = null;
    band.getElements().clear();
    band.setVisible(false);
    requestChartLayout();
  }

  /** The path drawn (for tests and tooltips). */
  Path bandPath() {
    return band;
  }

  @Override
  protected void updateAxisRange() {
    super.updateAxisRange();
    Axis<Number> ya = getYAxis();
    if (hi != null && ya.isAutoRanging()) {
      List<Number> ys = new ArrayList<>();
      for (Series<Number, Number> s : getData()) {
        for (Data<Number, Number> d : s.getData()) {
          ys.add(d.getYValue());
        }
      }
      for (int i = 0; i < hi.length; i++) {
        ys.add(hi[i]);
        ys.add(lo[i]);
      }
      ya.invalidateRange(ys);
    }
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    band.getElements().clear();
    if (bx == null || bx.length == 0) {
      band.setVisible(false);
      return;
    }
    Axis<Number> xa = getXAxis();
    Axis<Number> ya = getYAxis();
    band.getElements().add(new MoveTo(xa.getDisplayPosition(bx[0]), ya.getDisplayPosition(hi[0])));
    for (int i = 1; i < bx.length; i++) {
      band.getElements().add(new LineTo(xa.getDisplayPosition(bx[i]), ya.getDisplayPosition(hi[i])));
    }
    for (int i = bx.length - 1; i >= 0; i--) {
      band.getElements().add(new LineTo(xa.getDisplayPosition(bx[i]), ya.getDisplayPosition(lo[i])));
    }
    band.getElements().add(new ClosePath());
    band.setVisible(true);
    band.toBack();
  }
}
