package dev.costflow.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps the usage types of real bills to the catalog's meter ids: strips a known region prefix
 * ({@code USE2-Lambda-GB-Second} → {@code Lambda-GB-Second}; only prefixes listed in
 * {@code catalog/aws/bill-names.yaml}, never by pattern), then looks the base usage type up under the
 * line's product code or service name. Also converts bill unit strings to the meter's unit.
 * Thread-safe; lookups are cached (a bill repeats a few thousand usage types millions of times).
 */
public final class UsageTypeIndex {
  private static final String NAMES = "/dev/costflow/catalog/aws/bill-names.yaml";
  private static volatile UsageTypeIndex bundled;

  /** A bill usage type that maps to a catalog meter. */
  public record Match(String meterId, String meterUnit, String baseUsageType) {
    public Match {
      Objects.requireNonNull(meterId);
      Objects.requireNonNull(meterUnit);
      Objects.requireNonNull(baseUsageType);
    }
  }

  /** A usage type split into its region prefixes and its base name. */
  public record Parsed(String base, Optional<String> fromRegion, Optional<String> toRegion) {}

  /** A unit string a bill uses for a catalog unit, and how many catalog units one bill unit is. */
  public record UnitAlias(String billUnit, BigDecimal factor) {}

  private final Catalog catalog;
  private final Map<String, String> prefixes;
  private final Map<String, String> regionCodes;
  private final Map<String, List<UnitAlias>> units;
  private final Map<String, Match> byKey = new HashMap<>();
  private final Map<String, String> serviceNameByCode = new HashMap<>();
  private final Map<String, String> codeByServiceName = new HashMap<>();
  private final Map<String, Optional<Match>> cache = new ConcurrentHashMap<>();
  private final Map<String, Optional<BigDecimal>> unitCache = new ConcurrentHashMap<>();

  public UsageTypeIndex(Catalog catalog, Map<String, String> regionPrefixes, Map<String, List<UnitAlias>> units) {
    this.catalog = catalog;
    this.prefixes = Map.copyOf(regionPrefixes);
    Map<String, String> codes = new HashMap<>();
    for (String region : regionPrefixes.values()) {
      if (region.matches("^[a-z]{2}(-gov)?-[a-z]+-\\d$")) {
        codes.put(region, region);
      }
    }
    this.regionCodes = Map.copyOf(codes);
    Map<String, List<UnitAlias>> u = new LinkedHashMap<>();
    units.forEach((k, v) -> u.put(k, List.copyOf(v)));
    this.units = Collections.unmodifiableMap(u);
    for (Meter m : catalog.meters()) {
      BillingNames b = m.billing();
      if (b.isEmpty()) {
        continue;
      }
      serviceNameByCode.put(b.productCode().toLowerCase(Locale.ROOT), b.serviceName());
      codeByServiceName.put(b.serviceName().toLowerCase(Locale.ROOT), b.productCode());
      for (String t : b.usageTypes()) {
        Match match = new Match(m.id(), m.unit(), t);
        for (String owner : List.of(b.productCode(), b.serviceName())) {
          Match previous = byKey.put(key(owner, t), match);
          if (previous != null && !previous.meterId().equals(m.id())) {
            throw new CatalogException("usage type " + t + " of " + owner + " is mapped to two meters: " + previous.meterId() + " and " + m.id());
          }
        }
      }
    }
  }

  /** The index over the bundled catalog and bill names, loaded once. */
  public static UsageTypeIndex bundled() {
    UsageTypeIndex i = bundled;
    if (i == null) {
      synchronized (UsageTypeIndex.class) {
        i = bundled;
        if (i == null) {
          i = load(CatalogLoader.bundled());
          bundled = i;
        }
      }
    }
    return i;
  }

