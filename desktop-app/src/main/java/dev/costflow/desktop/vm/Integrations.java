package dev.costflow.desktop.vm;

import dev.costflow.actuals.DailyCost;
import dev.costflow.billing.BillingStore;
import dev.costflow.reports.AtomicFiles;
import dev.costflow.engine.Estimate;
import dev.costflow.importers.arch.ArchitectureImport;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.CatalogLoader;
import dev.costflow.reports.ModeledVsActual;
import dev.costflow.reports.XlsxExport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of costflow the desktop uses beyond the estimator: the architecture importers, the
 * spreadsheet exporter and the billing store. Each is optional so that tests (and a build without
 * one) can leave it out: a missing part disables its menu item with a tooltip that says why.
 */
public record Integrations(
    Optional<ModelImporter> sam,
    Optional<ModelImporter> serverless,
    Optional<SpreadsheetExporter> spreadsheet,
    Optional<ActualsSource> actuals) {

  /** Turns an architecture file (a SAM template, a serverless.yml) into model YAML text. */
  @FunctionalInterface
  public interface ModelImporter {
    String importModel(Path source) throws Exception;
  }

  /** Writes an estimate as a spreadsheet. */
  @FunctionalInterface
  public interface SpreadsheetExporter {
    void export(Estimate estimate, Path out) throws Exception;
  }

  /** Billed cost per day from the billing store. */
  public interface ActualsSource {
    /** Where the data lives, for messages. */
    String describe();

    /** Every day the store holds; empty when nothing was imported. */
    List<DailyCost> dailyCosts() throws Exception;
  }

  public static final String NO_SAM = "Importing SAM/CloudFormation templates needs the architecture importer (costflow import sam).";
  public static final String NO_SERVERLESS = "Importing serverless.yml needs the architecture importer (costflow import serverless).";
  public static final String NO_SPREADSHEET = "Spreadsheet export needs the XLSX exporter (costflow export --xlsx).";
  public static final String NO_ACTUALS = "Modeled vs actual needs the billing store (costflow import cur|cur2|focus|ce).";

  public static Integrations none() {
    return new Integrations(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Everything this build of costflow provides; the billing store in {@code home}. */
  public static Integrations detect(Path home) {
    ModelImporter sam = src -> ArchitectureImport.sam(src, src.toString(), new ArchitectureImport.SamOptions("us-east-1", Optional.empty(), Map.of(), Optional.empty()))
        .modelText();
    ModelImporter serverless = src -> ArchitectureImport.serverless(src, src.toString(),
        new ArchitectureImport.ServerlessOptions(Optional.empty(), Optional.empty(), Map.of(), Optional.empty())).modelText();
    ActualsSource store = new StoreActuals(home);
    return new Integrations(Optional.of(sam), Optional.of(serverless), Optional.of(new Spreadsheet(CatalogLoader.bundled(), Optional.of(store))), Optional.of(store));
  }

  public Integrations withActuals(ActualsSource source) {
    return new Integrations(sam, serverless, spreadsheet, Optional.of(source));
  }

  public Integrations withSpreadsheet(SpreadsheetExporter x) {
    return new Integrations(sam, serverless, Optional.of(x), actuals);
  }

  public Integrations withImporters(ModelImporter samImporter, ModelImporter serverlessImporter) {
    return new Integrations(Optional.ofNullable(samImporter), Optional.ofNullable(serverlessImporter), spreadsheet, actuals);
  }

  /**
   * The billing store of {@code costflow import}: opened for each read and closed again (never
   * created by the desktop, never held open while another costflow command imports).
   */
  public record StoreActuals(Path home) implements ActualsSource {
    @Override
    public String describe() {
      return home.resolve(BillingStore.FILE).toString();
    }

    @Override
    public List<DailyCost> dailyCosts() {
      if (!Files.isRegularFile(home.resolve(BillingStore.FILE))) {
        return List.of();
      }
      try (BillingStore s = BillingStore.open(home)) {
        return s.dailyCosts(Optional.empty(), Optional.empty());
      }
    }
  }

  /** The workbook of {@code costflow export --xlsx}, with the Actuals vs Modeled sheet when the store has bills. */
  public record Spreadsheet(Catalog catalog, Optional<ActualsSource> actuals) implements SpreadsheetExporter {
    @Override
    public void export(Estimate estimate, Path out) throws Exception {
      quietPoiLogging();
      Optional<ModeledVsActual.Comparison> vs = Optional.empty();
      if (actuals.isPresent()) {
        vs = ModeledVsActual.compare(estimate, actuals.get().dailyCosts());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      XlsxExport.write(estimate, catalog, vs, bytes);
      AtomicFiles.write(out, bytes.toByteArray());
    }

    /** POI logs through the Log4j API, which complains on stderr without an implementation: silence it. */
    private static void quietPoiLogging() {
      if (System.getProperty("log4j2.loggerContextFactory") == null) {
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
      }
    }
  }
}
