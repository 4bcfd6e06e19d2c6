package dev.costflow.pricing;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A region of a cloud: its code ({@code eu-west-1}), its name, the {@code location} the AWS Price
 * List names it by, the short code AWS bills put before usage types ({@code EU-},
 * {@code USE2-}; {@code prefixOptional} when bills often leave it out, as in us-east-1) and
 * product-specific attributes such as Google's price tiers.
 */
public record Region(String cloud, String code, String name, Optional<String> priceListLocation, Optional<String> billingCode, boolean prefixOptional,
    Map<String, String> attributes) {
  public Region {
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(code);
    Objects.requireNonNull(name);
    Objects.requireNonNull(priceListLocation);
    Objects.requireNonNull(billingCode);
    attributes = Map.copyOf(attributes);
  }

  /** The usage-type prefix of this region on AWS bills, e.g. {@code USE2-}. */
  public Optional<String> usageTypePrefix() {
    return billingCode.map(c -> c + "-");
  }
}