  /** An index over a catalog with the bundled region prefixes and unit names. */
  public static UsageTypeIndex load(Catalog catalog) {
    JsonNode root;
    try (InputStream in = UsageTypeIndex.class.getResourceAsStream(NAMES)) {
      if (in == null) {
        throw new CatalogException("the bundled bill names (" + NAMES + ") are missing");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new CatalogException("cannot read the bundled bill names: " + e.getMessage(), e);
    }
    Map<String, String> prefixes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("region_prefixes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      prefixes.put(e.getKey(), e.getValue().asText());
    }
    // the catalog's region table (catalog/aws/regions.yaml) names each region's billing code too:
    // the two must agree, and regions only the table knows are added
    for (Region r : catalog.regions()) {
      if (!r.cloud().equals("aws") || r.billingCode().isEmpty()) {
        continue;
      }
      String code = r.billingCode().get();
      String named = prefixes.putIfAbsent(code, r.code());
      if (named != null && !named.equals(r.code())) {
        throw new CatalogException(NAMES + ": region prefix " + code + " names " + named + " but the region table gives it to " + r.code());
      }
    }
    Map<String, List<UnitAlias>> units = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("units").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<UnitAlias> aliases = new ArrayList<>();
      for (JsonNode a : e.getValue()) {
        if (a.isObject()) {
          aliases.add(new UnitAlias(a.path("unit").asText(), new BigDecimal(a.path("factor").asText("1"))));
        } else {
          aliases.add(new UnitAlias(a.asText(), BigDecimal.ONE));
        }
      }
      units.put(e.getKey(), aliases);
    }
    if (prefixes.isEmpty() || units.isEmpty()) {
      throw new CatalogException(NAMES + ": needs region_prefixes and units");
    }
    return new UsageTypeIndex(catalog, prefixes, units);
  }

  public Catalog catalog() {
    return catalog;
  }

  private static String key(String owner, String baseUsageType) {
    return owner.toLowerCase(Locale.ROOT) + "\u0000" + baseUsageType.toLowerCase(Locale.ROOT);
  }

  /**
   * Splits off up to two known region prefixes ({@code USW2-USE1-AWS-Out-Bytes}: from us-west-2 to
   * us-east-1) or a leading region code ({@code ca-central-1-KMS-Requests}).
   */
  public Parsed parse(String usageType) {
    String rest = usageType.strip();
    Optional<String> from = Optional.empty();
    Optional<String> to = Optional.empty();
    for (Map.Entry<String, String> code : regionCodes.entrySet()) {
      if (rest.startsWith(code.getKey() + "-") && rest.length() > code.getKey().length() + 1) {
        return new Parsed(rest.substring(code.getKey().length() + 1), Optional.of(code.getValue()), Optional.empty());
      }
    }
    for (int i = 0; i < 2; i++) {
      int dash = rest.indexOf('-');
      if (dash <= 0 || dash == rest.length() - 1) {
        break;
      }
      String region = prefixes.get(rest.substring(0, dash));
      if (region == null) {
        break;
      }
      if (i == 0) {
        from = Optional.of(region);
      } else {
        to = Optional.of(region);
      }
      rest = rest.substring(dash + 1);
    }
    return new Parsed(rest, from, to);
  }

  /** The region a usage-type prefix names, if it has one. */
  public Optional<String> regionOf(String usageType) {
    return parse(usageType).fromRegion();
  }

  /**
   * The catalog meter of a bill usage type of a product, named by product code ({@code AWSLambda})
   * or by service name ({@code AWS Lambda}); either may be empty.
   */
  public Optional<Match> meterFor(String productCode, String serviceName, String usageType) {
    if (usageType.isEmpty()) {
      return Optional.empty();
    }
    String cacheKey = productCode + "\u0000" + serviceName + "\u0000" + usageType;
    Optional<Match> hit = cache.get(cacheKey);
    if (hit != null) {
      return hit;
    }
    String base = parse(usageType).base();
    Match m = null;
    if (!productCode.isEmpty()) {
      m = byKey.get(key(productCode, base));
    }
    if (m == null && !serviceName.isEmpty()) {
      m = byKey.get(key(serviceName, base));
    }
    Optional<Match> out = Optional.ofNullable(m);
    if (cache.size() < 100_000) {
      cache.put(cacheKey, out);
    }
    return out;
  }

