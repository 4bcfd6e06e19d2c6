package dev.costflow.reports;

import dev.costflow.reports.CostTrends.Anomaly;
import dev.costflow.reports.CostTrends.AnomalyDriver;
import dev.costflow.reports.CostTrends.MonthToDate;
import dev.costflow.reports.CostTrends.Mover;
import dev.costflow.reports.CostTrends.Trends;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The daily cost dashboard as one self-contained HTML file: inline CSS and SVG, no script, no
 * font, image or request of any kind (its Content-Security-Policy forbids them), so it opens the
 * same from a file:// URL, an e-mail attachment or a CI artifact. Service and usage-type names
 * come from bills and are HTML-escaped everywhere, SVG tooltips included.
 */
public final class DashboardHtml {
  /** Colours of the stacked services (Okabe–Ito, readable with colour-blindness), then grey for "other". */
  static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"};

  static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private DashboardHtml() {}

  /**
   * What the page says about itself.
   *
   * @param title page title, e.g. "Daily cost"
   * @param source where the data came from, e.g. "billing store ~/.costflow/costflow.duckdb"
   * @param generatedAt when the page was made (shown as is), e.g. "2025-11-24 08:00 UTC"
   */
  public record Meta(String title, String source, String generatedAt) {
    public Meta {
      Objects.requireNonNull(title);
      Objects.requireNonNull(source);
      Objects.requireNonNull(generatedAt);
    }
  }

