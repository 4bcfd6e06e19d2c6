package dev.costflow.pricing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dated unit prices and free allowances per meter and region. Immutable; load the bundled one with
 * {@link CatalogLoader#bundled()}.
 */
public final class Catalog {
  private final Map<String, Meter> meters;
  private final LocalDate asOf;
  private final Map<String, Region> regions;

  /**
   * @param asOf the day the prices were last reviewed: the default {@code pricing.as_of}
   */
  public Catalog(Collection<Meter> meters, LocalDate asOf) {
    this(meters, asOf, List.of());
  }

  /** A catalog that also knows its clouds' regions (names, Price List locations, bill prefixes). */
  public Catalog(Collection<Meter> meters, LocalDate asOf, Collection<Region> regions) {
    this.asOf = asOf;
    Map<String, Region> byCode = new LinkedHashMap<>();
    for (Region r : regions) {
      if (byCode.putIfAbsent(r.code(), r) != null) {
        throw new CatalogException("region " + r.code() + " is defined twice");
      }
    }
    this.regions = Collections.unmodifiableMap(byCode);
    Map<String, Meter> byId = new LinkedHashMap<>();
    for (Meter m : meters) {
      Meter sorted =
          new Meter(
              m.id(),
              m.unit(),
              m.description(),
              m.rates().stream().sorted(Comparator.comparing(Rate::region).thenComparing(Rate::effectiveFrom)).toList(),
              m.freeTiers(),
              m.billing());
      if (byId.putIfAbsent(m.id(), sorted) != null) {
        throw new CatalogException("meter " + m.id() + " is defined twice");
      }
    }
    this.meters = Collections.unmodifiableMap(byId);
  }

  public Optional<Meter> meter(String meterId) {
    return Optional.ofNullable(meters.get(meterId));
  }

  public Collection<Meter> meters() {
    return meters.values();
  }

  /**
   * The rate of a meter in a region on a day; with no day, the newest rate. Throws a {@link
   * CatalogException} naming the meter and region when there is none.
   */
  public Rate rate(String meterId, String region, Optional<LocalDate> asOf) {
    Meter meter = meters.get(meterId);
    if (meter == null) {
      throw new CatalogException("the price catalog has no meter " + meterId, meterId);
    }
    Rate found = null;
    LocalDate earliest = null;
    for (Rate r : meter.rates()) {
      if (!r.region().equals(region)) {
        continue;
      }
      if (earliest == null || r.effectiveFrom().isBefore(earliest)) {
        earliest = r.effectiveFrom();
      }
      if (asOf.isPresent() && r.effectiveFrom().isAfter(asOf.get())) {
        continue;
      }
      if (found == null || r.effectiveFrom().isAfter(found.effectiveFrom())) {
        found = r;
      }
    }
    if (found == null) {
      if (earliest == null) {
        throw new CatalogException("the price catalog has no price for " + meterId + " in region " + region, meterId);
      }
      throw new CatalogException(
          "the price catalog has no price for " + meterId + " in " + region + " as of " + asOf.orElseThrow()
              + " (earliest price is from " + earliest + ")", meterId);
    }
    return found;
  }

  /** The free allowances of a meter that apply on a day (the newest rules when no day is given). */
  public List<FreeTier> freeTiers(String meterId, Optional<LocalDate> asOf) {
    Meter meter = meters.get(meterId);
    if (meter == null) {
      return List.of();
    }
    List<FreeTier> out = new ArrayList<>();
    for (FreeTier f : meter.freeTiers()) {
      if (asOf.map(f::appliesOn).orElse(f.until().isEmpty())) {
        out.add(f);
      }
    }
    return out;
  }

  /** The day these prices were last reviewed: the default {@code as_of} of a model. */
  public LocalDate asOf() {
    return asOf;
  }

  /** A catalog with more meters (e.g. from an imported price list); a meter of the same id is replaced. */
  public Catalog withMeters(Collection<Meter> replacements) {
    Map<String, Meter> all = new LinkedHashMap<>(meters);
    for (Meter m : replacements) {
      all.put(m.id(), m);
    }
    return new Catalog(all.values(), asOf, regions.values());
  }

  /** The regions the catalog knows, in file order. */
  public Collection<Region> regions() {
    return regions.values();
  }

  public Optional<Region> region(String code) {
    return Optional.ofNullable(regions.get(code));
  }

  /**
   * The usage-type prefix AWS bills use for a region ({@code USE2-}); empty for a region without
   * one. In us-east-1 bills often write no prefix at all: see {@link Region#prefixOptional()}.
   */
  public Optional<String> usageTypePrefix(String region) {
    return region(region).flatMap(Region::usageTypePrefix);
  }

  /** The region whose AWS billing code is {@code code} ({@code EU} → eu-west-1). */
  public Optional<Region> regionByBillingCode(String code) {
    for (Region r : regions.values()) {
      if (r.billingCode().isPresent() && r.billingCode().get().equals(code)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The region the AWS Price List names by {@code location} ({@code EU (Ireland)} → eu-west-1). */
  public Optional<Region> regionByPriceListLocation(String location) {
    for (Region r : regions.values()) {
      if (r.priceListLocation().isPresent() && r.priceListLocation().get().equalsIgnoreCase(location)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Regions with at least one rate of the meter, in catalog region order then by code. */
  public List<String> regionsOf(String meterId) {
    Meter m = meters.get(meterId);
    if (m == null) {
      return List.of();
    }
    java.util.Set<String> set = new java.util.LinkedHashSet<>();
    for (Region r : regions.values()) {
      if (m.rates().stream().anyMatch(x -> x.region().equals(r.code()))) {
        set.add(r.code());
      }
    }
    m.rates().stream().map(Rate::region).sorted().forEach(set::add);
    return List.copyOf(set);
  }

  /** A catalog with more rates: each replaces a rate of the same meter, region and day, or is added. */
  public Catalog withRates(Collection<Rate> added) {
    Map<String, List<Rate>> byMeter = new LinkedHashMap<>();
    for (Rate r : added) {
      if (!meters.containsKey(r.meterId())) {
        throw new CatalogException("the price catalog has no meter " + r.meterId(), r.meterId());
      }
      byMeter.computeIfAbsent(r.meterId(), k -> new ArrayList<>()).add(r);
    }
    List<Meter> out = new ArrayList<>();
    for (Meter m : meters.values()) {
      List<Rate> extra = byMeter.get(m.id());
      if (extra == null) {
        out.add(m);
        continue;
      }
      List<Rate> rates = new ArrayList<>();
      for (Rate r : m.rates()) {
        if (extra.stream().noneMatch(e -> e.region().equals(r.region()) && e.effectiveFrom().equals(r.effectiveFrom()))) {
          rates.add(r);
        }
      }
      rates.addAll(extra);
      out.add(new Meter(m.id(), m.unit(), m.description(), rates, m.freeTiers(), m.billing()));
    }
    return new Catalog(out, asOf, regions.values());
  }

  /** The same catalog with another default day ({@code as_of}). */
  public Catalog withAsOf(LocalDate day) {
    return new Catalog(meters.values(), day, regions.values());
  }

  /** The newest effective date of any rate. */
  public LocalDate newestRateDate() {
    return meters.values().stream()
        .flatMap(m -> m.rates().stream())
        .map(Rate::effectiveFrom)
        .max(Comparator.naturalOrder())
        .orElse(LocalDate.EPOCH);
  }
}
