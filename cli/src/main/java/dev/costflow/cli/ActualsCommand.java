package dev.costflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.billing.Grouping;
import dev.costflow.billing.ImportRecord;
import dev.costflow.reports.ActualsReports;
import dev.costflow.reports.Escape;
import dev.costflow.reports.Format;
import dev.costflow.reports.Json;
import dev.costflow.reports.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code costflow actuals}: what the billing store holds, aggregated by service, day, meter or usage type. */
@Command(name = "actuals", description = {"What the billing store holds: billed, amortized and list cost by service, day, meter or usage type.",
    "--imports lists the imports; --forget ID removes the lines an import stored."}, mixinStandardHelpOptions = true)
public final class ActualsCommand implements Callable<Integer> {
  public enum By {
    service(Grouping.SERVICE),
    day(Grouping.DAY),
    meter(Grouping.METER),
    usage_type(Grouping.USAGE_TYPE);

    final Grouping grouping;

    By(Grouping g) {
      this.grouping = g;
    }
  }

  public enum Fmt {
    table,
    json,
    markdown,
    csv
  }

  @Option(names = "--by", defaultValue = "service", description = "service, day, meter or usage_type (default: ${DEFAULT-VALUE}).")
  By by;

  @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC, inclusive).")
  String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD, UTC, inclusive).")
  String until;

  @Option(names = "--format", defaultValue = "table", description = "table, json, markdown or csv (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Option(names = "--imports", description = "List the imports instead (newest first).")
  boolean imports;

  @Option(names = "--forget", paramLabel = "IMPORT", description = "Remove the lines import IMPORT stored (see --imports).")
  Long forget;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Optional<LocalDate> s = Optional.ofNullable(since).map(v -> ImportCeCommand.date("--since", v));
    Optional<LocalDate> u = Optional.ofNullable(until).map(v -> ImportCeCommand.date("--until", v));
    try (BillingStore st = store.open()) {
      String text;
      if (forget != null) {
        if (st.imports().stream().noneMatch(i -> i.id() == forget)) {
          throw new UserException("costflow: --forget: no import " + forget + " in " + st.file() + " (see costflow actuals --imports)");
        }
        long n = st.forget(forget);
        text = "removed import " + forget + ": " + n + " lines\n";
      } else if (imports) {
        text = format == Fmt.json ? importsJson(st.imports()) : importsTable(st.imports());
      } else {
        ActualsReports.Actuals a = new ActualsReports.Actuals(by.grouping.key(), s, u, st.totals(by.grouping, s, u));
        text = switch (format) {
          case table -> ActualsReports.table(a);
          case json -> ActualsReports.json(a);
          case markdown -> ActualsReports.markdown(a);
          case csv -> ActualsReports.csv(a);
        };
      }
      Output.write(text, out, spec.commandLine().getOut());
      return Main.EXIT_OK;
    } catch (BillingStoreException e) {
      throw BillingImports.failed(e);
    }
  }

  static String importsTable(List<ImportRecord> list) {
    if (list.isEmpty()) {
      return "No imports yet.\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"IMPORT", "KIND", "FINISHED", "ROWS", "LINES", "DAYS", "BILLED", "REPLACED", "SOURCES"});
    for (ImportRecord i : list) {
      rows.add(new String[] {Long.toString(i.id()), i.sourceKind(), i.finishedAt(), Long.toString(i.rowsRead()), Long.toString(i.linesStored()),
          i.firstDay().map(d -> d + ".." + i.lastDay().orElse(d)).orElse(""), Format.usd(i.billedUsd()), Escape.terminal(i.partitions().replace('\n', ';')),
          Escape.terminal(i.sources().replace('\n', ' '))});
    }
    return Tables.text(rows, new boolean[] {true, false, false, true, true, false, true, false, false}, -1);
  }

  static String importsJson(List<ImportRecord> list) {
    ObjectNode root = Json.object();
    root.put("schema", "costflow/imports@1");
    ArrayNode a = root.putArray("imports");
    for (ImportRecord i : list) {
      ObjectNode n = a.addObject();
      n.put("id", i.id());
      n.put("kind", i.sourceKind());
      n.put("finished_at", i.finishedAt());
      n.put("rows_read", i.rowsRead());
      n.put("rows_rejected", i.rowsRejected());
      n.put("lines_stored", i.linesStored());
      n.put("lines_replaced", i.linesReplaced());
      n.put("first_day", i.firstDay().map(Object::toString).orElse(null));
      n.put("last_day", i.lastDay().map(Object::toString).orElse(null));
      n.put("billed_usd", Json.strip(i.billedUsd()));
      ArrayNode p = n.putArray("partitions");
      for (String x : i.partitions().split("\n")) {
        p.add(x);
      }
      ArrayNode src = n.putArray("sources");
      for (String x : i.sources().split("\n")) {
        src.add(x);
      }
    }
    return Json.write(root);
  }
}
