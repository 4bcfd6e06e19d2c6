package dev.costflow.diff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One edit that turns the base model into the head model, as a person would name it in a code
 * review: "checkout: memory_mb 512 → 1024 MB", "new subscriber audit-queue on order-events".
 *
 * @param key stable identifier of the change within one diff (its path in the model; calls are
 *     named by target and occurrence, e.g. {@code services.checkout.calls[orders#0].per_call})
 * @param kind what sort of edit it is
 * @param serviceId the service it belongs to, if any
 * @param path the model key it edits, dotted ({@code services.checkout.memory_mb}, {@code period})
 * @param before the base value as one line of YAML (empty: the key was not there)
 * @param after the head value as one line of YAML (empty: the key was removed)
 * @param description the change in words, for reports (untrusted text: renderers escape it)
 * @param edits the tree edits that apply it (internal to the diff engine)
 * @param requires keys of changes that must be applied with it for the model to stay valid
 *     (a call into a new service needs the service; removing a service needs the calls into it
 *     removed)
 */
public record Change(
    String key,
    Kind kind,
    Optional<String> serviceId,
    String path,
    Optional<String> before,
    Optional<String> after,
    String description,
    List<Edit> edits,
    Set<String> requires) {

  /** The sorts of change, in words a reviewer recognises. */
  public enum Kind {
    /** A model-wide setting: period, region, cloud, pricing.*, name. */
    SETTING("setting"),
    SERVICE_ADDED("service added"),
    SERVICE_REMOVED("service removed"),
    /** The service's type changed: it is priced as a new service under the same id. */
    SERVICE_REPLACED("service replaced"),
    /** A key of a service (memory_mb, duration_ms, storage_gb …), or a traffic key. */
    SERVICE_SETTING("service setting"),
    CALL_ADDED("call added"),
    CALL_REMOVED("call removed"),
    /** A key of an existing call (per_call, probability, kb, op, batch_size …). */
    CALL_SETTING("call setting");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** JSON and display name: {@code service_added} … */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String words() {
      return words;
    }
  }

  public Change {
    Objects.requireNonNull(key);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(serviceId);
    Objects.requireNonNull(path);
    Objects.requireNonNull(before);
    Objects.requireNonNull(after);
    Objects.requireNonNull(description);
    edits = List.copyOf(edits);
    requires = Set.copyOf(requires);
  }

  /**
   * One edit of the normalized model tree: set {@code path} (mapping keys from the root; the
   * calls of a service are a mapping keyed {@code target#occurrence} in the normalized tree) to
   * {@code value}, or remove it when {@code value} is empty.
   */
  public record Edit(List<String> path, Optional<dev.costflow.yaml.YNode> value) {
    public Edit {
      path = List.copyOf(path);
      Objects.requireNonNull(value);
    }
  }
}
