package dev.costflow.cli;

import dev.costflow.billing.BillingStore;
import dev.costflow.billing.BillingStoreException;
import dev.costflow.importers.bills.BillImportException;
import dev.costflow.importers.bills.CostExplorerImporter;
import dev.costflow.pricing.UsageTypeIndex;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/** {@code costflow import ce --start DATE --end DATE}: daily cost and usage from the Cost Explorer API. */
@Command(name = "ce", description = {"Daily cost and usage by service and usage type from the AWS Cost Explorer API (GetCostAndUsage, every page).",
    "Credentials: the AWS SDK default chain (environment, profile, SSO, container or instance role). Endpoint: AWS_ENDPOINT_URL_COST_EXPLORER or AWS_ENDPOINT_URL.",
    "Each API page costs $0.01. Replaces the days [--start, --end) of the billing account."}, mixinStandardHelpOptions = true)
public final class ImportCeCommand implements Callable<Integer> {
  @Option(names = "--start", required = true, paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC).")
  String start;

  @Option(names = "--end", required = true, paramLabel = "DATE", description = "Day after the last day (YYYY-MM-DD; Cost Explorer's end is exclusive).")
  String end;

  @Option(names = "--account", paramLabel = "ID", defaultValue = "", description = "Billing (payer) account the lines belong to, to keep accounts apart (default: none).")
  String account;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static LocalDate date(String option, String v) {
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new UserException("costflow: " + option + ": expected a date YYYY-MM-DD, got '" + v + "'");
    }
  }

  @Override
  public Integer call() {
    LocalDate s = date("--start", start);
    LocalDate e = date("--end", end);
    if (!e.isAfter(s)) {
      throw new UserException("costflow: --end " + e + " must be after --start " + s + " (the end day is not included)");
    }
    Optional<URI> endpoint;
    try {
      endpoint = CostExplorerImporter.endpointFromEnvironment(System.getenv());
    } catch (BillImportException ex) {
      throw new UserException("costflow: " + ex.file() + ": " + ex.getMessage());
    }
    try (BillingStore st = store.open(); CostExplorerClient client = CostExplorerImporter.client(endpoint)) {
      CostExplorerImporter.Outcome o = new CostExplorerImporter(UsageTypeIndex.bundled())
          .run(st, client, new CostExplorerImporter.Options(s, e, account.strip()), BillingImports.progress(spec.commandLine().getErr()));
      spec.commandLine().getOut().print(BillingImports.summary("ce", o.stats(), o.result(), o.replaced(), st.file(),
          List.of(String.format(Locale.ROOT, "%d Cost Explorer request(s) at $0.01 each", o.pages()))));
      spec.commandLine().getOut().flush();
      return Main.EXIT_OK;
    } catch (BillImportException ex) {
      throw BillingImports.bad(ex);
    } catch (BillingStoreException ex) {
      throw BillingImports.failed(ex);
    } catch (SdkException ex) {
      throw new UserException("costflow: Cost Explorer: " + firstLine(ex.getMessage()), ex);
    }
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "request failed";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
