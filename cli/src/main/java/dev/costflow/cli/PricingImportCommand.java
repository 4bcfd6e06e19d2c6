package dev.costflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.CatalogException;
import dev.costflow.pricing.CatalogLoader;
import dev.costflow.pricing.Meter;
import dev.costflow.pricing.PriceListImporter;
import dev.costflow.pricing.Rate;
import dev.costflow.pricing.Tier;
import dev.costflow.reports.Escape;
import dev.costflow.reports.Json;
import dev.costflow.reports.Tables;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YamlWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, description = {"Refresh a region's rates from an AWS Price List offer file "
    + "(https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/<region>/index.json). The rates go to "
    + "$COSTFLOW_HOME/catalog/imported/ and apply to every later estimate; the bundled files are not changed."})
public final class PricingImportCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "The offer file (JSON).")
  Path file;

  @Option(names = "--region", paramLabel = "REGION", description = "Region of products that name none (offer files normally name it).")
  String region;

  @Option(names = "--dry-run", description = "Show what would change; write nothing.")
  boolean dryRun;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Mixin CatalogOptions catalogOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // Compare with the bundled prices plus what was imported before.
    Catalog catalog = catalogOptions.catalog();
    if (region != null && catalog.region(region).isEmpty()) {
      throw new UserException("--region: the catalog knows no region '" + region + "' (costflow pricing list --regions lists them)");
    }
    PriceListImporter.Result result;
    try {
      result = new PriceListImporter(catalog).read(file, Optional.ofNullable(region));
    } catch (CatalogException e) {
      throw new UserException(e.getMessage(), e);
    }
    Path written = null;
    if (!dryRun && !result.rates().isEmpty()) {
      Set<String> regions = new LinkedHashSet<>();
      result.rates().forEach(i -> regions.add(i.rate().region()));
      String day = result.rates().stream().map(i -> i.rate().effectiveFrom()).max(java.util.Comparator.naturalOrder()).orElseThrow().toString();
      String name = result.offerCode() + "-" + (regions.size() == 1 ? regions.iterator().next() : regions.size() + "-regions") + "-" + day + ".yaml";
      written = catalogOptions.importedDir().resolve(name);
      String yaml = overlay(catalog, result);
      // Check that the file reads back as a catalog file before it replaces anything.
      try {
        CatalogLoader.read(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), written.toString());
      } catch (java.io.IOException | CatalogException e) {
        throw new IllegalStateException("imported prices do not read back: " + e.getMessage(), e);
      }
      Output.writeAtomically(written, yaml.getBytes(StandardCharsets.UTF_8));
    }
    String text = format == Fmt.json ? json(result, written) : table(result, written);
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return Main.EXIT_OK;
  }

  private String table(PriceListImporter.Result r, Path written) {
    StringBuilder b = new StringBuilder();
    b.append("offer ").append(Escape.terminal(r.offerCode())).append(r.version().isEmpty() ? "" : " version " + Escape.terminal(r.version()))
        .append(r.publicationDate().isEmpty() ? "" : ", published " + Escape.terminal(r.publicationDate())).append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"METER", "REGION", "FROM", "BEFORE", "IMPORTED", "CHANGE", "USAGE TYPE"});
    for (PriceListImporter.Imported i : r.rates()) {
      String unit = unitOf(i.rate().meterId());
      String before = i.previous().map(p -> PricingShowCommand.price(p, unit)).orElse("(none)");
      String now = PricingShowCommand.price(i.rate(), unit);
      String status = i.previous().isEmpty() ? "new region" : same(i.previous().get(), i.rate()) ? "same" : "changed";
      rows.add(new String[] {i.rate().meterId(), i.rate().region(), i.rate().effectiveFrom().toString(), before, now, status, Escape.terminal(i.usageType())});
    }
    b.append(Tables.text(rows, new boolean[] {false, false, false, false, false, false, false}, -1));
    int skipped = r.skippedUsageTypes().values().stream().mapToInt(Integer::intValue).sum();
    if (skipped > 0) {
      b.append(skipped).append(" product").append(skipped == 1 ? "" : "s").append(" of ").append(r.skippedUsageTypes().size())
          .append(" usage types no catalog meter reads were skipped (e.g. ").append(Escape.terminal(String.join(", ", r.skippedUsageTypes().keySet().stream().limit(5).toList())))
          .append(")\n");
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(Escape.terminal(w)).append('\n');
    }
    if (r.rates().isEmpty()) {
      b.append("nothing imported\n");
    } else if (written != null) {
      b.append(r.rates().size()).append(" rate").append(r.rates().size() == 1 ? "" : "s").append(" written to ").append(written)
          .append("; estimates use them from their effective day (costflow pricing show METER).\n");
    } else {
      b.append("dry run: nothing written\n");
    }
    return b.toString();
  }

  private String unitOf(String meterId) {
    return CatalogLoader.bundled().meter(meterId).map(Meter::unit).orElse("");
  }

  private static boolean same(Rate a, Rate b) {
    if (a.tiers().size() != b.tiers().size()) {
      return false;
    }
    for (int i = 0; i < a.tiers().size(); i++) {
      Tier x = a.tiers().get(i);
      Tier y = b.tiers().get(i);
      if (x.usdPerUnit().compareTo(y.usdPerUnit()) != 0 || !x.upToQuantity().map(v -> y.upToQuantity().map(w -> v.compareTo(w) == 0).orElse(false))
          .orElse(y.upToQuantity().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private String json(PriceListImporter.Result r, Path written) {
    ObjectNode root = Json.object();
    root.put("schema", "costflow/pricing-import@1");
    root.put("offer_code", r.offerCode());
    root.put("version", r.version());
    root.put("publication_date", r.publicationDate());
    ArrayNode arr = root.putArray("rates");
    for (PriceListImporter.Imported i : r.rates()) {
      ObjectNode n = arr.addObject();
      n.put("meter", i.rate().meterId());
      n.put("region", i.rate().region());
      n.put("from", i.rate().effectiveFrom().toString());
      n.put("sku", i.sku());
      n.put("usage_type", i.usageType());
      ArrayNode tiers = n.putArray("tiers");
      for (Tier t : i.rate().tiers()) {
        ObjectNode tn = tiers.addObject();
        tn.put("from", Json.strip(t.fromQuantity()));
        t.upToQuantity().ifPresent(u -> tn.put("up_to", Json.strip(u)));
        tn.put("usd", Json.strip(t.usdPerUnit()));
      }
      n.put("status", i.previous().isEmpty() ? "new_region" : same(i.previous().get(), i.rate()) ? "same" : "changed");
    }
    ObjectNode skipped = root.putObject("skipped_usage_types");
    r.skippedUsageTypes().forEach(skipped::put);
    ArrayNode warnings = root.putArray("warnings");
    r.warnings().forEach(warnings::add);
    if (written != null) {
      root.put("written", written.toString());
    } else {
      root.putNull("written");
    }
    return Json.write(root);
  }

  /** The imported rates as a catalog file (meters by id, each with its new rates). */
  static String overlay(Catalog catalog, PriceListImporter.Result r) {
    Position pos = Position.of("import");
    Map<String, List<Rate>> byMeter = new LinkedHashMap<>();
    for (PriceListImporter.Imported i : r.rates()) {
      byMeter.computeIfAbsent(i.rate().meterId(), k -> new ArrayList<>()).add(i.rate());
    }
    List<YNode> meters = new ArrayList<>();
    for (Map.Entry<String, List<Rate>> e : byMeter.entrySet()) {
      Meter m = catalog.meter(e.getKey()).orElseThrow();
      List<YNode> rates = new ArrayList<>();
      for (Rate rate : e.getValue()) {
        List<YEntry> re = new ArrayList<>();
        re.add(entry("region", str(rate.region(), pos), pos));
        re.add(entry("from", str(rate.effectiveFrom().toString(), pos), pos));
        if (rate.isTiered()) {
          List<YNode> tiers = new ArrayList<>();
          for (Tier t : rate.tiers()) {
            List<YEntry> te = new ArrayList<>();
            t.upToQuantity().ifPresent(u -> te.add(entry("up_to", num(u.toPlainString(), pos), pos)));
            te.add(entry("usd", num(t.usdPerUnit().toPlainString(), pos), pos));
            tiers.add(new YMap(te, pos));
          }
          re.add(entry("tiers", new YList(tiers, pos), pos));
        } else {
          re.add(entry("usd", num(rate.firstTierUsd().toPlainString(), pos), pos));
        }
        re.add(entry("source", str(rate.source(), pos), pos));
        rate.note().ifPresent(n -> re.add(entry("note", str(n, pos), pos)));
        rates.add(new YMap(re, pos));
      }
      meters.add(new YMap(List.of(entry("id", str(m.id(), pos), pos), entry("unit", str(m.unit(), pos), pos), entry("description", str(m.description(), pos), pos),
          entry("rates", new YList(rates, pos), pos)), pos));
    }
    YMap root = new YMap(List.of(entry("cloud", str("aws", pos), pos), entry("meters", new YList(meters, pos), pos)), pos);
    String header = "# Imported with costflow pricing import from an AWS Price List offer file: offer " + r.offerCode()
        + (r.version().isEmpty() ? "" : ", version " + r.version()) + (r.publicationDate().isEmpty() ? "" : ", published " + r.publicationDate()) + ".\n"
        + "# Each rate adds to the bundled meter of its id (replacing a rate of the same region and day). Delete this file to undo.\n";
    return header + YamlWriter.write(root);
  }

  private static YEntry entry(String key, YNode value, Position pos) {
    return new YEntry(key, pos, value);
  }

  private static YScalar str(String s, Position pos) {
    return new YScalar(s, YScalar.Kind.STRING, pos);
  }

  private static YScalar num(String s, Position pos) {
    return new YScalar(s, YScalar.Kind.FLOAT, pos);
  }
}