  private static final Pattern ARM = Pattern.compile("(?i)\\b(arm|arm64|graviton\\d*)\\b");
  private static final Pattern FIFO = Pattern.compile("(?i)\\bfifo\\b");
  private static final Pattern PROVISIONED = Pattern.compile("(?i)\\bprovisioned\\b");

  /**
   * For bills without usage types (FOCUS exports that carry no {@code x_UsageType}): the one meter of
   * a service whose unit the line's unit names, told apart by words of the charge description (Arm,
   * FIFO, Provisioned). Empty when no meter or more than one fits.
   */
  public Optional<Match> meterForUnit(String serviceName, String billUnit, String description) {
    if (serviceName.isEmpty() || billUnit.isEmpty()) {
      return Optional.empty();
    }
    boolean arm = ARM.matcher(description).find();
    boolean fifo = FIFO.matcher(description).find();
    boolean provisioned = PROVISIONED.matcher(description).find();
    List<Meter> fits = new ArrayList<>();
    for (Meter m : catalog.meters()) {
      if (m.billing().isEmpty() || !m.billing().serviceName().equalsIgnoreCase(serviceName)) {
        continue;
      }
      if (unitFactor(billUnit, m.unit()).isEmpty()) {
        continue;
      }
      String id = m.id();
      if (id.contains("arm64") != arm || id.contains("fifo") != fifo || id.contains("provisioned") != provisioned) {
        continue;
      }
      fits.add(m);
    }
    if (fits.size() > 1) {
      // prefer meters whose first-listed bill unit is the line's unit
      List<Meter> primary = fits.stream().filter(m -> primaryUnit(m.unit()).equalsIgnoreCase(billUnit.strip())).toList();
      fits = primary;
    }
    if (fits.size() != 1) {
      return Optional.empty();
    }
    Meter m = fits.get(0);
    return Optional.of(new Match(m.id(), m.unit(), m.billing().usageTypes().get(0)));
  }

  private String primaryUnit(String meterUnit) {
    List<UnitAlias> a = units.get(meterUnit);
    return a == null || a.isEmpty() ? meterUnit : a.get(0).billUnit();
  }

  /**
   * Catalog units per bill unit, e.g. 1 for {@code Lambda-GB-Second} → {@code GB-s}. A missing
   * unit ("", "N/A") counts as the meter's own. Empty when the bill's unit is not known for the meter.
   */
  public Optional<BigDecimal> unitFactor(String billUnit, String meterUnit) {
    String u = billUnit.strip();
    if (u.isEmpty() || u.equalsIgnoreCase("N/A") || u.equalsIgnoreCase(meterUnit)) {
      return Optional.of(BigDecimal.ONE);
    }
    String k = u + "\u0000" + meterUnit;
    Optional<BigDecimal> hit = unitCache.get(k);
    if (hit != null) {
      return hit;
    }
    Optional<BigDecimal> out = Optional.empty();
    for (UnitAlias a : units.getOrDefault(meterUnit, List.of())) {
      if (a.billUnit().equalsIgnoreCase(u)) {
        out = Optional.of(a.factor());
        break;
      }
    }
    if (unitCache.size() < 10_000) {
      unitCache.put(k, out);
    }
    return out;
  }

  /** The bill unit strings known for a catalog unit (for error messages and docs). */
  public List<String> billUnits(String meterUnit) {
    return units.getOrDefault(meterUnit, List.of()).stream().map(UnitAlias::billUnit).toList();
  }

  /** The service name of a product code known to the catalog ({@code AWSLambda} → {@code AWS Lambda}). */
  public Optional<String> serviceNameOf(String productCode) {
    return Optional.ofNullable(serviceNameByCode.get(productCode.toLowerCase(Locale.ROOT)));
  }

  /** The product code of a service name known to the catalog. */
  public Optional<String> productCodeOf(String serviceName) {
    return Optional.ofNullable(codeByServiceName.get(serviceName.toLowerCase(Locale.ROOT)));
  }

  /** The region prefixes known, prefix → region. */
  public Map<String, String> regionPrefixes() {
    return prefixes;
  }
}
