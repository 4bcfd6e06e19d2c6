package dev.costflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.Meter;
import dev.costflow.pricing.Rate;
import dev.costflow.pricing.Region;
import dev.costflow.reports.Escape;
import dev.costflow.reports.Json;
import dev.costflow.reports.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the catalog's meters (or its regions, with --regions): unit, regions priced, newest rate.")
public final class PricingListCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json
  }

  @Option(names = "--cloud", paramLabel = "aws|azure|gcp", description = "Only this cloud's meters.")
  String cloud;

  @Option(names = "--service", paramLabel = "PREFIX", description = "Only meters whose id starts with PREFIX, e.g. aws.lambda.")
  String service;

  @Option(names = "--region", paramLabel = "REGION", description = "Only meters priced in REGION.")
  String region;

  @Option(names = "--regions", description = "List the regions instead: names, AWS bill usage-type prefixes, meters priced.")
  boolean regions;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin CatalogOptions catalogOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Catalog c = catalogOptions.catalog();
    if (cloud != null && !List.of("aws", "azure", "gcp").contains(cloud)) {
      throw new UserException("--cloud: expected aws, azure or gcp, got '" + cloud + "'");
    }
    if (region != null && c.region(region).isEmpty() && c.meters().stream().noneMatch(m -> m.rates().stream().anyMatch(r -> r.region().equals(region)))) {
      throw new UserException("--region: the catalog knows no region '" + region + "' (costflow pricing list --regions lists them)");
    }
    String text = regions ? regionList(c) : meterList(c);
    Output.write(text, out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  private List<Meter> selected(Catalog c) {
    List<Meter> out = new ArrayList<>();
    for (Meter m : c.meters()) {
      if (cloud != null && !m.id().startsWith(cloud + ".")) {
        continue;
      }
      if (service != null && !m.id().startsWith(service)) {
        continue;
      }
      if (region != null && m.rates().stream().noneMatch(r -> r.region().equals(region))) {
        continue;
      }
      out.add(m);
    }
    return out;
  }

  private String meterList(Catalog c) {
    List<Meter> meters = selected(c);
    if (format == Fmt.json) {
      ObjectNode root = Json.object();
      root.put("schema", "costflow/pricing-list@1");
      root.put("as_of", c.asOf().toString());
      ArrayNode arr = root.putArray("meters");
      for (Meter m : meters) {
        ObjectNode n = arr.addObject();
        n.put("id", m.id());
        n.put("unit", m.unit());
        n.put("description", m.description());
        ArrayNode rs = n.putArray("regions");
        c.regionsOf(m.id()).forEach(rs::add);
        n.put("newest_rate", newest(m).toString());
        n.put("free_tier", !m.freeTiers().isEmpty());
      }
      return Json.write(root);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"METER", "UNIT", "REGIONS", "NEWEST RATE", "FREE TIER", "DESCRIPTION"});
    String group = "";
    for (Meter m : meters) {
      String g = serviceOf(m.id());
      if (!g.equals(group) && rows.size() > 1) {
        rows.add(new String[] {"", "", "", "", "", ""});
      }
      group = g;
      List<String> rs = c.regionsOf(m.id());
      String regionText = rs.size() == 1 ? rs.get(0) : rs.get(0) + " +" + (rs.size() - 1);
      rows.add(new String[] {m.id(), m.unit(), regionText, newest(m).toString(), m.freeTiers().isEmpty() ? "" : "yes", Escape.terminal(m.description())});
    }
    return "price catalog · prices as of " + c.asOf() + " · " + meters.size() + " meters\n\n" + Tables.text(rows, new boolean[] {false, false, false, false, false, false}, -1)
        + "\ncostflow pricing show METER lists a meter's rates and sources; --regions lists the regions.\n";
  }

  private String regionList(Catalog c) {
    List<Region> rs = new ArrayList<>(c.regions());
    if (cloud != null) {
      rs.removeIf(r -> !r.cloud().equals(cloud));
    }
    if (region != null) {
      rs.removeIf(r -> !r.code().equals(region));
    }
    if (format == Fmt.json) {
      ObjectNode root = Json.object();
      root.put("schema", "costflow/pricing-regions@1");
      ArrayNode arr = root.putArray("regions");
      for (Region r : rs) {
        ObjectNode n = arr.addObject();
        n.put("cloud", r.cloud());
        n.put("code", r.code());
        n.put("name", r.name());
        r.priceListLocation().ifPresent(l -> n.put("price_list_location", l));
        r.usageTypePrefix().ifPresent(pf -> n.put("usage_type_prefix", pf));
        n.put("prefix_optional", r.prefixOptional());
        n.put("meters_priced", pricedIn(c, r.code()));
      }
      return Json.write(root);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CLOUD", "REGION", "NAME", "BILL PREFIX", "METERS PRICED"});
    for (Region r : rs) {
      String prefix = r.usageTypePrefix().map(pf -> r.prefixOptional() ? pf + " (often none)" : pf).orElse("");
      rows.add(new String[] {r.cloud(), r.code(), r.name(), prefix, Integer.toString(pricedIn(c, r.code()))});
    }
    return Tables.text(rows, new boolean[] {false, false, false, false, true}, -1);
  }

  static int pricedIn(Catalog c, String region) {
    int n = 0;
    for (Meter m : c.meters()) {
      if (m.rates().stream().anyMatch(r -> r.region().equals(region))) {
        n++;
      }
    }
    return n;
  }

  static LocalDate newest(Meter m) {
    return m.rates().stream().map(Rate::effectiveFrom).max(Comparator.naturalOrder()).orElse(LocalDate.EPOCH);
  }

  /** The service part of a meter id: its first two segments ({@code aws.lambda}). */
  static String serviceOf(String meterId) {
    String[] parts = meterId.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : meterId;
  }
}
