package dev.costflow.model;

import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceSpec;
import dev.costflow.yaml.Position;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A node of the graph: one billable resource with its kind-specific settings. */
public record Service(
    String id,
    ServiceKind kind,
    ServiceSpec spec,
    Optional<Traffic> traffic,
    List<Call> calls,
    double logKb,
    Map<String, String> tags,
    Position pos) {
  public Service {
    Objects.requireNonNull(id);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(spec);
    Objects.requireNonNull(traffic);
    calls = List.copyOf(calls);
    tags = Map.copyOf(tags);
    Objects.requireNonNull(pos);
  }

  public String type() {
    return kind.type();
  }

  /** The kind-specific settings, typed. */
  public <S extends ServiceSpec> S spec(Class<S> type) {
    return type.cast(spec);
  }
}
