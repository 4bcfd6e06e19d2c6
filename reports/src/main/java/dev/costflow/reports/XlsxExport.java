package dev.costflow.reports;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Service;
import dev.costflow.model.Traffic;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.FreeTier;
import dev.costflow.pricing.Rate;
import dev.costflow.pricing.Tier;
import dev.costflow.services.Inflow;
import dev.costflow.services.ServiceLoad;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YamlWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * {@code costflow export MODEL --xlsx FILE}: the estimate as a spreadsheet finance can audit and
 * play with. Quantities and prices are input cells (blue); free quantity, billable quantity, the
 * pooled unit price of each meter (through its tiers), line cost, service cost and the total are
 * live formulas, so changing a quantity, a price, the discount or the free-tier switch recomputes
 * everything as costflow would.
 *
 * <p>Sheets: Summary (total, cost by service, a chart), Services, Lines (quantity × unit price =
 * cost, then the pooled price tiers of each meter), Assumptions (model settings, every price
 * with its tiers, date and source, free allowances, the traffic and each service's settings),
 * Hourly or Daily profile (with a chart) and, when a bill is given, Actuals vs Modeled.
 *
 * <p>Text from models and bills is written as text; text that a spreadsheet would read as a
 * formula ({@code = + - @}) is stored with Excel's quote prefix, so it stays text even when the
 * cell is edited.
 */
public final class XlsxExport {
  public static final String SUMMARY = "Summary";
  public static final String SERVICES = "Services";
  public static final String LINES = "Lines";
  public static final String ASSUMPTIONS = "Assumptions";
  public static final String ACTUALS = "Actuals vs Modeled";

  /** Periods up to this many hours get an hourly profile, longer ones a daily one. */
  static final int HOURLY_PROFILE_MAX_HOURS = 31 * 24;

  private final Estimate e;
  private final Catalog catalog;
  private final Optional<ModeledVsActual.Comparison> actuals;
  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final Styles st;

  // where things are, for formulas across sheets
  private final Map<String, String> priceCell = new HashMap<>(); // "meter|tier" -> Assumptions!$F$n
  private final Map<String, String> boundCell = new HashMap<>(); // "meter|tier|from" / "|to" -> Assumptions cell
  private final Map<String, String> allowanceCell = new HashMap<>(); // free-tier group -> Assumptions!$B$n
  private final Map<String, int[]> serviceLineRows = new HashMap<>(); // service id -> first and last line row (0-based)
  private int linesFirst;
  private int linesLast;
  private int servicesFirst;
  private int servicesLast;
  private String totalCell;

  private XlsxExport(Estimate e, Catalog catalog, Optional<ModeledVsActual.Comparison> actuals) {
    this.e = e;
    this.catalog = catalog;
    this.actuals = actuals;
    this.st = new Styles(wb);
  }

  /** The workbook, formulas evaluated (cached values set) and set to recalculate when opened. */
  public static XSSFWorkbook workbook(Estimate e, Catalog catalog, Optional<ModeledVsActual.Comparison> actuals) {
    XlsxExport x = new XlsxExport(e, catalog, actuals);
    return x.build();
  }

  public static void write(Estimate e, Catalog catalog, Optional<ModeledVsActual.Comparison> actuals, OutputStream out) throws IOException {
    try (XSSFWorkbook wb = workbook(e, catalog, actuals)) {
      wb.write(out);
    }
  }

  private XSSFWorkbook build() {
    XSSFSheet summary = wb.createSheet(SUMMARY);
    XSSFSheet services = wb.createSheet(SERVICES);
    XSSFSheet lines = wb.createSheet(LINES);
    XSSFSheet assumptions = wb.createSheet(ASSUMPTIONS);
    boolean hourly = e.period().hours() <= HOURLY_PROFILE_MAX_HOURS;
    XSSFSheet profile = wb.createSheet(hourly ? "Hourly profile" : "Daily profile");
    XSSFSheet actualSheet = actuals.isPresent() ? wb.createSheet(ACTUALS) : null;

    assumptions(assumptions);
    lines(lines);
    services(services);
    summary(summary);
    profile(profile, hourly);
    if (actualSheet != null) {
      actuals(actualSheet, actuals.get());
    }
    for (Sheet s : wb) {
      fitRowHeights(s);
      printable(s);
    }
    wb.setActiveSheet(0);
    XSSFFormulaEvaluator.evaluateAllFormulaCells(wb);
    wb.setForceFormulaRecalculation(true);
    return wb;
  }

  // ------------------------------------------------------------------ Assumptions

  private void assumptions(XSSFSheet s) {
    int r = 0;
    title(s, r++, "Assumptions: " + e.model().name());
    note(s, r++, "Blue cells are inputs: change a price, the discount or the free-tier switch and every cost recomputes.");
    r++;
    header(s, r++, "Model", "");
    r = keyValue(s, r, "Model", e.model().name());
    r = keyValue(s, r, "Cloud", e.model().cloud().id());
    r = keyValue(s, r, "Region", e.model().region());
    r = keyValue(s, r, "Period", e.period().label());
    Row hours = s.createRow(r++);
    text(hours.createCell(0), "Hours in the period");
    num(hours.createCell(1), e.period().hours(), st.count);
    Row months = s.createRow(r++);
    text(months.createCell(0), "Months (tier bounds scale with it)");
    num(months.createCell(1), e.period().months().doubleValue(), st.decimal);
    name("Period_months", s, months.getRowNum(), 1);
    r = keyValue(s, r, "Prices as of", e.asOf().toString());
    Row free = s.createRow(r++);
    text(free.createCell(0), "Free tier applied (TRUE or FALSE)");
    Cell fc = free.createCell(1);
    fc.setCellValue(e.model().pricing().freeTier());
    fc.setCellStyle(st.inputBool);
    name("Free_tier", s, free.getRowNum(), 1);
    Row disc = s.createRow(r++);
    text(disc.createCell(0), "Discount on every line, %");
    num(disc.createCell(1), e.model().pricing().discountPct().doubleValue(), st.inputDecimal);
    name("Discount_pct", s, disc.getRowNum(), 1);
    r = keyValue(s, r, "Currency", Estimate.CURRENCY);
    r++;

    // prices: every tier of every meter the model uses, with its date and source
    header(s, r++, "Meter id", "Unit", "Tier", "From (per month)", "Up to (per month)", "USD per unit", "Effective from", "Source");
    Map<String, LineCost> meters = meters();
    for (LineCost l : meters.values()) {
      Rate rate = l.priced().rate();
      List<Tier> tiers = tiers(l);
      for (int t = 0; t < tiers.size(); t++) {
        Tier tier = tiers.get(t);
        Row row = s.createRow(r);
        text(row.createCell(0), l.meterId());
        text(row.createCell(1), l.unit());
        text(row.createCell(2), tiers.size() == 1 ? "flat" : "tier " + (t + 1));
        num(row.createCell(3), tier.fromQuantity().doubleValue(), st.count);
        if (tier.upToQuantity().isPresent()) {
          num(row.createCell(4), tier.upToQuantity().get().doubleValue(), st.count);
        } else {
          text(row.createCell(4), "no limit");
        }
        num(row.createCell(5), tier.usdPerUnit().doubleValue(), st.inputPrice);
        if (l.priced().overridden()) {
          text(row.createCell(6), "—");
          text(row.createCell(7), "pricing.overrides in the model (catalog price: " + rate.firstTierUsd().stripTrailingZeros().toPlainString() + " from " + rate.effectiveFrom() + ")", st.wrap);
        } else {
          text(row.createCell(6), rate.effectiveFrom().toString());
          text(row.createCell(7), rate.source() + rate.note().map(n -> " — " + n).orElse(""), st.wrap);
        }
        priceCell.put(l.meterId() + "|" + t, abs(ASSUMPTIONS, r, 5));
        boundCell.put(l.meterId() + "|" + t + "|from", abs(ASSUMPTIONS, r, 3));
        boundCell.put(l.meterId() + "|" + t + "|to", tier.upToQuantity().isPresent() ? abs(ASSUMPTIONS, r, 4) : "");
        r++;
      }
    }
    r++;

    // free allowances
    header(s, r++, "Free-tier group", "Monthly allowance", "Unit", "", "", "", "", "Meters and source");
    Map<String, FreeTier> groups = new LinkedHashMap<>();
    Map<String, List<String>> groupMeters = new LinkedHashMap<>();
    for (LineCost l : meters.values()) {
      for (FreeTier f : catalog.freeTiers(l.meterId(), Optional.of(e.asOf()))) {
        groups.putIfAbsent(f.group(), f);
        groupMeters.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(l.meterId());
      }
    }
    if (groups.isEmpty()) {
      Row row = s.createRow(r++);
      text(row.createCell(0), "none of the model's meters has a free allowance on " + e.asOf());
    }
    for (FreeTier f : groups.values()) {
      Row row = s.createRow(r);
      text(row.createCell(0), f.group());
      num(row.createCell(1), f.monthlyQuantity().doubleValue(), st.inputCount);
      text(row.createCell(2), meters.get(groupMeters.get(f.group()).get(0)).unit());
      text(row.createCell(7), String.join(", ", groupMeters.get(f.group())) + " — " + f.source(), st.wrap);
      allowanceCell.put(f.group(), abs(ASSUMPTIONS, r, 1));
      r++;
    }
    r++;

    // traffic
    header(s, r++, "Traffic into", "Rate", "Shape", "Peak to mean", "Growth % per month", "Payload KB (mean)", "Time zone", "Calls in the period");
    boolean any = false;
    for (Service svc : e.model().services()) {
      if (svc.traffic().isEmpty()) {
        continue;
      }
      any = true;
      Traffic t = svc.traffic().get();
      Row row = s.createRow(r++);
      text(row.createCell(0), svc.id());
      text(row.createCell(1), rate(t.rate()));
      boolean shaped = !(t.rate() instanceof Traffic.ScheduleRate) && !(t.rate() instanceof Traffic.Series);
      text(row.createCell(2), shaped ? t.shape().name().toLowerCase(Locale.ROOT) : "—");
      if (shaped && t.shape() != Traffic.Shape.FLAT) {
        num(row.createCell(3), t.peakToMean(), st.decimal);
      }
      num(row.createCell(4), t.growthPct(), st.decimal);
      num(row.createCell(5), t.kb().mean(), st.decimal);
      text(row.createCell(6), t.zone().getId());
      num(row.createCell(7), trafficCalls(svc.id()), st.count);
    }
    if (!any) {
      text(s.createRow(r++).createCell(0), "no service has traffic of its own");
    }
    r++;

    // each service's own settings, as written in the model
    header(s, r++, "Service", "Type", "Calls to", "", "", "", "", "Settings (as in the model)");
    YMap servicesTree = e.model().tree() instanceof YMap root && root.get("services").orElse(null) instanceof YMap m ? m : null;
    for (Service svc : e.model().services()) {
      Row row = s.createRow(r++);
      text(row.createCell(0), svc.id());
      text(row.createCell(1), svc.type());
      YNode node = servicesTree == null ? null : servicesTree.get(svc.id()).orElse(null);
      if (node instanceof YMap sm) {
        List<YEntry> kept = new ArrayList<>();
        for (YEntry en : sm.entries()) {
          if (!List.of("type", "traffic", "calls", "description").contains(en.key())) {
            kept.add(en);
          }
        }
        text(row.createCell(7), kept.isEmpty() ? "defaults" : YamlWriter.inline(new YMap(kept, sm.pos())), st.wrap);
      }
      List<String> to = new ArrayList<>();
      svc.calls().forEach(c -> to.add(c.to()));
      text(row.createCell(2), String.join(", ", to));
    }

    widths(s, 36, 18, 14, 16, 16, 16, 14, 64);
    s.createFreezePane(0, 1);
  }

  private int keyValue(XSSFSheet s, int r, String key, String value) {
    Row row = s.createRow(r);
    text(row.createCell(0), key);
    text(row.createCell(1), value);
    return r + 1;
  }

  private static String rate(Traffic.Rate rate) {
    if (rate instanceof Traffic.Monthly m) {
      return "monthly " + Format.count(m.calls());
    }
    if (rate instanceof Traffic.Daily d) {
      return "daily " + Format.count(d.calls());
    }
    if (rate instanceof Traffic.Hourly h) {
      return "hourly " + Format.count(h.calls());
    }
    if (rate instanceof Traffic.Rps r) {
      return Format.count(r.callsPerSecond()) + " per second";
    }
    if (rate instanceof Traffic.ScheduleRate s) {
      return "schedule " + s.expression();
    }
    return "series " + ((Traffic.Series) rate).file().getFileName();
  }

  private double trafficCalls(String serviceId) {
    ServiceLoad load = e.workload().load(serviceId);
    double sum = 0;
    for (Inflow f : load.inflows()) {
      if (f.isTraffic()) {
        sum += f.totalCalls();
      }
    }
    return sum;
  }

  /** One line per meter (the first that uses it), in model order. */
  private Map<String, LineCost> meters() {
    Map<String, LineCost> m = new LinkedHashMap<>();
    for (ServiceCost s : e.services()) {
      for (LineCost l : s.lines()) {
        m.putIfAbsent(l.meterId(), l);
      }
    }
    return m;
  }

  private List<Tier> tiers(LineCost l) {
    if (l.priced().overridden()) {
      // the override's price: cost ÷ billable before discount
      BigDecimal price = l.billableQuantity().signum() == 0 ? BigDecimal.ZERO
          : l.listCostUsd().divide(l.billableQuantity(), java.math.MathContext.DECIMAL128).stripTrailingZeros();
      Optional<BigDecimal> ov = overridePrice(l.meterId());
      return List.of(new Tier(BigDecimal.ZERO, Optional.empty(), ov.orElse(price)));
    }
    return l.priced().rate().tiers();
  }

  private Optional<BigDecimal> overridePrice(String meterId) {
    Map<String, BigDecimal> o = e.model().pricing().overrides();
    String key = meterId;
    while (true) {
      if (o.containsKey(key)) {
        return Optional.of(o.get(key));
      }
      int dot = key.lastIndexOf('.');
      if (dot <= 0) {
        return Optional.empty();
      }
      key = key.substring(0, dot);
    }
  }

  // ------------------------------------------------------------------ Lines

  private void lines(XSSFSheet s) {
    int r = 0;
    title(s, r++, "Lines: quantity × unit price = cost");
    note(s, r++, "Quantity (blue) is the model's usage of the period. Unit price is the meter's price after its tiers, pooled over all lines of the meter as the bill pools them (table below).");
    r++;
    int headerRow = r;
    header(s, r++, "Service", "Meter", "Meter id", "Unit", "Quantity", "Free-tier group", "Free", "Billable", "Unit price", "List cost", "Cost", "How the quantity was derived");
    List<LineCost> all = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    for (ServiceCost sc : e.services()) {
      for (LineCost l : sc.lines()) {
        all.add(l);
        owners.add(sc.id());
      }
    }
    linesFirst = r;
    linesLast = r + all.size() - 1;
    Map<String, Integer> meterRow = new LinkedHashMap<>();
    // the tier block comes after the lines and their total
    int tierStart = linesLast + 4;
    int at = tierStart + 1;
    for (LineCost l : meters().values()) {
      meterRow.put(l.meterId(), at);
      at += 1 + tiers(l).size();
    }
    for (int i = 0; i < all.size(); i++) {
      LineCost l = all.get(i);
      int row = linesFirst + i;
      int excel = row + 1;
      Row x = s.createRow(row);
      serviceLineRows.merge(owners.get(i), new int[] {row, row}, (a, b2) -> new int[] {Math.min(a[0], b2[0]), Math.max(a[1], b2[1])});
      text(x.createCell(0), owners.get(i));
      text(x.createCell(1), l.meter());
      text(x.createCell(2), l.meterId());
      text(x.createCell(3), l.unit());
      num(x.createCell(4), l.quantity(), st.inputQuantity);
      List<FreeTier> groups = l.metered().freeTierEligible() ? catalog.freeTiers(l.meterId(), Optional.of(e.asOf())) : List.of();
      Cell free = x.createCell(6);
      if (groups.size() == 1) {
        String g = groups.get(0).group();
        text(x.createCell(5), g);
        free.setCellFormula("IF(Free_tier,E" + excel + "*MIN(1," + allowanceCell.get(g) + "*Period_months/SUMIF($F$" + (linesFirst + 1) + ":$F$" + (linesLast + 1)
            + ",F" + excel + ",$E$" + (linesFirst + 1) + ":$E$" + (linesLast + 1) + ")),0)");
      } else if (groups.isEmpty()) {
        free.setCellFormula("0");
      } else {
        // in several allowances at once (rare): the engine's result, fixed
        text(x.createCell(5), "several");
        free.setCellValue(l.freeQuantity().doubleValue());
      }
      free.setCellStyle(st.quantity);
      formula(x.createCell(7), "E" + excel + "-G" + excel, st.quantity);
      formula(x.createCell(8), "$I$" + (meterRow.get(l.meterId()) + 1), st.price);
      formula(x.createCell(9), "H" + excel + "*I" + excel, st.money);
      formula(x.createCell(10), "J" + excel + "*(1-Discount_pct/100)", st.money);
      text(x.createCell(11), l.detail(), st.wrap);
    }
    Row total = s.createRow(linesLast + 1);
    text(total.createCell(0), "Total", st.bold);
    formula(total.createCell(10), "SUM(K" + (linesFirst + 1) + ":K" + (linesLast + 1) + ")", st.moneyTotal);
    formula(total.createCell(9), "SUM(J" + (linesFirst + 1) + ":J" + (linesLast + 1) + ")", st.moneyTotal);

    // pooled tiers per meter, in the lines' columns: Unit price under Unit price, costs under List cost
    Row th = s.createRow(tierStart - 1);
    text(th.createCell(0), "Price tiers, pooled per meter as the bill pools them", st.subtitle);
    header(s, tierStart, "", "Tier", "Meter id", "Unit", "From (this period)", "Up to (this period)", "USD per unit", "Quantity", "Unit price", "Cost");
    for (LineCost l : meters().values()) {
      int mr = meterRow.get(l.meterId());
      List<Tier> tiers = tiers(l);
      Row m = s.createRow(mr);
      text(m.createCell(1), "pooled", st.bold);
      text(m.createCell(2), l.meterId(), st.bold);
      text(m.createCell(3), l.unit());
      int firstTier = mr + 2;
      int lastTier = mr + 1 + tiers.size();
      formula(m.createCell(7), "SUMIF($C$" + (linesFirst + 1) + ":$C$" + (linesLast + 1) + ",C" + (mr + 1) + ",$H$" + (linesFirst + 1) + ":$H$" + (linesLast + 1) + ")", st.quantityBold);
      formula(m.createCell(8), "IF(H" + (mr + 1) + "=0,G" + firstTier + ",J" + (mr + 1) + "/H" + (mr + 1) + ")", st.priceBold);
      formula(m.createCell(9), "SUM(J" + firstTier + ":J" + lastTier + ")", st.moneyBold);
      for (int t = 0; t < tiers.size(); t++) {
        int tr = mr + 1 + t;
        int excel = tr + 1;
        Row x = s.createRow(tr);
        text(x.createCell(1), tiers.size() == 1 ? "flat" : "tier " + (t + 1));
        formula(x.createCell(4), boundCell.get(l.meterId() + "|" + t + "|from") + "*Period_months", st.quantity);
        String to = boundCell.get(l.meterId() + "|" + t + "|to");
        if (to.isEmpty()) {
          text(x.createCell(5), "no limit", st.right);
          formula(x.createCell(7), "MAX(0,$H$" + (mr + 1) + "-E" + excel + ")", st.quantity);
        } else {
          formula(x.createCell(5), to + "*Period_months", st.quantity);
          formula(x.createCell(7), "MAX(0,MIN($H$" + (mr + 1) + ",F" + excel + ")-E" + excel + ")", st.quantity);
        }
        formula(x.createCell(6), priceCell.get(l.meterId() + "|" + t), st.price);
        formula(x.createCell(9), "H" + excel + "*G" + excel, st.money);
      }
    }
    widths(s, 16, 20, 32, 12, 18, 18, 14, 18, 16, 14, 14, 44);
    s.createFreezePane(0, headerRow + 1);
    s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
  }

  // ------------------------------------------------------------------ Services

  private void services(XSSFSheet s) {
    int r = 0;
    title(s, r++, "Services: " + e.model().name());
    note(s, r++, "Cost of each service: the sum of its lines (sheet Lines).");
    r++;
    int headerRow = r;
    header(s, r++, "Service", "Type", "Calls in the period", "Cost", "Share");
    servicesFirst = r;
    servicesLast = r + e.services().size() - 1;
    int totalRow = servicesLast + 1;
    for (ServiceCost sc : e.services()) {
      Row x = s.createRow(r);
      int excel = r + 1;
      text(x.createCell(0), sc.id());
      text(x.createCell(1), sc.type());
      num(x.createCell(2), sc.calls(), st.count);
      // the service's lines are consecutive rows; a plain SUM (SUMIF would read an id such as "1e5" or "true" as a number or boolean)
      int[] rows = serviceLineRows.get(sc.id());
      formula(x.createCell(3), rows == null ? "0" : "SUM(Lines!$K$" + (rows[0] + 1) + ":$K$" + (rows[1] + 1) + ")", st.money);
      formula(x.createCell(4), "IF($D$" + (totalRow + 1) + "=0,0,D" + excel + "/$D$" + (totalRow + 1) + ")", st.percent);
      r++;
    }
    Row total = s.createRow(totalRow);
    text(total.createCell(0), "Total", st.bold);
    formula(total.createCell(3), "SUM(D" + (servicesFirst + 1) + ":D" + (servicesLast + 1) + ")", st.moneyTotal);
    formula(total.createCell(4), "SUM(E" + (servicesFirst + 1) + ":E" + (servicesLast + 1) + ")", st.percentBold);
    totalCell = abs(SERVICES, totalRow, 3);
    widths(s, 24, 24, 20, 16, 10);
    s.createFreezePane(0, headerRow + 1);
    s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
  }

  // ------------------------------------------------------------------ Summary

  private void summary(XSSFSheet s) {
    int r = 0;
    title(s, r++, e.model().name() + ": cost estimate");
    note(s, r++, "Made by costflow. Quantities, prices, the discount and the free-tier switch are inputs (sheets Lines and Assumptions); everything else recomputes.");
    r++;
    Row total = s.createRow(r++);
    text(total.createCell(0), "Total cost of the period", st.bold);
    formula(total.createCell(1), totalCell, st.moneyBig);
    r = keyValue(s, r, "Period", e.period().label() + " (" + e.period().hours() + " h)");
    r = keyValue(s, r, "Cloud and region", e.model().cloud().id() + " " + e.model().region());
    r = keyValue(s, r, "Prices as of", e.asOf().toString());
    Row free = s.createRow(r++);
    text(free.createCell(0), "Free tier");
    formula(free.createCell(1), "IF(Free_tier,\"applied\",\"not applied\")", st.plain);
    Row disc = s.createRow(r++);
    text(disc.createCell(0), "Discount");
    formula(disc.createCell(1), "Discount_pct/100", st.percent);
    r++;
    int headerRow = r;
    header(s, r++, "Service", "Cost", "Share");
    int first = r;
    for (int i = 0; i < e.services().size(); i++) {
      Row x = s.createRow(r++);
      int src = servicesFirst + 1 + i;
      formula(x.createCell(0), "Services!A" + src, st.plain);
      formula(x.createCell(1), "Services!D" + src, st.money);
      formula(x.createCell(2), "Services!E" + src, st.percent);
    }
    int last = r - 1;
    if (!e.warnings().isEmpty()) {
      r++;
      text(s.createRow(r++).createCell(0), "Warnings", st.bold);
      for (var w : e.warnings()) {
        text(s.createRow(r++).createCell(0), w.message());
      }
    }
    widths(s, 36, 18, 10);

    // bar chart: cost per service
    XSSFDrawing drawing = s.createDrawingPatriarch();
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 4, 2, 13, 2 + Math.max(16, e.services().size() + 8));
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("Cost by service (USD)");
    chart.setTitleOverlay(false);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.LEFT);
    x.setOrientation(AxisOrientation.MAX_MIN); // the first service at the top, as in the table
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.BOTTOM);
    y.setCrosses(AxisCrosses.MAX);
    y.setNumberFormat("$#,##0");
    XDDFDataSource<String> cats = XDDFDataSourcesFactory.fromStringCellRange(s, new CellRangeAddress(first, last, 0, 0));
    XDDFNumericalDataSource<Double> vals = XDDFDataSourcesFactory.fromNumericCellRange(s, new CellRangeAddress(first, last, 1, 1));
    XDDFBarChartData bar = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
    bar.setBarDirection(BarDirection.BAR);
    bar.setVaryColors(false);
    XDDFChartData.Series series = bar.addSeries(cats, vals);
    series.setTitle("Cost", null);
    XDDFShapeProperties shape = new XDDFShapeProperties();
    shape.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(new byte[] {0, (byte) 0x72, (byte) 0xB2})));
    series.setShapeProperties(shape);
    chart.plot(bar);
  }

  // ------------------------------------------------------------------ profile

  private void profile(XSSFSheet s, boolean hourly) {
    int r = 0;
    title(s, r++, (hourly ? "Hourly" : "Daily") + " profile");
    note(s, r++, "Calls entering the architecture and the modeled cost spread over the " + (hourly ? "hours" : "days")
        + " in proportion to each line's usage (for charts; the totals are on the other sheets).");
    r++;
    int headerRow = r;
    header(s, r++, hourly ? "Hour (UTC)" : "Day (UTC)", "Calls entering", "Modeled cost");
    double[] cost = e.hourlyCostUsd();
    double[] calls = new double[e.period().hours()];
    for (Service svc : e.model().services()) {
      for (Inflow f : e.workload().load(svc.id()).inflows()) {
        if (f.isTraffic()) {
          for (int h = 0; h < calls.length && h < f.calls().length; h++) {
            calls[h] += f.calls()[h];
          }
        }
      }
    }
    int first = r;
    int step = hourly ? 1 : 24;
    for (int h = 0; h < cost.length; h += step) {
      double c = 0;
      double k = 0;
      for (int j = h; j < Math.min(cost.length, h + step); j++) {
        c += cost[j];
        k += calls[j];
      }
      Row x = s.createRow(r++);
      LocalDateTime t = e.period().hourStart(h);
      Cell tc = x.createCell(0);
      tc.setCellValue(t);
      tc.setCellStyle(hourly ? st.hour : st.day);
      num(x.createCell(1), k, st.count);
      num(x.createCell(2), c, st.money);
    }
    int last = r - 1;
    Row total = s.createRow(r);
    text(total.createCell(0), "Total", st.bold);
    formula(total.createCell(1), "SUM(B" + (first + 1) + ":B" + (last + 1) + ")", st.countBold);
    formula(total.createCell(2), "SUM(C" + (first + 1) + ":C" + (last + 1) + ")", st.moneyTotal);
    widths(s, 20, 18, 16);
    s.createFreezePane(0, headerRow + 1);
    s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));

    XSSFDrawing drawing = s.createDrawingPatriarch();
    // below the header row: a chart over a repeated title row would be printed on every page
    XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 4, headerRow + 1, 16, headerRow + 23);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText("Modeled cost per " + (hourly ? "hour" : "day") + " (USD)");
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
    x.setNumberFormat(hourly ? "mm-dd" : "yyyy-mm-dd");
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
    y.setNumberFormat("$#,##0.00");
    XDDFNumericalDataSource<Double> xs = XDDFDataSourcesFactory.fromNumericCellRange(s, new CellRangeAddress(first, last, 0, 0));
    XDDFNumericalDataSource<Double> ys = XDDFDataSourcesFactory.fromNumericCellRange(s, new CellRangeAddress(first, last, 2, 2));
    XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
    XDDFLineChartData.Series series = (XDDFLineChartData.Series) data.addSeries(xs, ys);
    series.setTitle("Modeled cost", null);
    series.setSmooth(false);
    series.setMarkerStyle(org.apache.poi.xddf.usermodel.chart.MarkerStyle.NONE);
    // LibreOffice draws a line series without explicit line properties as markers only
    XDDFLineProperties line = new XDDFLineProperties();
    line.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(new byte[] {0, (byte) 0x72, (byte) 0xB2})));
    line.setWidth(1.5);
    XDDFShapeProperties shape = new XDDFShapeProperties();
    shape.setLineProperties(line);
    series.setShapeProperties(shape);
    chart.plot(data);
  }

  // ------------------------------------------------------------------ actuals

  private void actuals(XSSFSheet s, ModeledVsActual.Comparison c) {
    int r = 0;
    title(s, r++, "Actuals vs Modeled");
    note(s, r++, "Modeled: this workbook's cost per service type (live). Actual: the bill's run-rate over " + c.windowFrom() + " – " + c.windowTo() + " (" + c.windowDays()
        + " days), scaled to the model's period of " + c.periodHours() + " h. Bill lines belong to a type through their catalog meter.");
    r++;
    int headerRow = r;
    header(s, r++, "Service (bill)", "Type", "Model services", "Modeled", "Actual", "Variance", "Variance %");
    int first = r;
    for (ModeledVsActual.Row row : c.rows()) {
      Row x = s.createRow(r);
      int excel = r + 1;
      text(x.createCell(0), row.label());
      text(x.createCell(1), row.type().orElse("not in the model"));
      text(x.createCell(2), String.join(", ", row.modelServices()));
      if (row.type().isPresent()) {
        formula(x.createCell(3), "SUMIF(Services!$B$" + (servicesFirst + 1) + ":$B$" + (servicesLast + 1) + ",B" + excel + ",Services!$D$" + (servicesFirst + 1) + ":$D$" + (servicesLast + 1) + ")", st.money);
      } else {
        num(x.createCell(3), 0, st.money);
      }
      num(x.createCell(4), row.actualUsd().doubleValue(), st.inputMoney);
      formula(x.createCell(5), "E" + excel + "-D" + excel, st.money);
      formula(x.createCell(6), "IF(D" + excel + "=0,\"\",F" + excel + "/D" + excel + ")", st.percent);
      r++;
    }
    int last = r - 1;
    Row total = s.createRow(r);
    text(total.createCell(0), "Total", st.bold);
    for (int col = 3; col <= 5; col++) {
      String letter = CellReference.convertNumToColString(col);
      formula(total.createCell(col), "SUM(" + letter + (first + 1) + ":" + letter + (last + 1) + ")", st.moneyTotal);
    }
    formula(total.createCell(6), "IF(D" + (r + 1) + "=0,\"\",F" + (r + 1) + "/D" + (r + 1) + ")", st.percentBold);
    widths(s, 34, 20, 30, 14, 14, 14, 12);
    s.createFreezePane(0, headerRow + 1);
    s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
  }

  // ------------------------------------------------------------------ cells

  private void title(Sheet s, int r, String text) {
    Row row = s.createRow(r);
    row.setHeightInPoints(22);
    text(row.createCell(0), text, st.title);
  }

  private void note(Sheet s, int r, String text) {
    text(s.createRow(r).createCell(0), text, st.note);
  }

  private void header(Sheet s, int r, String... names) {
    Row row = s.createRow(r);
    for (int i = 0; i < names.length; i++) {
      text(row.createCell(i), names[i], st.header);
    }
  }

  private void text(Cell c, String s) {
    text(c, s, st.plain);
  }

  /** Text as text: a value a spreadsheet would take for a formula gets the quote prefix. */
  private void text(Cell c, String s, CellStyle style) {
    c.setCellValue(s);
    c.setCellStyle(Escape.defuseFormula(s).equals(s) ? style : st.quoted(style));
  }

  private static void num(Cell c, double v, CellStyle style) {
    c.setCellValue(v);
    c.setCellStyle(style);
  }

  private static void formula(Cell c, String f, CellStyle style) {
    c.setCellFormula(f);
    c.setCellStyle(style);
  }

  private void name(String name, Sheet s, int row, int col) {
    Name n = wb.createName();
    n.setNameName(name);
    n.setRefersToFormula(abs(s.getSheetName(), row, col));
  }

  static String abs(String sheet, int row, int col) {
    return "'" + sheet + "'!$" + CellReference.convertNumToColString(col) + "$" + (row + 1);
  }

  private static void widths(Sheet s, int... chars) {
    for (int i = 0; i < chars.length; i++) {
      s.setColumnWidth(i, Math.min(255, chars[i]) * 256);
    }
  }

  /**
   * Row heights for wrapped text: spreadsheet programs do not grow a row on opening a file, so
   * the height is set from a greedy word wrap at the column's width.
   */
  static void fitRowHeights(Sheet s) {
    for (Row row : s) {
      int lines = 1;
      for (Cell c : row) {
        if (c.getCellStyle().getWrapText() && c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
          int width = Math.max(4, (int) (s.getColumnWidth(c.getColumnIndex()) / 256 * 1.2) - 1);
          lines = Math.max(lines, wrappedLines(c.getStringCellValue(), width));
        }
      }
      if (lines > 1) {
        row.setHeightInPoints(lines * 14.5f + 2);
      }
    }
  }

  static int wrappedLines(String text, int width) {
    int lines = 0;
    for (String para : text.split("\n", -1)) {
      int used = 0;
      lines++;
      for (String word : para.split(" ")) {
        int w = word.length();
        if (used > 0 && used + 1 + w > width) {
          lines++;
          used = 0;
        }
        while (w > width) { // a word longer than the column breaks anywhere
          lines++;
          w -= width;
        }
        used += (used > 0 ? 1 : 0) + w;
      }
    }
    return Math.max(1, lines);
  }

  /** Landscape, one page wide (as many pages down as needed), small margins, gridlines off. */
  private static void printable(Sheet s) {
    PrintSetup ps = s.getPrintSetup();
    ps.setLandscape(true);
    ps.setPaperSize(PrintSetup.A4_PAPERSIZE);
    ps.setFitWidth((short) 1);
    ps.setFitHeight((short) 0);
    s.setFitToPage(true);
    s.setAutobreaks(true);
    s.setMargin(org.apache.poi.ss.usermodel.PageMargin.LEFT, 0.4);
    s.setMargin(org.apache.poi.ss.usermodel.PageMargin.RIGHT, 0.4);
    s.setMargin(org.apache.poi.ss.usermodel.PageMargin.TOP, 0.5);
    s.setMargin(org.apache.poi.ss.usermodel.PageMargin.BOTTOM, 0.5);
    s.setPrintGridlines(false);
    s.setHorizontallyCenter(false);
  }

  /** The workbook's cell styles. */
  private static final class Styles {
    final XSSFWorkbook wb;
    final CellStyle plain;
    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle note;
    final CellStyle header;
    final CellStyle bold;
    final CellStyle money;
    final CellStyle moneyTotal;
    final CellStyle moneyBig;
    final CellStyle inputMoney;
    final CellStyle price;
    final CellStyle priceBold;
    final CellStyle moneyBold;
    final CellStyle quantityBold;
    final CellStyle wrap;
    final CellStyle right;
    final CellStyle inputPrice;
    final CellStyle quantity;
    final CellStyle inputQuantity;
    final CellStyle count;
    final CellStyle countBold;
    final CellStyle inputCount;
    final CellStyle decimal;
    final CellStyle inputDecimal;
    final CellStyle inputBool;
    final CellStyle percent;
    final CellStyle percentBold;
    final CellStyle hour;
    final CellStyle day;
    private final Map<CellStyle, CellStyle> quoted = new HashMap<>();

    Styles(XSSFWorkbook wb) {
      this.wb = wb;
      Font boldFont = font(false, true, 11, IndexedColors.BLACK);
      Font blueFont = font(false, false, 11, IndexedColors.BLUE);
      plain = style(null, null);
      plain.setVerticalAlignment(VerticalAlignment.TOP);
      title = style(font(false, true, 14, IndexedColors.BLACK), null);
      subtitle = style(font(false, true, 12, IndexedColors.BLACK), null);
      note = style(font(true, false, 10, IndexedColors.GREY_50_PERCENT), null);
      header = style(boldFont, null);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      header.setBorderBottom(BorderStyle.THIN);
      header.setWrapText(true);
      header.setVerticalAlignment(VerticalAlignment.TOP);
      bold = style(boldFont, null);
      money = style(null, "$#,##0.00");
      moneyTotal = style(boldFont, "$#,##0.00");
      moneyTotal.setBorderTop(BorderStyle.THIN);
      moneyBig = style(font(false, true, 14, IndexedColors.BLACK), "$#,##0.00");
      moneyBig.setAlignment(HorizontalAlignment.LEFT);
      inputMoney = style(blueFont, "$#,##0.00");
      price = style(null, "$#,##0.00########");
      priceBold = style(boldFont, "$#,##0.00########");
      moneyBold = style(boldFont, "$#,##0.00");
      quantityBold = style(boldFont, "#,##0.00");
      wrap = style(null, null);
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      right = style(null, null);
      right.setAlignment(HorizontalAlignment.RIGHT);
      inputPrice = style(blueFont, "$#,##0.00########");
      quantity = style(null, "#,##0.00");
      inputQuantity = style(blueFont, "#,##0.00");
      count = style(null, "#,##0");
      countBold = style(boldFont, "#,##0");
      countBold.setBorderTop(BorderStyle.THIN);
      inputCount = style(blueFont, "#,##0");
      decimal = style(null, "0.####");
      decimal.setAlignment(HorizontalAlignment.RIGHT);
      inputDecimal = style(blueFont, "0.####");
      inputDecimal.setAlignment(HorizontalAlignment.RIGHT);
      inputBool = style(blueFont, null);
      inputBool.setAlignment(HorizontalAlignment.RIGHT);
      percent = style(null, "0.0%");
      percentBold = style(boldFont, "0.0%");
      percentBold.setBorderTop(BorderStyle.THIN);
      hour = style(null, "yyyy-mm-dd hh:mm");
      day = style(null, "yyyy-mm-dd");
    }

    private Font font(boolean italic, boolean isBold, int points, IndexedColors color) {
      Font f = wb.createFont();
      f.setItalic(italic);
      f.setBold(isBold);
      f.setFontHeightInPoints((short) points);
      f.setColor(color.getIndex());
      return f;
    }

    private CellStyle style(Font f, String format) {
      CellStyle s = wb.createCellStyle();
      s.setVerticalAlignment(VerticalAlignment.TOP);
      if (f != null) {
        s.setFont(f);
      }
      if (format != null) {
        s.setDataFormat(wb.createDataFormat().getFormat(format));
      }
      return s;
    }

    /** The same style with the quote prefix: the cell is text even when edited. */
    CellStyle quoted(CellStyle base) {
      return quoted.computeIfAbsent(base, b -> {
        CellStyle q = wb.createCellStyle();
        q.cloneStyleFrom(b);
        q.setQuotePrefixed(true);
        return q;
      });
    }
  }
}
