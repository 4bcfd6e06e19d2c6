package dev.costflow.desktop.vm;

import dev.costflow.actuals.DailyCost;
import dev.costflow.engine.Estimate;
import dev.costflow.model.Model;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The parts of costflow the desktop uses when this build has them: importers of architectures,
 * the spreadsheet exporter, the billing store and the diff engine. A missing part disables its
 * menu item with a tooltip that says why, instead of failing when used.
 */
public record Integrations(
    Optional<ModelImporter> sam,
    Optional<ModelImporter> serverless,
    Optional<SpreadsheetExporter> spreadsheet,
    Optional<ActualsSource> actuals,
    Optional<ScenarioDiffer> differ) {

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

    List<DailyCost> dailyCosts(LocalDate since, LocalDate until) throws Exception;
  }

  /** The cost drivers between two models, in words with their effect (the engine of {@code costflow diff}). */
  @FunctionalInterface
  public interface ScenarioDiffer {
    List<Driver> drivers(Model base, Model head) throws Exception;
  }

  /** One driver: what changed and what it does to the period's cost. */
  public record Driver(String description, java.math.BigDecimal effectUsd) {}

  public static final String NO_SAM = "Importing SAM/CloudFormation templates needs the architecture importer (costflow import sam), which this build does not include.";
  public static final String NO_SERVERLESS = "Importing serverless.yml needs the architecture importer (costflow import serverless), which this build does not include.";
  public static final String NO_SPREADSHEET = "Spreadsheet export needs the XLSX exporter (costflow export --xlsx), which this build does not include.";
  public static final String NO_ACTUALS = "Modeled vs actual needs the billing store (costflow import cur|cur2|focus|ce), which this build does not include.";
  public static final String NO_DIFFER = "Cost drivers need the diff engine (costflow diff), which this build does not include: the list shows what changed.";

  public static Integrations none() {
    return new Integrations(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** What this build of costflow provides. */
  public static Integrations detect() {
    return none();
  }

  public Integrations withActuals(ActualsSource source) {
    return new Integrations(sam, serverless, spreadsheet, Optional.of(source), differ);
  }

  public Integrations withSpreadsheet(SpreadsheetExporter x) {
    return new Integrations(sam, serverless, Optional.of(x), actuals, differ);
  }

  public Integrations withImporters(ModelImporter samImporter, ModelImporter serverlessImporter) {
    return new Integrations(Optional.ofNullable(samImporter), Optional.ofNullable(serverlessImporter), spreadsheet, actuals, differ);
  }

  public Integrations withDiffer(ScenarioDiffer d) {
    return new Integrations(sam, serverless, spreadsheet, actuals, Optional.of(d));
  }
}