  public static String render(Trends t, Optional<ModeledVsActual.Comparison> modeled, Meta meta) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"generator\" content=\"costflow dashboard\">\n")
        .append("<title>").append(h(meta.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    b.append("<header>\n<h1>").append(h(meta.title())).append("</h1>\n<p class=\"sub\">");
    if (t.isEmpty()) {
      b.append("No billing data").append(" · ").append(h(meta.source()));
    } else {
      b.append(h(t.firstDay().toString())).append(" – ").append(h(t.lastDay().toString())).append(" (").append(t.days().size()).append(" days, UTC) · ")
          .append(t.services().size()).append(t.services().size() == 1 ? " service" : " services").append(" · billed cost in USD · ").append(h(meta.source()));
    }
    b.append("</p>\n</header>\n");
    if (t.isEmpty()) {
      b.append("<section class=\"empty\" id=\"empty\"><h2>No billing data to show</h2><p>Import a bill first, e.g. <code>costflow import focus FILE.csv</code>, ")
          .append("<code>costflow import cur PATH</code> or <code>costflow import ce --start DATE --end DATE</code>, then run <code>costflow dashboard</code> again.</p></section>\n");
      footer(b, meta);
      return b.toString();
    }
    kpis(b, t);
    chart(b, t);
    anomalies(b, t);
    movers(b, t);
    modeled.ifPresent(m -> modeled(b, m));
    methods(b, t);
    footer(b, meta);
    return b.toString();
  }

  // ------------------------------------------------------------------ key figures

  private static void kpis(StringBuilder b, Trends t) {
    b.append("<section class=\"kpis\" id=\"kpis\">\n");
    Optional<MonthToDate> m = t.monthToDate();
    if (m.isPresent()) {
      MonthToDate x = m.get();
      String month = x.month().getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + x.month().getYear();
      kpi(b, "mtd", "Month to date · " + month, Format.usd(x.monthToDateUsd()), "day " + x.daysWithData() + " of " + x.daysInMonth());
      if (x.complete()) {
        kpi(b, "forecast", "Month-end", Format.usd(x.monthToDateUsd()), "the month is complete");
      } else {
        kpi(b, "forecast", "Forecast month-end", usd(x.forecastUsd()),
            Math.round(x.confidence() * 100) + " % interval " + usd(x.lowUsd()) + " – " + usd(x.highUsd()));
      }
    }
    int n = t.days().size();
    if (n >= 14) {
      BigDecimal last = CostTrends.sum(t.dailyTotal(), n - 7, n);
      BigDecimal prev = CostTrends.sum(t.dailyTotal(), n - 14, n - 7);
      String vs = prev.signum() == 0 ? "the 7 days before: $0.00"
          : DiffReports.percent(last.subtract(prev).multiply(BigDecimal.valueOf(100)).divide(prev, java.math.MathContext.DECIMAL64)) + " vs the 7 days before (" + Format.usd(prev) + ")";
      kpi(b, "week", "Last 7 days", Format.usd(last), vs);
    } else {
      kpi(b, "week", "Total shown", Format.usd(t.totalUsd()), n + " days");
    }
    List<Anomaly> an = t.anomalies();
    String latest = an.isEmpty() ? "none found" : "latest " + an.get(an.size() - 1).day() + " (" + signedUsd(an.get(an.size() - 1).differenceUsd()) + ")";
    kpi(b, "anomalies-count", "Anomalies", Integer.toString(an.size()), latest);
    b.append("</section>\n");
  }

  private static void kpi(StringBuilder b, String id, String label, String value, String note) {
    b.append("<div class=\"kpi\" id=\"kpi-").append(id).append("\"><div class=\"label\">").append(h(label)).append("</div><div class=\"value\">")
        .append(h(value)).append("</div><div class=\"note\">").append(h(note)).append("</div></div>\n");
  }

  // ------------------------------------------------------------------ the chart

  static final int W = 1000;
  static final int H = 380;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 16;
  static final int BOTTOM = 36;

  private static void chart(StringBuilder b, Trends t) {
    int n = t.days().size();
    MonthToDate m = t.monthToDate().orElse(null);
    int extra = m == null ? 0 : m.dailyForecast().length;
    int slots = n + extra;
    // stacked series: the biggest services, then "other"
    int shown = Math.min(t.services().size(), t.services().size() > 7 + 1 ? 7 : 8);
    List<String> names = new ArrayList<>(t.services().subList(0, shown));
    List<double[]> series = new ArrayList<>();
    for (String s : names) {
      series.add(CostTrends.toDouble(t.dailyByService().get(s)));
    }
    if (t.services().size() > shown) {
      double[] other = new double[n];
      for (String s : t.services().subList(shown, t.services().size())) {
        double[] v = CostTrends.toDouble(t.dailyByService().get(s));
        for (int i = 0; i < n; i++) {
          other[i] += v[i];
        }
      }
      names.add("other (" + (t.services().size() - shown) + " services)");
      series.add(other);
    }
    double[] total = CostTrends.toDouble(t.dailyTotal());
    double max = 0;
    for (double v : total) {
      max = Math.max(max, v);
    }
    if (m != null) {
      for (double v : m.dailyHigh()) {
        max = Math.max(max, v);
      }
    }
    double step = niceStep(max / 5);
    double top = Math.max(step, Math.ceil(max / step) * step);
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    double bw = plotW / slots;

    b.append("<section id=\"trend\">\n<h2>Daily cost by service</h2>\n<figure>\n");
    b.append("<svg id=\"daily-chart\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-labelledby=\"daily-chart-title\">\n");
    b.append("<title id=\"daily-chart-title\">Daily billed cost per service, stacked, with the 7-day moving average")
        .append(m != null && extra > 0 ? " and the forecast of the rest of the month" : "").append("</title>\n");
    // grid and y axis
    b.append("<g class=\"grid\">");
    for (double v = 0; v <= top + step / 2; v += step) {
      double y = TOP + plotH - v / top * plotH;
      b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      b.append("<text class=\"ytick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\">").append(h(axisUsd(v, step))).append("</text>");
    }
    b.append("</g>\n");
    // x ticks: Mondays for up to ~4 months, else the first of each month
    b.append("<g class=\"xaxis\">");
    for (int i = 0; i < slots; i++) {
      LocalDate d = t.firstDay().plusDays(i);
      boolean tick = slots <= 120 ? d.getDayOfWeek().getValue() == 1 : d.getDayOfMonth() == 1;
      if (tick) {
        double x = LEFT + (i + 0.5) * bw;
        b.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(f(TOP + plotH)).append("\" y2=\"").append(f(TOP + plotH + 4)).append("\"/>");
        b.append("<text class=\"xtick\" x=\"").append(f(x)).append("\" y=\"").append(f(TOP + plotH + 18)).append("\">")
            .append(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.US)).append(' ').append(d.getDayOfMonth()).append("</text>");
      }
    }
    b.append("</g>\n");
    // stacked bars
    b.append("<g class=\"bars\">\n");
    for (int i = 0; i < n; i++) {
      double base = 0;
      double x = LEFT + i * bw + bw * 0.12;
      double w = Math.max(0.5, bw * 0.76);
      String day = t.days().get(i).toString();
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s)[i];
        if (v <= 0) {
          continue;
        }
        double y0 = TOP + plotH - (base + v) / top * plotH;
        double hgt = v / top * plotH;
        b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y0)).append("\" width=\"").append(f(w)).append("\" height=\"").append(f(Math.max(hgt, 0.3)))
            .append("\" fill=\"").append(PALETTE[Math.min(s, PALETTE.length - 1)]).append("\"><title>").append(h(day + " · " + names.get(s) + ": " + usd(v)))
            .append("</title></rect>");
        base += v;
      }
      b.append('\n');
    }
    b.append("</g>\n");
    // forecast of the remaining days: band and dashed line
    if (m != null && extra > 0) {
      StringBuilder band = new StringBuilder();
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < extra; k++) {
        double x = LEFT + (n + k + 0.5) * bw;
        band.append(f(x)).append(',').append(f(yOf(m.dailyHigh()[k], top, plotH))).append(' ');
        line.append(f(x)).append(',').append(f(yOf(m.dailyForecast()[k], top, plotH))).append(' ');
      }
      for (int k = extra - 1; k >= 0; k--) {
        double x = LEFT + (n + k + 0.5) * bw;
        band.append(f(x)).append(',').append(f(yOf(m.dailyLow()[k], top, plotH))).append(' ');
      }
      double edge = LEFT + n * bw;
      b.append("<line class=\"edge\" x1=\"").append(f(edge)).append("\" x2=\"").append(f(edge)).append("\" y1=\"").append(TOP).append("\" y2=\"").append(f(TOP + plotH))
          .append("\"/><text class=\"edge-label\" x=\"").append(f(edge + 4)).append("\" y=\"").append(TOP + 10).append("\">forecast</text>\n");
      b.append("<g class=\"forecast\" id=\"forecast\"><polygon class=\"band\" points=\"").append(band.toString().strip()).append("\"><title>")
          .append(h("Forecast of the rest of " + m.month() + ", " + Math.round(m.confidence() * 100) + " % interval per day")).append("</title></polygon>");
      if (extra == 1) {
        double x = LEFT + (n + 0.5) * bw;
        b.append("<circle class=\"fc\" cx=\"").append(f(x)).append("\" cy=\"").append(f(yOf(m.dailyForecast()[0], top, plotH))).append("\" r=\"3\"/>");
      } else {
        b.append("<polyline class=\"fc\" points=\"").append(line.toString().strip()).append("\"/>");
      }
      b.append("</g>\n");
    }
    // 7-day moving average
    StringBuilder ma = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double v = t.movingAverage7()[i];
      if (!Double.isNaN(v)) {
        ma.append(f(LEFT + (i + 0.5) * bw)).append(',').append(f(yOf(v, top, plotH))).append(' ');
      }
    }
    if (ma.length() > 0) {
      b.append("<polyline class=\"ma\" id=\"moving-average\" points=\"").append(ma.toString().strip()).append("\"><title>7-day moving average</title></polyline>\n");
    }
    // anomalies
    b.append("<g class=\"anomaly-marks\">");
    for (Anomaly a : t.anomalies()) {
      int i = t.index(a.day());
      double x = LEFT + (i + 0.5) * bw;
      double y = yOf(total[i], top, plotH) - 8;
      b.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(Math.max(TOP + 4, y))).append("\" r=\"5\"><title>")
          .append(h("Anomaly " + a.day() + ": " + usd(a.actualUsd().doubleValue()) + ", expected " + usd(a.expectedUsd()))).append("</title></circle>");
    }
    b.append("</g>\n");
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"").append(f(TOP + plotH)).append("\" y2=\"").append(f(TOP + plotH)).append("\"/>\n");
    b.append("</svg>\n");
    // legend
    b.append("<figcaption class=\"legend\">");
    for (int s = 0; s < names.size(); s++) {
      b.append("<span class=\"key\"><span class=\"sw\" style=\"background:").append(PALETTE[Math.min(s, PALETTE.length - 1)]).append("\"></span>")
          .append(h(names.get(s))).append("</span>");
    }
    b.append("<span class=\"key\"><span class=\"sw line\"></span>7-day average</span>");
    if (m != null && extra > 0) {
      b.append("<span class=\"key\"><span class=\"sw band\"></span>forecast (").append(Math.round(m.confidence() * 100)).append(" % interval)</span>");
    }
    if (!t.anomalies().isEmpty()) {
      b.append("<span class=\"key\"><span class=\"sw dot\"></span>anomaly</span>");
    }
    b.append("</figcaption>\n</figure>\n");
    m = t.monthToDate().orElse(null);
    if (m != null && !m.complete()) {
      b.append("<p class=\"forecast-text\" id=\"forecast-text\">").append(h(m.month().getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + m.month().getYear()))
          .append(": ").append(h(Format.usd(m.monthToDateUsd()))).append(" billed in the first ").append(m.daysWithData()).append(m.daysWithData() == 1 ? " day" : " days")
          .append("; expected month-end <strong>").append(h(usd(m.forecastUsd()))).append("</strong> (").append(Math.round(m.confidence() * 100))
          .append(" % interval ").append(h(usd(m.lowUsd()))).append(" – ").append(h(usd(m.highUsd()))).append(").</p>\n");
    }
    b.append("</section>\n");
  }

  private static double yOf(double v, double top, double plotH) {
    return TOP + plotH - v / top * plotH;
  }

  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / mag;
    double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    return nice * mag;
  }

  private static String axisUsd(double v, double step) {
    if (v >= 1000 && step >= 100) {
      return "$" + trimNum(v / 1000) + "K";
    }
    return step < 1 ? String.format(Locale.US, "$%.2f", v) : "$" + trimNum(v);
  }

  private static String trimNum(double v) {
    return BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  // ------------------------------------------------------------------ tables

  private static void anomalies(StringBuilder b, Trends t) {
    b.append("<section id=\"anomalies\">\n<h2>Anomalies</h2>\n");
    if (t.anomalies().isEmpty()) {
      b.append("<p class=\"none\">No day is far from its expected level")
          .append(t.days().size() < 8 ? " (anomalies need at least 8 days of data)" : "").append(".</p>\n</section>\n");
      return;
    }
    b.append("<p class=\"hint\">Days far from the level expected for that weekday, newest first, with the service and usage type behind them.</p>\n");
    b.append("<table class=\"data\" id=\"anomaly-table\"><thead><tr><th>Day</th><th class=\"num\">Billed</th><th class=\"num\">Expected</th><th class=\"num\">Difference</th><th class=\"num\">Score</th><th>Drivers</th></tr></thead><tbody>\n");
    List<Anomaly> list = new ArrayList<>(t.anomalies());
    java.util.Collections.reverse(list);
    for (Anomaly a : list.subList(0, Math.min(20, list.size()))) {
      b.append("<tr class=\"").append(a.isSpike() ? "spike" : "drop").append("\"><td>").append(a.day()).append(" <span class=\"dow\">")
          .append(a.day().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US)).append("</span></td><td class=\"num\">").append(h(Format.usd(a.actualUsd())))
          .append("</td><td class=\"num\">").append(h(usd(a.expectedUsd()))).append("</td><td class=\"num delta\">").append(h(signedUsd(a.differenceUsd())))
          .append("</td><td class=\"num\">").append(String.format(Locale.US, "%+.1f", a.score())).append("</td><td><ul class=\"drivers\">");
      for (AnomalyDriver d : a.drivers()) {
        b.append("<li><span class=\"svc\">").append(h(d.service())).append("</span>");
        if (!d.usageType().isBlank()) {
          b.append(" · <span class=\"ut\">").append(h(d.usageType())).append("</span>");
        }
        b.append(' ').append(h(signedUsd(d.differenceUsd()))).append(" (").append(Math.round(d.shareOfDifference() * 100)).append(" %)</li>");
      }
      b.append("</ul></td></tr>\n");
    }
    b.append("</tbody></table>\n");
    if (list.size() > 20) {
      b.append("<p class=\"hint\">").append(list.size() - 20).append(" older anomalies not listed.</p>\n");
    }
    b.append("</section>\n");
  }

  private static void movers(StringBuilder b, Trends t) {
    b.append("<section id=\"movers\">\n<h2>Top movers, week over week</h2>\n");
    if (t.topMovers().isEmpty()) {
      b.append("<p class=\"none\">").append(t.days().size() < 14 ? "Week-over-week changes need at least 14 days of data." : "No service changed.").append("</p>\n</section>\n");
      return;
    }
    LocalDate last = t.lastDay();
    b.append("<p class=\"hint\">").append(h(last.minusDays(6) + " – " + last)).append(" against ").append(h(last.minusDays(13) + " – " + last.minusDays(7))).append(".</p>\n");
    double maxAbs = 0;
    for (Mover m : t.topMovers()) {
      maxAbs = Math.max(maxAbs, Math.abs(m.deltaUsd().doubleValue()));
    }
    b.append("<table class=\"data\" id=\"mover-table\"><thead><tr><th>Service</th><th class=\"num\">Previous 7 days</th><th class=\"num\">Last 7 days</th><th class=\"num\">Change</th><th></th><th>Moved most</th></tr></thead><tbody>\n");
    for (Mover m : t.topMovers()) {
      double d = m.deltaUsd().doubleValue();
      b.append("<tr><td class=\"svc\">").append(h(m.service())).append("</td><td class=\"num\">").append(h(Format.usd(m.previousWeekUsd()))).append("</td><td class=\"num\">")
          .append(h(Format.usd(m.lastWeekUsd()))).append("</td><td class=\"num delta ").append(d > 0 ? "up" : "down").append("\">").append(h(Format.usdDelta(m.deltaUsd())))
          .append(m.deltaPct().map(p -> " (" + DiffReports.percent(BigDecimal.valueOf(p)) + ")").orElse(" (new)")).append("</td><td>")
          .append(divergingBar(d, maxAbs)).append("</td><td><span class=\"ut\">").append(h(m.topUsageType().isBlank() ? "(no usage type)" : m.topUsageType())).append("</span> ").append(h(Format.usdDelta(m.topUsageTypeDeltaUsd())))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n</section>\n");
  }

  private static String divergingBar(double v, double maxAbs) {
    int w = 160;
    double half = w / 2.0;
    double len = maxAbs > 0 ? Math.abs(v) / maxAbs * (half - 2) : 0;
    double x = v >= 0 ? half : half - len;
    return "<svg class=\"bar\" viewBox=\"0 0 " + w + " 14\" width=\"" + w + "\" height=\"14\" aria-hidden=\"true\"><line x1=\"" + f(half) + "\" x2=\"" + f(half)
        + "\" y1=\"0\" y2=\"14\" class=\"zero\"/><rect x=\"" + f(x) + "\" y=\"3\" width=\"" + f(Math.max(len, 0.5)) + "\" height=\"8\" class=\"" + (v >= 0 ? "up" : "down") + "\"/></svg>";
  }

  private static void modeled(StringBuilder b, ModeledVsActual.Comparison c) {
    b.append("<section id=\"modeled\">\n<h2>Modeled vs actual</h2>\n");
    b.append("<p class=\"hint\">Model <strong>").append(h(c.modelName())).append("</strong>, period ").append(h(c.periodLabel())).append(" (").append(c.periodHours())
        .append(" h), against the bill's run-rate over ").append(h(c.windowFrom() + " – " + c.windowTo())).append(" (").append(c.windowDays())
        .append(c.windowDays() == 1 ? " day" : " days").append(") scaled to the same length. Service types are matched by catalog meter; <code>costflow reconcile</code> matches services one by one.</p>\n");
    double max = 0;
    for (ModeledVsActual.Row r : c.rows()) {
      max = Math.max(max, Math.max(r.modeledUsd().doubleValue(), r.actualUsd().doubleValue()));
    }
    b.append("<table class=\"data\" id=\"modeled-table\"><thead><tr><th>Service</th><th>Model services</th><th class=\"num\">Modeled</th><th class=\"num\">Actual</th><th class=\"num\">Variance</th><th></th></tr></thead><tbody>\n");
    for (ModeledVsActual.Row r : c.rows()) {
      b.append("<tr><td class=\"svc\">").append(h(r.label())).append(r.type().isEmpty() ? " <span class=\"tag\">not in the model</span>" : "").append("</td><td>")
          .append(h(String.join(", ", r.modelServices()))).append("</td><td class=\"num\">").append(h(Format.usd(r.modeledUsd()))).append("</td><td class=\"num\">")
          .append(h(Format.usd(r.actualUsd()))).append("</td><td class=\"num delta ").append(r.varianceUsd().signum() > 0 ? "up" : "down").append("\">")
          .append(h(Format.usdDelta(r.varianceUsd()))).append(r.variancePct().map(p -> " (" + DiffReports.percent(p) + ")").orElse("")).append("</td><td>")
          .append(pairBar(r.modeledUsd().doubleValue(), r.actualUsd().doubleValue(), max)).append("</td></tr>\n");
    }
    b.append("<tr class=\"total\"><td>Total</td><td></td><td class=\"num\">").append(h(Format.usd(c.modeledUsd()))).append("</td><td class=\"num\">").append(h(Format.usd(c.actualUsd())))
        .append("</td><td class=\"num delta\">").append(h(Format.usdDelta(c.actualUsd().subtract(c.modeledUsd())))).append("</td><td></td></tr>\n");
    b.append("</tbody></table>\n<p class=\"legend\"><span class=\"key\"><span class=\"sw modeled\"></span>modeled</span><span class=\"key\"><span class=\"sw actual\"></span>actual</span></p>\n</section>\n");
  }

  private static String pairBar(double modeled, double actual, double max) {
    int w = 180;
    double a = max > 0 ? modeled / max * (w - 2) : 0;
    double c = max > 0 ? actual / max * (w - 2) : 0;
    return "<svg class=\"bar\" viewBox=\"0 0 " + w + " 18\" width=\"" + w + "\" height=\"18\" aria-hidden=\"true\"><rect x=\"0\" y=\"1\" height=\"7\" width=\"" + f(Math.max(a, 0.5))
        + "\" class=\"modeled\"/><rect x=\"0\" y=\"10\" height=\"7\" width=\"" + f(Math.max(c, 0.5)) + "\" class=\"actual\"/></svg>";
  }

  private static void methods(StringBuilder b, Trends t) {
    b.append("<section id=\"methods\"><details><summary>How these numbers are made</summary><ul>");
    b.append("<li>Billed cost per UTC day from the billing store (after credits and discounts as billed).</li>");
    b.append("<li>7-day average: the mean of each day and the six before it.</li>");
    double[] f = t.weekdayFactors();
    StringBuilder wf = new StringBuilder();
    String[] wd = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int i = 0; i < 7; i++) {
      wf.append(i == 0 ? "" : ", ").append(wd[i]).append(' ').append(String.format(Locale.US, "%.2f", f[i]));
    }
    b.append("<li>Weekday pattern (median ratio of each weekday to its week, needs 14 days): ").append(h(wf.toString())).append(".</li>");
    b.append("<li>Forecast: exponential smoothing of the weekday-adjusted daily cost");
    t.monthToDate().filter(m -> !m.complete()).ifPresent(m -> b.append(" (smoothing ").append(String.format(Locale.US, "%.2f", m.smoothing())).append(')'));
    b.append(", times each remaining day's weekday factor; the interval adds up the day-to-day variation seen in the last 28 days.</li>");
    b.append("<li>Anomaly: a day at least 3.5 robust standard deviations (median absolute deviation of the previous 28 weekday-adjusted days) from its expected level, ")
        .append("and at least $1.00 and 10 % away from it. Drivers: the service and usage type whose own cost moved most that day.</li>");
    b.append("<li>Top movers: each service's last 7 days against the 7 days before.</li>");
    b.append("</ul></details></section>\n");
  }

  private static void footer(StringBuilder b, Meta meta) {
    b.append("<footer>Made by costflow on ").append(h(meta.generatedAt())).append(" · self-contained: no scripts, no network.</footer>\n</main>\n</body>\n</html>\n");
  }

  // ------------------------------------------------------------------ helpers

  static String h(String s) {
    return Escape.html(s);
  }

  static String usd(double v) {
    return Format.usd(BigDecimal.valueOf(v));
  }

  static String signedUsd(double v) {
    return Format.usdDelta(BigDecimal.valueOf(v));
  }

  static String f(double v) {
    return BigDecimal.valueOf(Math.round(v * 10) / 10.0).stripTrailingZeros().toPlainString();
  }

  static final String CSS =
      """
      :root { --ink:#1d2330; --muted:#5b6474; --line:#e3e6ec; --bg:#f6f7f9; --card:#fff; --up:#c0392b; --down:#1e8449; }
      * { box-sizing: border-box; }
      body { margin:0; background:var(--bg); color:var(--ink); font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
      main { max-width:1100px; margin:0 auto; padding:24px 20px 40px; }
      header h1 { margin:0 0 4px; font-size:24px; }
      .sub { margin:0 0 20px; color:var(--muted); }
      h2 { font-size:17px; margin:0 0 10px; }
      section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 18px; margin:0 0 16px; }
      .kpis { display:grid; grid-template-columns:repeat(4, 1fr); gap:12px; background:none; border:0; padding:0; }
      .kpi { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
      .kpi .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.03em; }
      .kpi .value { font-size:26px; font-weight:600; margin:2px 0; font-variant-numeric:tabular-nums; }
      .kpi .note { color:var(--muted); font-size:12px; }
      figure { margin:0; }
      svg { display:block; }
      #daily-chart { width:100%; height:auto; }
      .grid line { stroke:var(--line); stroke-width:1; }
      .ytick { font-size:11px; fill:var(--muted); text-anchor:end; }
      .xtick { font-size:11px; fill:var(--muted); text-anchor:middle; }
      .xaxis line, .axis { stroke:#9aa3b2; stroke-width:1; }
      .ma { fill:none; stroke:var(--ink); stroke-width:2; }
      .forecast .band { fill:#0072B2; fill-opacity:.14; stroke:none; }
      .edge { stroke:#9aa3b2; stroke-width:1; stroke-dasharray:3 3; }
      .edge-label { font-size:11px; fill:var(--muted); }
      .forecast .fc { fill:none; stroke:#0072B2; stroke-width:2; stroke-dasharray:5 4; }
      .anomaly-marks circle { fill:#fff; stroke:var(--up); stroke-width:2.5; }
      .legend { display:flex; flex-wrap:wrap; gap:6px 16px; margin:8px 0 0; color:var(--muted); font-size:12px; }
      .key { display:inline-flex; align-items:center; gap:6px; }
      .sw { display:inline-block; width:12px; height:12px; border-radius:2px; }
      .sw.line { height:0; border-top:2px solid var(--ink); }
      .sw.band { background:rgba(0,114,178,.18); border-top:2px dashed #0072B2; }
      .sw.dot { border:2.5px solid var(--up); border-radius:50%; background:#fff; }
      .sw.modeled, rect.modeled { background:#9aa3b2; fill:#9aa3b2; }
      .sw.actual, rect.actual { background:#0072B2; fill:#0072B2; }
      .forecast-text { margin:10px 0 0; }
      table.data { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
      table.data th { text-align:left; font-weight:600; color:var(--muted); font-size:12px; border-bottom:1px solid var(--line); padding:6px 8px; }
      table.data td { border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:top; }
      .num { text-align:right; white-space:nowrap; }
      .delta.up, tr.spike .delta { color:var(--up); }
      .delta.down, tr.drop .delta { color:var(--down); }
      tr.total td { font-weight:600; border-bottom:0; }
      .drivers { margin:0; padding-left:16px; }
      .ut { font-family:ui-monospace, "DejaVu Sans Mono", monospace; font-size:12px; }
      .dow { color:var(--muted); font-size:12px; }
      .tag { font-size:11px; color:var(--muted); border:1px solid var(--line); border-radius:3px; padding:0 4px; }
      .bar .zero { stroke:#9aa3b2; }
      .bar rect.up { fill:var(--up); }
      .bar rect.down { fill:var(--down); }
      .hint, .none { color:var(--muted); margin:0 0 8px; }
      details summary { cursor:pointer; font-weight:600; }
      #methods ul { margin:8px 0 0; color:var(--muted); }
      footer { color:var(--muted); font-size:12px; text-align:center; margin-top:8px; }
      code { font-family:ui-monospace, "DejaVu Sans Mono", monospace; font-size:12px; background:var(--bg); padding:1px 4px; border-radius:3px; }
      @media (max-width:800px) { .kpis { grid-template-columns:repeat(2, 1fr); } }
      @media print { body { background:#fff; } section, .kpi { break-inside:avoid; } }
      """;
}
