package dev.costflow.model;

import dev.costflow.yaml.YNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated model: the architecture graph, its traffic and pricing settings. Services keep the
 * order of the file. {@code tree} is the YAML it was read from (after {@code --set}), for tools
 * that compare or edit models. {@code limits} are the account quotas the simulator applies.
 */
public record Model(
    String name,
    Cloud cloud,
    String region,
    Period period,
    PricingSettings pricing,
    List<Service> services,
    List<Diagnostic> warnings,
    Optional<Path> source,
    YNode tree,
    Map<String, Service> index,
    Limits limits) {
  public Model(
      String name,
      Cloud cloud,
      String region,
      Period period,
      PricingSettings pricing,
      List<Service> services,
      List<Diagnostic> warnings,
      Optional<Path> source,
      YNode tree) {
    this(name, cloud, region, period, pricing, services, warnings, source, tree, indexOf(services), Limits.defaults());
  }

  /** A model with account limits ({@code limits:}). */
  public Model(
      String name,
      Cloud cloud,
      String region,
      Period period,
      PricingSettings pricing,
      List<Service> services,
      List<Diagnostic> warnings,
      Optional<Path> source,
      YNode tree,
      Limits limits) {
    this(name, cloud, region, period, pricing, services, warnings, source, tree, indexOf(services), limits);
  }

  private static Map<String, Service> indexOf(List<Service> services) {
    Map<String, Service> m = new LinkedHashMap<>();
    for (Service s : services) {
      m.put(s.id(), s);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  public Model {
    Objects.requireNonNull(name);
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(region);
    Objects.requireNonNull(period);
    Objects.requireNonNull(pricing);
    services = List.copyOf(services);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(source);
    Objects.requireNonNull(tree);
    if (index == null || index.size() != services.size()) {
      index = indexOf(services);
    }
    Objects.requireNonNull(limits);
  }

  public Optional<Service> service(String id) {
    return Optional.ofNullable(index.get(id));
  }

  /** Services by id, in file order. */
  public Map<String, Service> servicesById() {
    return index;
  }
}
