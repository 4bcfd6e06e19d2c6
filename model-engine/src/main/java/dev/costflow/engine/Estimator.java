package dev.costflow.engine;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.Service;
import dev.costflow.pricing.Catalog;
import dev.costflow.pricing.CatalogException;
import dev.costflow.pricing.CatalogLoader;
import dev.costflow.pricing.PriceSettings;
import dev.costflow.pricing.PricedUsage;
import dev.costflow.pricing.Pricer;
import dev.costflow.pricing.Usage;
import dev.costflow.services.EdgeFlow;
import dev.costflow.services.MeterContext;
import dev.costflow.services.MeteredLine;
import dev.costflow.services.Quantities;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YMap;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Model → workload → metered lines → priced estimate. The one place cost is computed. */
public final class Estimator {
  private final Catalog catalog;
  private final Pricer pricer;

  public Estimator(Catalog catalog) {
    this.catalog = catalog;
    this.pricer = new Pricer(catalog);
  }

  public static Estimator bundled() {
    return new Estimator(CatalogLoader.bundled());
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The day whose prices and rules apply to a model. */
  public LocalDate asOf(Model model) {
    return model.pricing().asOf().orElse(catalog.asOf());
  }

  public Estimate estimate(Model model) {
    Workload w = Propagator.propagate(model);
    return price(model, w);
  }

  /** Meters and prices a workload (the simulator calls this with sampled workloads). */
  public Estimate price(Model model, Workload w) {
    LocalDate asOf = asOf(model);
    List<List<MeteredLine>> metered = new ArrayList<>();
    List<Usage> usages = new ArrayList<>();
    for (Service s : model.services()) {
      List<EdgeFlow> flows = w.outflows().get(s.id());
      // Lines with nothing metered are left out (a table nobody reads from has no read line).
      List<MeteredLine> lines = s.kind().meter(new MeterContext(model, s, w.load(s.id()), flows, asOf, Quantities.EXPECTED, w.loads())).stream().filter(l -> l.quantity() > 0).toList();
      metered.add(lines);
      for (int i = 0; i < lines.size(); i++) {
        MeteredLine l = lines.get(i);
        usages.add(new Usage(s.id() + "#" + i, l.meterId(), l.quantity(), l.freeTierEligible()));
      }
    }
    PriceSettings settings = new PriceSettings(model.region(), java.util.Optional.of(asOf), model.pricing().freeTier(),
        model.pricing().discountPct(), model.pricing().overrides(), model.period().months());
    List<PricedUsage> priced;
    try {
      priced = pricer.price(usages, settings);
    } catch (CatalogException e) {
      throw new ModelException(priceProblem(model, metered, e));
    }
    List<ServiceCost> services = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    int k = 0;
    for (int si = 0; si < model.services().size(); si++) {
      Service s = model.services().get(si);
      List<LineCost> lines = new ArrayList<>();
      BigDecimal cost = BigDecimal.ZERO;
      for (MeteredLine l : metered.get(si)) {
        PricedUsage p = priced.get(k++);
        lines.add(new LineCost(l, p));
        cost = cost.add(p.costUsd());
      }
      services.add(new ServiceCost(s.id(), s.type(), w.load(s.id()).totalCalls(), cost, lines));
      total = total.add(cost);
    }
    return new Estimate(model, w, asOf, total, services, model.warnings());
  }

  /** Points a missing price at the first service that needs it, and names the settings that chose it. */
  private static Diagnostic priceProblem(Model model, List<List<MeteredLine>> metered, CatalogException e) {
    if (e.meterId().isPresent()) {
      for (int i = 0; i < model.services().size(); i++) {
        for (MeteredLine l : metered.get(i)) {
          if (l.meterId().equals(e.meterId().get())) {
            Service s = model.services().get(i);
            return Diagnostic.error(s.pos(), "services." + s.id() + " (" + l.meter() + "): " + e.getMessage()
                + " — set by region: " + model.region() + model.pricing().asOf().map(d -> " and pricing.as_of: " + d).orElse("")
                + "; give the price with pricing.overrides: {" + l.meterId() + ": USD per unit}"
                + (model.cloud() == dev.costflow.model.Cloud.AWS ? " or import the service's AWS Price List offer file (costflow pricing import)" : ""));
          }
        }
      }
    }
    return Diagnostic.error(regionPosition(model), e.getMessage());
  }

  private static Position regionPosition(Model model) {
    if (model.tree() instanceof YMap m) {
      return m.get("region").map(n -> n.pos()).orElse(m.pos());
    }
    return model.tree().pos();
  }
}
