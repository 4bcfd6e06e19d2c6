package dev.costflow.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads catalog data files. The bundled files live in this module's resources under {@code
 * dev/costflow/catalog/}, listed in {@code catalog.yaml} with the day they were reviewed; each is YAML:
 *
 * <pre>
 * product_code: AWSLambda          # optional: CUR lineItem/ProductCode of the meters below
 * service_name: AWS Lambda         # optional: CUR product/ProductName, FOCUS ServiceName, Cost Explorer SERVICE
 * meters:
 *   - id: aws.lambda.requests
 *     unit: requests
 *     description: Invocation requests
 *     usage_types: [Request, Request-ARM]   # optional: bill usage types without region prefix
 *     free_tier: [{group: aws.lambda.requests, monthly: 1000000, from: 2014-11-13, source: URL}]
 *     rates:
 *       - {region: us-east-1, from: 2014-11-13, usd: 0.0000002, source: URL}
 *       - {region: us-east-1, from: 2022-08-01, tiers: [{up_to: 6000000000, usd: 0.0000166667}, {usd: 0.000015}], source: URL}
 * </pre>
 */
public final class CatalogLoader {
  private static final String ROOT = "/dev/costflow/catalog/";
  private static volatile Catalog bundled;

  private CatalogLoader() {}

  /** The catalog bundled with this build, loaded once. */
  public static Catalog bundled() {
    Catalog c = bundled;
    if (c == null) {
      synchronized (CatalogLoader.class) {
        c = bundled;
        if (c == null) {
          c = loadBundled();
          bundled = c;
        }
      }
    }
    return c;
  }

  /**
   * The bundled catalog plus the rates imported into {@code importedDir} (YAML catalog files written
   * by {@code costflow pricing import}, read in name order; each rate adds to the bundled meter of
   * its id, replacing a rate of the same region and day). The default {@code as_of} becomes the
   * newest imported rate's day when that is later than the bundled review date. A missing
   * directory means nothing was imported.
   */
  public static Catalog installed(java.nio.file.Path importedDir) {
    Catalog base = bundled();
    if (!java.nio.file.Files.isDirectory(importedDir)) {
      return base;
    }
    List<java.nio.file.Path> files;
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(importedDir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new CatalogException("cannot list imported prices in " + importedDir + ": " + e.getMessage(), e);
    }
    List<Rate> rates = new ArrayList<>();
    for (java.nio.file.Path f : files) {
      try (InputStream in = java.nio.file.Files.newInputStream(f)) {
        for (Meter m : read(in, f.toString())) {
          if (base.meter(m.id()).isEmpty()) {
            throw new CatalogException(f + ": meter " + m.id() + " is not in the bundled catalog");
          }
          rates.addAll(m.rates());
        }
      } catch (IOException e) {
        throw new CatalogException("cannot read imported prices " + f + ": " + e.getMessage(), e);
      }
    }
    if (rates.isEmpty()) {
      return base;
    }
    Catalog c = base.withRates(rates);
    LocalDate newest = rates.stream().map(Rate::effectiveFrom).max(java.util.Comparator.naturalOrder()).orElse(base.asOf());
    return newest.isAfter(base.asOf()) ? c.withAsOf(newest) : c;
  }

