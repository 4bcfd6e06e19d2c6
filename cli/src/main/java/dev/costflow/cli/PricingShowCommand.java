package dev.costflow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costflow.model.Suggest;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.FreeTier;
import dev.costflow.pricing.Meter;
import dev.costflow.pricing.Rate;
import dev.costflow.pricing.Tier;
import dev.costflow.reports.Escape;
import dev.costflow.reports.Format;
import dev.costflow.reports.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "A meter's dated rates per region, with tiers, free tiers and sources; * marks the rate in effect.")
public final class PricingShowCommand implements Callable<Integer> {
  public enum Fmt {
    table,
    json
  }

  @Parameters(index = "0", paramLabel = "METER", description = "The meter id, e.g. aws.lambda.duration.x86_64.")
  String meterId;

  @Option(names = "--region", paramLabel = "REGION", description = "Only this region's rates.")
  String region;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Mark the rates in effect on this day (default: the catalog's date).")
  String asOf;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Fmt format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of standard output.")
  Path out;

  @Mixin CatalogOptions catalogOptions;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Catalog c = catalogOptions.catalog();
    Optional<Meter> found = c.meter(meterId);
    if (found.isEmpty()) {
      List<String> ids = c.meters().stream().map(Meter::id).toList();
      throw new UserException("costflow pricing show: the catalog has no meter '" + meterId + "'" + Suggest.hint(meterId, ids) + " (costflow pricing list lists them)");
    }
    Meter m = found.get();
    LocalDate day;
    try {
      day = asOf == null ? c.asOf() : LocalDate.parse(asOf);
    } catch (DateTimeParseException e) {
      throw new UserException("--as-of: expected a date YYYY-MM-DD, got '" + asOf + "'");
    }
    List<Rate> rates = new ArrayList<>(m.rates());
    if (region != null) {
      rates.removeIf(r -> !r.region().equals(region));
      if (rates.isEmpty()) {
        throw new UserException("costflow pricing show: " + m.id() + " has no rate in region '" + region + "'; it is priced in " + String.join(", ", c.regionsOf(m.id())));
      }
    }
    List<String> order = c.regionsOf(m.id());
    rates.sort(Comparator.comparing((Rate r) -> order.indexOf(r.region())).thenComparing(Rate::effectiveFrom));
    String text = format == Fmt.json ? json(c, m, rates, day) : table(c, m, rates, day);
    Output.write(text, out, spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** Whether a rate is the one in effect on {@code day} in its region. */
  static boolean inEffect(Meter m, Rate r, LocalDate day) {
    Rate best = null;
    for (Rate x : m.rates()) {
      if (x.region().equals(r.region()) && !x.effectiveFrom().isAfter(day) && (best == null || x.effectiveFrom().isAfter(best.effectiveFrom()))) {
        best = x;
      }
    }
    return best == r;
  }

  static String price(Rate r, String unit) {
    if (!r.isTiered()) {
      return Format.unitPrice(r.firstTierUsd(), unit);
    }
    List<String> parts = new ArrayList<>();
    for (Tier t : r.tiers()) {
      String range = t.upToQuantity().map(u -> "up to " + Format.count(u.doubleValue())).orElse("above " + Format.count(t.fromQuantity().doubleValue()));
      parts.add(range + ": " + Format.unitPrice(t.usdPerUnit(), unit));
    }
    return String.join("; ", parts);
  }

  private static String table(Catalog c, Meter m, List<Rate> rates, LocalDate day) {
    StringBuilder b = new StringBuilder();
    b.append(m.id()).append(" · ").append(m.unit()).append(" · ").append(Escape.terminal(m.description())).append('\n');
    if (m.freeTiers().isEmpty()) {
      b.append("free tier: none\n");
    }
    for (FreeTier f : m.freeTiers()) {
      b.append("free tier: ").append(Format.count(f.monthlyQuantity().doubleValue())).append(' ').append(m.unit()).append(" a month")
          .append(f.group().equals(m.id()) ? "" : " (shared: " + f.group() + ")").append(", from ").append(f.from()).append(f.until().map(u -> " until " + u).orElse(""))
          .append(" — ").append(Escape.terminal(f.source())).append('\n');
    }
    b.append("in effect on ").append(day).append(" marked *\n\n");
    for (Rate r : rates) {
      b.append(inEffect(m, r, day) ? "* " : "  ").append(r.region()).append("  from ").append(r.effectiveFrom()).append("  ").append(price(r, m.unit())).append('\n');
      b.append("    source: ").append(Escape.terminal(r.source())).append('\n');
      r.note().ifPresent(n -> b.append("    note: ").append(Escape.terminal(n)).append('\n'));
    }
    List<String> regions = c.regionsOf(m.id());
    b.append('\n').append("priced in ").append(regions.size()).append(regions.size() == 1 ? " region" : " regions").append(": ").append(String.join(", ", regions)).append('\n');
    return b.toString();
  }

  private static String json(Catalog c, Meter m, List<Rate> rates, LocalDate day) {
    ObjectNode root = Json.object();
    root.put("schema", "costflow/pricing-meter@1");
    root.put("id", m.id());
    root.put("unit", m.unit());
    root.put("description", m.description());
    root.put("as_of", day.toString());
    ArrayNode free = root.putArray("free_tiers");
    for (FreeTier f : m.freeTiers()) {
      ObjectNode n = free.addObject();
      n.put("group", f.group());
      n.put("monthly", Json.strip(f.monthlyQuantity()));
      n.put("from", f.from().toString());
      f.until().ifPresent(u -> n.put("until", u.toString()));
      n.put("source", f.source());
    }
    ArrayNode arr = root.putArray("rates");
    for (Rate r : rates) {
      ObjectNode n = arr.addObject();
      n.put("region", r.region());
      n.put("from", r.effectiveFrom().toString());
      n.put("in_effect", inEffect(m, r, day));
      ArrayNode tiers = n.putArray("tiers");
      for (Tier t : r.tiers()) {
        ObjectNode tn = tiers.addObject();
        tn.put("from", Json.strip(t.fromQuantity()));
        t.upToQuantity().ifPresent(u -> tn.put("up_to", Json.strip(u)));
        tn.put("usd", Json.strip(t.usdPerUnit()));
      }
      n.put("source", r.source());
      r.note().ifPresent(x -> n.put("note", x));
    }
    return Json.write(root);
  }

}
