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

  /**
   * @param asOf the day the prices were last reviewed: the default {@code pricing.as_of}
   */
  public Catalog(Collection<Meter> meters, LocalDate asOf) {
    this.asOf = asOf;
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
    return new Catalog(all.values(), asOf);
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
