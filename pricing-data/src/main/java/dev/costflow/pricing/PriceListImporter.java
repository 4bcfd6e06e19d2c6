package dev.costflow.pricing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an AWS Price List offer file (the public bulk JSON format: {@code formatVersion},
 * {@code offerCode}, {@code publicationDate}, {@code products} by SKU, {@code terms.OnDemand} by SKU)
 * into catalog rates. Streams the file, keeping only the products whose usage type maps to a
 * catalog meter ({@code catalog/aws/price-list.yaml}); each product's region comes from its
 * {@code regionCode}, else its {@code location}, else its usage-type prefix. Price dimensions
 * become tiers ({@code beginRange}/{@code endRange}); the term's {@code effectiveDate} becomes the
 * rate's day. Bad input throws a {@link CatalogException} naming the file, line and column.
 */
public final class PriceListImporter {
  private static final String MAP = "/dev/costflow/catalog/aws/price-list.yaml";

  /** A usage type of an offer that refreshes a meter. */
  public record Mapping(String meterId, BigDecimal factor) {}

  /** One imported rate, the SKU and usage type it came from, and the catalog rate it replaces or follows. */
  public record Imported(Rate rate, String sku, String usageType, Optional<Rate> previous) {}

  /** What an offer file held. */
  public record Result(String offerCode, String version, String publicationDate, List<Imported> rates, Map<String, Integer> skippedUsageTypes,
      List<String> warnings) {
    public Result {
      rates = List.copyOf(rates);
      skippedUsageTypes = java.util.Collections.unmodifiableMap(new TreeMap<>(skippedUsageTypes));
      warnings = List.copyOf(warnings);
    }
  }

  private record Product(String sku, String usageType, String region) {}

  private final Catalog catalog;
  private final Map<String, Map<String, Mapping>> mappings;

  public PriceListImporter(Catalog catalog) {
    this.catalog = catalog;
    this.mappings = loadMappings();
  }

  /** The usage types each offer code maps, by offer code. */
  public Map<String, Map<String, Mapping>> mappings() {
    return mappings;
  }

