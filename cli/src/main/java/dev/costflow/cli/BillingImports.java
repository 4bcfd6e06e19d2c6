package dev.costflow.cli;

import dev.costflow.billing.BillingStoreException;
import dev.costflow.billing.ImportStats;
import dev.costflow.billing.Partition;
import dev.costflow.billing.StagedImport;
import dev.costflow.importers.bills.BillImportException;
import dev.costflow.importers.bills.Progress;
import dev.costflow.reports.Escape;
import dev.costflow.reports.Format;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the billing import commands share: the progress bar, error mapping and the summary. */
final class BillingImports {
  /** Set by the launcher when standard error is a terminal ({@code [ -t 2 ]}). */
  static final String TTY_PROPERTY = "costflow.stderrIsTerminal";

  private BillingImports() {}

  static Progress progress(PrintWriter err) {
    return Boolean.getBoolean(TTY_PROPERTY) ? Progress.terminal(err) : Progress.NONE;
  }

  static UserException bad(BillImportException e) {
    return new UserException(Escape.terminal(e.formatted()), e);
  }

  static UserException failed(BillingStoreException e) {
    return new UserException("costflow: " + e.getMessage(), e);
  }

  /** The summary printed after an import. */
  static String summary(String kind, ImportStats s, StagedImport.Result r, Set<Partition> replaced, Path store, List<String> extra) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "imported %,d rows from %s (%s) into %s, import #%d%n", s.rowsRead(),
        s.files().isEmpty() ? "Cost Explorer" : s.files().size() == 1 ? Escape.terminal(s.files().iterator().next()) : s.files().size() + " files", kind,
        Escape.terminal(store.toString()), r.importId()));
    if (s.firstDay().isPresent()) {
      b.append(String.format(Locale.ROOT, "  days       %d (%s .. %s, UTC)%n", s.days().size(), s.firstDay().get(), s.lastDay().get()));
    } else {
      b.append("  days       none\n");
    }
    List<Map.Entry<String, BigDecimal>> services = new ArrayList<>(s.billedByService().entrySet());
    services.sort(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < Math.min(3, services.size()); i++) {
      top.append(i == 0 ? "; top: " : ", ").append(Escape.terminal(services.get(i).getKey())).append(' ').append(Format.usd(services.get(i).getValue()));
    }
    b.append(String.format(Locale.ROOT, "  services   %d%s%n", services.size(), top));
    b.append("  billed     ").append(Format.usd(s.billedUsd())).append("   amortized ").append(Format.usd(s.amortizedUsd())).append("   list ")
        .append(Format.usd(s.listUsd())).append('\n');
    b.append(String.format(Locale.ROOT, "  lines      %,d stored, %,d replaced (%s)%n", r.linesStored(), r.linesReplaced(),
        Escape.terminal(String.join("; ", new TreeSet<>(replaced.stream().map(Partition::toString).toList())))));
    b.append(String.format(Locale.ROOT, "  rejected   %,d rows%n", s.rowsRejected()));
    for (Map.Entry<String, Long> e : s.rejectReasons().entrySet()) {
      b.append(String.format(Locale.ROOT, "    %,d: %s%n", e.getValue(), Escape.terminal(e.getKey())));
    }
    long unmappedRows = s.unmapped().values().stream().mapToLong(Long::longValue).sum();
    b.append(String.format(Locale.ROOT, "  meters     %,d usage rows map to catalog meters, %,d rows of %d usage types do not%n", s.mappedRows(), unmappedRows,
        s.unmapped().size()));
    s.unmapped().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(3)
        .forEach(e -> b.append(String.format(Locale.ROOT, "    %,d: %s%n", e.getValue(), Escape.terminal(e.getKey()))));
    for (Map.Entry<String, Long> e : s.notes().entrySet()) {
      b.append("  note       ").append(Escape.terminal(e.getKey())).append(e.getValue() > 1 ? String.format(Locale.ROOT, " (%,d rows)", e.getValue()) : "").append('\n');
    }
    for (String x : extra) {
      b.append("  note       ").append(Escape.terminal(x)).append('\n');
    }
    for (Map.Entry<String, Long> e : r.otherSourcesOnSameDays().entrySet()) {
      b.append(String.format(Locale.ROOT, "warning: the store also holds %s lines on %d of these days; totals add both sources "
          + "(remove one with 'costflow actuals --forget IMPORT')%n", e.getKey(), e.getValue()));
    }
    return b.toString();
  }
}
