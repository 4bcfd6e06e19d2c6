package dev.costflow.model;

import dev.costflow.dist.Distribution;
import dev.costflow.yaml.Position;
import java.util.Objects;
import java.util.Optional;

/**
 * An edge: each call into the source causes {@code perCall} calls into {@code to}, for a share
 * {@code probability} of the source's calls. {@code kb} is the payload of each call into the
 * target (empty: the incoming payload when the source passes messages on, else 1 KB).
 */
public record Call(
    String to,
    Distribution perCall,
    double probability,
    Optional<Distribution> kb,
    Optional<String> op,
    Optional<Integer> batchSize,
    double batchWindowS,
    Position pos) {
  public Call {
    Objects.requireNonNull(to);
    Objects.requireNonNull(perCall);
    Objects.requireNonNull(kb);
    Objects.requireNonNull(op);
    Objects.requireNonNull(batchSize);
    Objects.requireNonNull(pos);
  }

  /** Mean calls into the target per call into the source: probability × E[per_call]. */
  public double gain() {
    return probability * perCall.mean();
  }
}