  private static Catalog loadBundled() {
    JsonNode index;
    try (InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + "catalog.yaml")) {
      if (in == null) {
        throw new CatalogException("the bundled price catalog index (catalog.yaml) is missing");
      }
      index = YamlNodes.read(in);
    } catch (IOException e) {
      throw new CatalogException("cannot read the bundled catalog index: " + e.getMessage(), e);
    }
    LocalDate asOf = date(index, "as_of", "catalog.yaml", "index");
    List<Meter> meters = new ArrayList<>();
    for (JsonNode f : index.path("files")) {
      String file = f.asText();
      try (InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + file)) {
        if (in == null) {
          throw new CatalogException("catalog index names " + file + " but it is not bundled");
        }
        meters.addAll(read(in, "catalog/" + file));
      } catch (IOException e) {
        throw new CatalogException("cannot read bundled catalog file " + file + ": " + e.getMessage(), e);
      }
    }
    List<Region> regions = new ArrayList<>();
    for (JsonNode f : index.path("regions")) {
      String file = f.asText();
      try (InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + file)) {
        if (in == null) {
          throw new CatalogException("catalog index names " + file + " but it is not bundled");
        }
        regions.addAll(readRegions(in, "catalog/" + file));
      } catch (IOException e) {
        throw new CatalogException("cannot read bundled catalog file " + file + ": " + e.getMessage(), e);
      }
    }
    return new Catalog(meters, asOf, regions);
  }

  /** Reads a region file: {@code cloud:} and a list of {@code regions:}. */
  public static List<Region> readRegions(InputStream in, String name) throws IOException {
    JsonNode root = YamlNodes.read(in);
    if (root == null || !root.isObject()) {
      throw new CatalogException(name + ": a region file is a mapping with 'cloud' and 'regions'");
    }
    checkKeys(root, Set.of("cloud", "regions"), name, "file");
    String cloud = text(root, "cloud", name, "file");
    List<Region> out = new ArrayList<>();
    for (JsonNode r : root.path("regions")) {
      String code = text(r, "code", name, "region");
      String where = "region " + code;
      Map<String, String> attributes = new java.util.LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!Set.of("code", "name", "location", "billing_code", "prefix_optional").contains(e.getKey())) {
          attributes.put(e.getKey(), e.getValue().asText());
        }
      }
      out.add(new Region(cloud, code, text(r, "name", name, where),
          r.hasNonNull("location") ? Optional.of(r.get("location").asText()) : Optional.empty(),
          r.hasNonNull("billing_code") ? Optional.of(r.get("billing_code").asText()) : Optional.empty(),
          r.path("prefix_optional").asBoolean(false), attributes));
    }
    return out;
  }

  /** Reads the meters of one catalog file; {@code name} is used in error messages. */
  public static List<Meter> read(InputStream in, String name) throws IOException {
    JsonNode root = YamlNodes.read(in);
    if (root == null || !root.isObject()) {
      throw new CatalogException(name + ": a catalog file is a mapping with a 'meters' list");
    }
    checkKeys(root, Set.of("meters", "cloud", "service", "notes", "product_code", "service_name"), name, "file");
    String productCode = root.hasNonNull("product_code") ? root.get("product_code").asText() : "";
    String serviceName = root.hasNonNull("service_name") ? root.get("service_name").asText() : "";
    JsonNode list = root.get("meters");
    if (list == null || !list.isArray()) {
      throw new CatalogException(name + ": 'meters' must be a list");
    }
    List<Meter> meters = new ArrayList<>();
    for (JsonNode m : list) {
      meters.add(meter(m, name, productCode, serviceName));
    }
    return meters;
  }

  private static Meter meter(JsonNode m, String file, String productCode, String serviceName) {
    String id = text(m, "id", file, "meter");
    String where = "meter " + id;
    checkKeys(m, Set.of("id", "unit", "description", "free_tier", "rates", "usage_types"), file, where);
    BillingNames billing = BillingNames.NONE;
    JsonNode ut = m.get("usage_types");
    if (ut != null && !ut.isNull()) {
      if (!ut.isArray() || ut.isEmpty()) {
        throw new CatalogException(file + ": " + where + ": 'usage_types' must be a non-empty list of usage types");
      }
      if (productCode.isEmpty() || serviceName.isEmpty()) {
        throw new CatalogException(file + ": " + where + ": 'usage_types' needs 'product_code' and 'service_name' at the top of the file");
      }
      List<String> types = new ArrayList<>();
      for (JsonNode t : ut) {
        if (!t.isTextual() || t.asText().isBlank()) {
          throw new CatalogException(file + ": " + where + ": 'usage_types' entries are usage type names, got " + t);
        }
        types.add(t.asText().strip());
      }
      billing = new BillingNames(productCode, serviceName, types);
    }
    String unit = text(m, "unit", file, where);
    String description = m.hasNonNull("description") ? m.get("description").asText() : "";
    List<FreeTier> free = new ArrayList<>();
    JsonNode ft = m.get("free_tier");
    if (ft != null) {
      if (!ft.isArray()) {
        throw new CatalogException(file + ": " + where + ": 'free_tier' must be a list");
      }
      for (JsonNode f : ft) {
        checkKeys(f, Set.of("group", "monthly", "from", "until", "source"), file, where + " free_tier");
        free.add(
            new FreeTier(
                f.hasNonNull("group") ? f.get("group").asText() : id,
                decimal(f, "monthly", file, where),
                date(f, "from", file, where),
                f.hasNonNull("until") ? Optional.of(date(f, "until", file, where)) : Optional.empty(),
                text(f, "source", file, where)));
      }
    }
    JsonNode rl = m.get("rates");
    if (rl == null || !rl.isArray() || rl.isEmpty()) {
      throw new CatalogException(file + ": " + where + " has no 'rates'");
    }
    List<Rate> rates = new ArrayList<>();
    for (JsonNode r : rl) {
      checkKeys(r, Set.of("region", "regions", "from", "usd", "tiers", "source", "note"), file, where + " rate");
      LocalDate from = date(r, "from", file, where);
      String source = text(r, "source", file, where);
      Optional<String> note = r.hasNonNull("note") ? Optional.of(r.get("note").asText()) : Optional.empty();
      List<Tier> tiers = tiers(r, file, where);
      List<String> regions = new ArrayList<>();
      if (r.hasNonNull("region")) {
        regions.add(r.get("region").asText());
      }
      if (r.hasNonNull("regions")) {
        for (JsonNode reg : r.get("regions")) {
          regions.add(reg.asText());
        }
      }
      if (regions.isEmpty()) {
        throw new CatalogException(file + ": " + where + ": a rate needs 'region' or 'regions'");
      }
      for (String region : regions) {
        try {
          rates.add(new Rate(id, region, from, tiers, source, note));
        } catch (IllegalArgumentException e) {
          throw new CatalogException(file + ": " + where + ": " + e.getMessage(), e);
        }
      }
    }
    return new Meter(id, unit, description, rates, free, billing);
  }

  private static List<Tier> tiers(JsonNode r, String file, String where) {
    if (r.has("usd") == r.has("tiers")) {
      throw new CatalogException(file + ": " + where + ": a rate has exactly one of 'usd' or 'tiers'");
    }
    if (r.has("usd")) {
      return List.of(new Tier(BigDecimal.ZERO, Optional.empty(), decimal(r, "usd", file, where)));
    }
    List<Tier> tiers = new ArrayList<>();
    BigDecimal from = BigDecimal.ZERO;
    Iterator<JsonNode> it = r.get("tiers").elements();
    while (it.hasNext()) {
      JsonNode t = it.next();
      checkKeys(t, Set.of("up_to", "usd"), file, where + " tier");
      Optional<BigDecimal> upTo = t.hasNonNull("up_to") ? Optional.of(decimal(t, "up_to", file, where)) : Optional.empty();
      if (upTo.isEmpty() && it.hasNext()) {
        throw new CatalogException(file + ": " + where + ": only the last tier may omit 'up_to'");
      }
      try {
        tiers.add(new Tier(from, upTo, decimal(t, "usd", file, where)));
      } catch (IllegalArgumentException e) {
        throw new CatalogException(file + ": " + where + ": " + e.getMessage(), e);
      }
      from = upTo.orElse(null);
    }
    return tiers;
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String file, String where) {
    if (!node.isObject()) {
      throw new CatalogException(file + ": " + where + " must be a mapping");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!allowed.contains(key)) {
        throw new CatalogException(file + ": " + where + ": unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String text(JsonNode node, String key, String file, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new CatalogException(file + ": " + where + ": missing '" + key + "'");
    }
    return v.asText();
  }

  private static BigDecimal decimal(JsonNode node, String key, String file, String where) {
    String s = text(node, key, file, where).replace("_", "");
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new CatalogException(file + ": " + where + ": '" + key + "' is not a number: " + s, e);
    }
  }

  private static LocalDate date(JsonNode node, String key, String file, String where) {
    String s = text(node, key, file, where);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new CatalogException(file + ": " + where + ": '" + key + "' is not a date (YYYY-MM-DD): " + s, e);
    }
  }
}
