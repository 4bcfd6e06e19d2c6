package dev.costflow.reports;

import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A text dump of a workbook for golden tests: every cell with its formula or value and number
 * format, frozen panes, print setup, defined names and charts. Bytes of an .xlsx differ from run
 * to run (zip timestamps); this does not.
 */
final class XlsxDump {
  /** Rows listed per sheet before the rest is summed up (the hourly profile has hundreds). */
  static final int MAX_ROWS = 60;

  private XlsxDump() {}

  static String dump(XSSFWorkbook wb) {
    StringBuilder b = new StringBuilder();
    for (Name n : wb.getAllNames()) {
      b.append("name ").append(n.getNameName()).append(" = ").append(n.getRefersToFormula()).append('\n');
    }
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      XSSFSheet s = wb.getSheetAt(i);
      b.append("\n== ").append(s.getSheetName()).append('\n');
      PaneInformation pane = s.getPaneInformation();
      b.append("frozen: ").append(pane == null ? "none" : "rows " + pane.getHorizontalSplitPosition() + ", columns " + pane.getVerticalSplitPosition()).append('\n');
      b.append("print: ").append(s.getPrintSetup().getLandscape() ? "landscape" : "portrait").append(", fit to page ").append(s.getFitToPage())
          .append(", ").append(s.getPrintSetup().getFitWidth()).append(" wide × ").append(s.getPrintSetup().getFitHeight()).append(" tall")
          .append(s.getRepeatingRows() == null ? "" : ", repeat rows " + s.getRepeatingRows().formatAsString()).append('\n');
      StringBuilder widths = new StringBuilder();
      for (int c = 0; c < 12; c++) {
        widths.append(c == 0 ? "" : " ").append(s.getColumnWidth(c) / 256);
      }
      b.append("widths: ").append(widths).append('\n');
      int rows = 0;
      for (Row row : s) {
        if (rows++ == MAX_ROWS) {
          b.append("… ").append(s.getLastRowNum() + 1 - row.getRowNum()).append(" more rows to row ").append(s.getLastRowNum() + 1).append('\n');
          Row last = s.getRow(s.getLastRowNum());
          for (Cell c : last) {
            cell(b, c);
          }
          break;
        }
        for (Cell c : row) {
          cell(b, c);
        }
      }
      XSSFDrawing d = s.getDrawingPatriarch();
      if (d != null) {
        for (XSSFChart ch : d.getCharts()) {
          b.append("chart: ").append(ch.getTitleText() == null ? "" : ch.getTitleText().getString());
          for (var data : ch.getChartSeries()) {
            b.append(" · ").append(data.getClass().getSimpleName().replace("XDDF", "").replace("ChartData", ""));
            for (int k = 0; k < data.getSeriesCount(); k++) {
              var series = data.getSeries(k);
              b.append(" [").append(series.getCategoryData().getDataRangeReference()).append(" → ").append(series.getValuesData().getDataRangeReference());
              if (series.getShapeProperties() != null && series.getShapeProperties().getLineProperties() != null) {
                b.append(", line ").append(series.getShapeProperties().getLineProperties().getWidth()).append(" pt");
              }
              b.append(']');
            }
          }
          b.append('\n');
        }
      }
    }
    return b.toString();
  }

  private static void cell(StringBuilder b, Cell c) {
    if (c.getCellType() == CellType.BLANK) {
      return;
    }
    b.append(new CellReference(c).formatAsString(false)).append(": ");
    String format = c.getCellStyle().getDataFormatString();
    switch (c.getCellType()) {
      case FORMULA -> {
        b.append('=').append(c.getCellFormula()).append("  → ");
        switch (c.getCachedFormulaResultType()) {
          case NUMERIC -> b.append(number(c.getNumericCellValue()));
          case STRING -> b.append('"').append(c.getStringCellValue()).append('"');
          case BOOLEAN -> b.append(c.getBooleanCellValue());
          default -> b.append(c.getCachedFormulaResultType());
        }
      }
      case NUMERIC -> b.append(DateUtil.isCellDateFormatted(c) ? c.getLocalDateTimeCellValue().toString() : number(c.getNumericCellValue()));
      case STRING -> b.append('"').append(c.getStringCellValue()).append('"');
      case BOOLEAN -> b.append(c.getBooleanCellValue());
      default -> b.append(c.getCellType());
    }
    if (!"General".equals(format)) {
      b.append("  [").append(format).append(']');
    }
    if (c.getCellStyle().getQuotePrefixed()) {
      b.append("  [text]");
    }
    b.append('\n');
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.10g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
