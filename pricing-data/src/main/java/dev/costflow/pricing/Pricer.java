package dev.costflow.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices usage the way a bill does: quantities of the same meter (in the model's one region) are
 * pooled; free allowances are shared by the meters of a free-tier group and split by share of the
 * eligible quantity; tiers apply to the pooled billable quantity; each consumer's cost is its share
 * of the pooled charge. Prices meet quantities in exact decimal arithmetic (34 significant digits
 * where a share is divided); nothing is rounded.
 */
public final class Pricer {
  /** Precision of shares and allocations: IEEE 754 decimal128, 34 significant digits. */
  public static final MathContext MC = MathContext.DECIMAL128;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Catalog catalog;

  public Pricer(Catalog catalog) {
    this.catalog = catalog;
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<PricedUsage> price(List<Usage> usages, PriceSettings settings) {
    int n = usages.size();
    BigDecimal[] quantity = new BigDecimal[n];
    BigDecimal[] free = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      quantity[i] = BigDecimal.valueOf(usages.get(i).quantity());
      free[i] = BigDecimal.ZERO;
    }

    if (settings.freeTier()) {
      applyFreeTiers(usages, settings, quantity, free);
    }

    // Pool by meter.
    Map<String, List<Integer>> pools = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      pools.computeIfAbsent(usages.get(i).meterId(), k -> new ArrayList<>()).add(i);
    }
    PricedUsage[] out = new PricedUsage[n];
    BigDecimal keep = BigDecimal.ONE.subtract(settings.discountPct().divide(HUNDRED, MC));
    for (Map.Entry<String, List<Integer>> pool : pools.entrySet()) {
      String meterId = pool.getKey();
      Meter meter =
          catalog.meter(meterId).orElseThrow(() -> new CatalogException("the price catalog has no meter " + meterId));
      Optional<BigDecimal> override = settings.overrideFor(meterId);
      Rate rate;
      try {
        rate = catalog.rate(meterId, settings.region(), settings.asOf());
      } catch (CatalogException e) {
        if (override.isEmpty()) {
          throw e;
        }
        // A price the model gives for a meter the catalog does not price here (a region without
        // a sourced rate): the override is the rate.
        rate = new Rate(meterId, settings.region(), settings.asOf().orElse(catalog.asOf()), List.of(new Tier(BigDecimal.ZERO, Optional.empty(), override.get())),
            "pricing.overrides of the model", Optional.of("the catalog has no rate for this meter in " + settings.region() + " on this day"));
      }
      List<Tier> tiers =
          override.map(p -> List.of(new Tier(BigDecimal.ZERO, Optional.empty(), p))).orElse(rate.tiers());

      BigDecimal billablePool = BigDecimal.ZERO;
      for (int i : pool.getValue()) {
        billablePool = billablePool.add(quantity[i].subtract(free[i]));
      }
      List<TierCharge> poolTiers = tierCharges(billablePool, tiers, settings.months());
      BigDecimal poolCost = BigDecimal.ZERO;
      for (TierCharge t : poolTiers) {
        poolCost = poolCost.add(t.costUsd());
      }
      // Allocate in a canonical order (by consumer) so results do not depend on input order.
      List<Integer> members = new ArrayList<>(pool.getValue());
      members.sort(java.util.Comparator.comparing(i -> usages.get(i).consumer()));
      BigDecimal allocated = BigDecimal.ZERO;
      for (int j = 0; j < members.size(); j++) {
        int i = members.get(j);
        BigDecimal billable = quantity[i].subtract(free[i]);
        boolean flat = tiers.size() == 1;
        BigDecimal share = flat || billablePool.signum() == 0 ? BigDecimal.ZERO : billable.divide(billablePool, MC);
        BigDecimal list;
        if (flat) {
          // a flat price: each line's cost is exact, no share needed
          list = strip(billable.multiply(tiers.get(0).usdPerUnit()));
        } else if (j == members.size() - 1) {
          // the last line takes the remainder, so the lines add up to the pooled charge exactly
          list = strip(poolCost.subtract(allocated));
        } else {
          list = strip(poolCost.multiply(share, MC));
        }
        allocated = allocated.add(list);
        List<TierCharge> lineTiers = new ArrayList<>();
        if (flat) {
          if (billable.signum() > 0) {
            Tier t = tiers.get(0);
            lineTiers.add(new TierCharge(BigDecimal.ZERO, java.util.Optional.empty(), strip(billable), t.usdPerUnit(), list));
          }
        } else {
          for (TierCharge t : poolTiers) {
            if (t.quantity().signum() > 0) {
              lineTiers.add(
                  new TierCharge(
                      t.tierFrom(),
                      t.tierUpTo(),
                      strip(t.quantity().multiply(share, MC)),
                      t.usdPerUnit(),
                      strip(t.costUsd().multiply(share, MC))));
            }
          }
        }
        out[i] =
            new PricedUsage(
                usages.get(i),
                meter.unit(),
                quantity[i],
                strip(free[i]),
                strip(billable),
                list,
                keep.compareTo(BigDecimal.ONE) == 0 ? list : strip(list.multiply(keep, MC)),
                rate,
                override.isPresent(),
                lineTiers);
      }
    }
    return List.of(out);
  }

  private void applyFreeTiers(List<Usage> usages, PriceSettings settings, BigDecimal[] quantity, BigDecimal[] free) {
    // group -> allowance, and the eligible usages of the group
    Map<String, BigDecimal> allowance = new LinkedHashMap<>();
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < usages.size(); i++) {
      Usage u = usages.get(i);
      if (!u.freeTierEligible()) {
        continue;
      }
      for (FreeTier f : catalog.freeTiers(u.meterId(), settings.asOf())) {
        BigDecimal monthly = f.monthlyQuantity().multiply(settings.months(), MC);
        BigDecimal prev = allowance.putIfAbsent(f.group(), monthly);
        if (prev != null && prev.compareTo(monthly) != 0) {
          throw new CatalogException("free-tier group " + f.group() + " has two different allowances");
        }
        members.computeIfAbsent(f.group(), k -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<String, List<Integer>> g : members.entrySet()) {
      BigDecimal total = BigDecimal.ZERO;
      for (int i : g.getValue()) {
        total = total.add(quantity[i]);
      }
      if (total.signum() == 0) {
        continue;
      }
      BigDecimal used = total.min(allowance.get(g.getKey()));
      for (int i : g.getValue()) {
        BigDecimal part = used.multiply(quantity[i], MC).divide(total, MC);
        // A usage in two groups never gets more free than it used.
        free[i] = free[i].add(part).min(quantity[i]);
      }
    }
  }

  /** Splits a pooled monthly quantity over tiers whose bounds are scaled to the period. */
  static List<TierCharge> tierCharges(BigDecimal quantity, List<Tier> tiers, BigDecimal months) {
    List<TierCharge> out = new ArrayList<>(tiers.size());
    for (Tier t : tiers) {
      BigDecimal from = t.fromQuantity().multiply(months, MC);
      Optional<BigDecimal> upTo = t.upToQuantity().map(u -> u.multiply(months, MC));
      BigDecimal in;
      if (quantity.compareTo(from) <= 0) {
        in = BigDecimal.ZERO;
      } else {
        BigDecimal top = upTo.map(quantity::min).orElse(quantity);
        in = top.subtract(from);
      }
      out.add(new TierCharge(from, upTo, in, t.usdPerUnit(), strip(in.multiply(t.usdPerUnit()))));
    }
    return out;
  }

  static BigDecimal strip(BigDecimal v) {
    return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
  }
}