  private static Map<String, Map<String, Mapping>> loadMappings() {
    try (InputStream in = PriceListImporter.class.getResourceAsStream(MAP)) {
      if (in == null) {
        throw new CatalogException("the bundled Price List mapping (" + MAP + ") is missing");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(in);
      Map<String, Map<String, Mapping>> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> offers = root.path("offers").fields(); offers.hasNext(); ) {
        Map.Entry<String, JsonNode> o = offers.next();
        Map<String, Mapping> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.getValue().fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          m.put(e.getKey(), new Mapping(e.getValue().path("meter").asText(), new BigDecimal(e.getValue().path("factor").asText("1"))));
        }
        out.put(o.getKey(), m);
      }
      return out;
    } catch (IOException e) {
      throw new CatalogException("cannot read the bundled Price List mapping: " + e.getMessage(), e);
    }
  }

  /** Reads an offer file; {@code region} is used for products that name none. */
  public Result read(Path file, Optional<String> region) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), region);
    } catch (NoSuchFileException e) {
      throw new CatalogException(file + ": no such file");
    } catch (IOException e) {
      throw new CatalogException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  public Result read(InputStream in, String name, Optional<String> region) {
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    JsonFactory factory = mapper.getFactory();
    String offerCode = null;
    String version = "";
    String publication = "";
    Map<String, Product> products = new HashMap<>();
    Map<String, Integer> skipped = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    Map<String, List<Tierish>> termsBySku = new LinkedHashMap<>();
    boolean sawProducts = false;
    boolean sawTerms = false;
    try (JsonParser p = factory.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(name, p.currentLocation(), "an AWS Price List offer file is a JSON object with offerCode, products and terms");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "offerCode" -> offerCode = p.getValueAsString();
          case "version" -> version = p.getValueAsString("");
          case "publicationDate" -> publication = p.getValueAsString("");
          case "products" -> {
            sawProducts = true;
            if (offerCode == null) {
              throw error(name, p.currentLocation(), "'offerCode' must come before 'products' (is this an AWS Price List offer file?)");
            }
            Map<String, Mapping> map = mappings.get(offerCode);
            if (map == null) {
              throw error(name, p.currentLocation(), "offer " + offerCode + " has no catalog meters; offers costflow reads: " + String.join(", ", mappings.keySet()));
            }
            expect(t, JsonToken.START_OBJECT, p, name, "'products' must be an object of SKUs");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String sku = p.currentName();
              p.nextToken();
              JsonLocation at = p.currentLocation();
              JsonNode product = mapper.readTree(p);
              JsonNode attrs = product.path("attributes");
              String usageType = attrs.path("usagetype").asText("");
              if (usageType.isEmpty()) {
                throw error(name, at, "product " + sku + " has no attributes.usagetype");
              }
              Optional<Region> r = regionOf(attrs, usageType);
              String base = stripPrefix(usageType);
              if (!map.containsKey(base)) {
                skipped.merge(base, 1, Integer::sum);
                continue;
              }
              String code = r.map(Region::code).or(() -> region).orElse(null);
              if (code == null) {
                throw error(name, at, "product " + sku + " (" + usageType + ") names no region this catalog knows; give --region");
              }
              products.put(sku, new Product(sku, base, code));
            }
          }
          case "terms" -> {
            sawTerms = true;
            if (!sawProducts) {
              throw error(name, p.currentLocation(), "'terms' comes before 'products'; an offer file lists its products first");
            }
            expect(t, JsonToken.START_OBJECT, p, name, "'terms' must be an object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String termType = p.currentName();
              p.nextToken();
              if (!termType.equals("OnDemand")) {
                p.skipChildren();
                continue;
              }
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String sku = p.currentName();
                p.nextToken();
                if (!products.containsKey(sku)) {
                  p.skipChildren();
                  continue;
                }
                JsonLocation at = p.currentLocation();
                JsonNode offers = mapper.readTree(p);
                for (Iterator<JsonNode> it = offers.elements(); it.hasNext(); ) {
                  JsonNode term = it.next();
                  termsBySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(tierish(term, name, at, sku));
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new CatalogException(name + (l != null ? ":" + l.getLineNr() + ":" + l.getColumnNr() : "") + ": error: not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CatalogException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (offerCode == null || !sawProducts || !sawTerms) {
      throw new CatalogException(name + ": error: not an AWS Price List offer file (needs offerCode, products and terms)");
    }
    List<Imported> out = new ArrayList<>();
    Map<String, Mapping> map = mappings.get(offerCode);
    // One rate per meter, region and day; two usage types of one meter (x86 and Arm requests) must agree.
    Map<String, Imported> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, List<Tierish>> e : termsBySku.entrySet()) {
      Product prod = products.get(e.getKey());
      Mapping mapping = map.get(prod.usageType());
      Meter meter = catalog.meter(mapping.meterId()).orElseThrow(() -> new CatalogException("the price list mapping names meter " + mapping.meterId() + ", not in the catalog"));
      for (Tierish term : e.getValue()) {
        Rate rate = toRate(meter, prod, mapping, term, name, warnings);
        String key = meter.id() + "|" + rate.region() + "|" + rate.effectiveFrom();
        Imported prev = byKey.get(key);
        if (prev != null) {
          if (!sameTiers(prev.rate(), rate)) {
            warnings.add(meter.id() + " in " + rate.region() + ": usage types " + prev.usageType() + " and " + prod.usageType() + " have different prices; kept " + prev.usageType());
          }
          continue;
        }
        byKey.put(key, new Imported(rate, prod.sku(), prod.usageType(), previousRate(meter, rate.region(), rate.effectiveFrom())));
      }
    }
    out.addAll(byKey.values());
    out.sort(Comparator.comparing((Imported i) -> i.rate().meterId()).thenComparing(i -> i.rate().region()).thenComparing(i -> i.rate().effectiveFrom()));
    if (out.isEmpty()) {
      warnings.add("no OnDemand price of a mapped usage type was found");
    }
    return new Result(offerCode, version, publication, out, skipped, warnings);
  }

  /** The catalog's rate in effect on {@code day} (or, if none yet, the earliest later one) in the region. */
  private Optional<Rate> previousRate(Meter meter, String region, LocalDate day) {
    Rate best = null;
    for (Rate r : meter.rates()) {
      if (!r.region().equals(region) || r.effectiveFrom().isAfter(day)) {
        continue;
      }
      if (best == null || r.effectiveFrom().isAfter(best.effectiveFrom())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private Optional<Region> regionOf(JsonNode attrs, String usageType) {
    String code = attrs.path("regionCode").asText("");
    if (!code.isEmpty()) {
      Optional<Region> r = catalog.region(code);
      return r.isPresent() ? r : Optional.of(new Region("aws", code, code, Optional.empty(), Optional.empty(), false, Map.of()));
    }
    String location = attrs.path("location").asText("");
    if (!location.isEmpty()) {
      Optional<Region> r = catalog.regionByPriceListLocation(location);
      if (r.isPresent()) {
        return r;
      }
    }
    int dash = usageType.indexOf('-');
    if (dash > 0) {
      return catalog.regionByBillingCode(usageType.substring(0, dash));
    }
    return Optional.empty();
  }

  /** The usage type without a known region prefix ({@code USE2-Lambda-GB-Second} → {@code Lambda-GB-Second}). */
  String stripPrefix(String usageType) {
    int dash = usageType.indexOf('-');
    if (dash > 0 && catalog.regionByBillingCode(usageType.substring(0, dash)).isPresent()) {
      return usageType.substring(dash + 1);
    }
    return usageType;
  }

  /** One OnDemand term: its day and its price dimensions. */
  private record Tierish(LocalDate effective, List<Dim> dims) {}

  private record Dim(BigDecimal begin, Optional<BigDecimal> end, BigDecimal usd, String unit, String description) {}

  private static Tierish tierish(JsonNode term, String name, JsonLocation at, String sku) {
    String eff = term.path("effectiveDate").asText("");
    LocalDate day;
    try {
      day = OffsetDateTime.parse(eff).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        day = LocalDate.parse(eff.length() >= 10 ? eff.substring(0, 10) : eff);
      } catch (DateTimeParseException e2) {
        throw error(name, at, "term of SKU " + sku + " has no valid effectiveDate: '" + eff + "'");
      }
    }
    List<Dim> dims = new ArrayList<>();
    for (Iterator<JsonNode> it = term.path("priceDimensions").elements(); it.hasNext(); ) {
      JsonNode d = it.next();
      String usd = d.path("pricePerUnit").path("USD").asText("");
      BigDecimal price;
      BigDecimal begin;
      try {
        price = new BigDecimal(usd);
        begin = new BigDecimal(d.path("beginRange").asText("0"));
      } catch (NumberFormatException e) {
        throw error(name, at, "price dimension of SKU " + sku + " has no USD price or range: '" + usd + "'");
      }
      String endText = d.path("endRange").asText("Inf");
      Optional<BigDecimal> end;
      try {
        end = endText.equalsIgnoreCase("Inf") || endText.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(endText));
      } catch (NumberFormatException e) {
        throw error(name, at, "price dimension of SKU " + sku + " has a bad endRange: '" + endText + "'");
      }
      if (price.signum() < 0) {
        throw error(name, at, "price dimension of SKU " + sku + " has a negative price " + usd);
      }
      dims.add(new Dim(begin, end, price, d.path("unit").asText(""), d.path("description").asText("")));
    }
    if (dims.isEmpty()) {
      throw error(name, at, "term of SKU " + sku + " has no priceDimensions");
    }
    dims.sort(Comparator.comparing(Dim::begin));
    return new Tierish(day, dims);
  }

  private Rate toRate(Meter meter, Product prod, Mapping mapping, Tierish term, String name, List<String> warnings) {
    List<Dim> dims = new ArrayList<>(term.dims());
    // A leading free dimension stands for a free allowance the catalog keeps separately.
    if (dims.size() > 1 && dims.get(0).usd().signum() == 0 && !meter.freeTiers().isEmpty()) {
      dims.remove(0);
      warnings.add(meter.id() + " in " + prod.region() + ": the offer's free first range is the meter's free tier, applied separately; the paid ranges start at 0");
    }
    List<Tier> tiers = new ArrayList<>();
    BigDecimal from = BigDecimal.ZERO;
    for (int i = 0; i < dims.size(); i++) {
      Dim d = dims.get(i);
      BigDecimal usd = d.usd().multiply(mapping.factor());
      Optional<BigDecimal> upTo = i == dims.size() - 1 ? Optional.empty() : d.end().map(e -> e.divide(mapping.factor(), MathContext.DECIMAL128));
      if (i < dims.size() - 1 && upTo.isEmpty()) {
        throw new CatalogException(name + ": SKU " + prod.sku() + ": a price range other than the last has no end");
      }
      tiers.add(new Tier(from, upTo, usd.stripTrailingZeros()));
      from = upTo.orElse(null);
    }
    String source = "AWS Price List offer file " + name + " (SKU " + prod.sku() + ", usage type " + prod.usageType() + ")";
    try {
      return new Rate(meter.id(), prod.region(), term.effective(), tiers, source, Optional.of("imported with costflow pricing import"));
    } catch (IllegalArgumentException e) {
      throw new CatalogException(name + ": SKU " + prod.sku() + ": " + e.getMessage(), e);
    }
  }

  private static boolean sameTiers(Rate a, Rate b) {
    if (a.tiers().size() != b.tiers().size()) {
      return false;
    }
    for (int i = 0; i < a.tiers().size(); i++) {
      if (a.tiers().get(i).usdPerUnit().compareTo(b.tiers().get(i).usdPerUnit()) != 0) {
        return false;
      }
    }
    return true;
  }

  private static void expect(JsonToken got, JsonToken want, JsonParser p, String name, String message) {
    if (got != want) {
      throw error(name, p.currentLocation(), message);
    }
  }

  private static CatalogException error(String name, JsonLocation l, String message) {
    return new CatalogException(name + (l != null ? ":" + l.getLineNr() + ":" + l.getColumnNr() : "") + ": error: " + message);
  }
}
