package dev.costflow.pricing;

import java.util.List;
import java.util.Objects;

/**
 * How a catalog meter appears on a bill: the provider's product code (CUR {@code lineItem/ProductCode},
 * FOCUS-AWS {@code x_ServiceCode}), its service name (CUR {@code product/ProductName}, FOCUS
 * {@code ServiceName}, Cost Explorer {@code SERVICE}) and the usage types billed to the meter, without
 * region prefix ({@code Lambda-GB-Second}, not {@code USE2-Lambda-GB-Second}). Empty for meters
 * that no bill line maps to yet.
 */
public record BillingNames(String productCode, String serviceName, List<String> usageTypes) {
  public static final BillingNames NONE = new BillingNames("", "", List.of());

  public BillingNames {
    Objects.requireNonNull(productCode);
    Objects.requireNonNull(serviceName);
    usageTypes = List.copyOf(usageTypes);
  }

  public boolean isEmpty() {
    return usageTypes.isEmpty();
  }
}
