package dev.costflow.billing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one stored line is about: everything but its amounts. Lines with equal keys are summed
 * (hourly rows of a day become one line). {@code billingPeriod} is the first day of the month the
 * line is billed in; {@code meterId} is "" when the usage type maps to no catalog meter; {@code tags}
 * is a JSON object with sorted keys ("{}" when untagged). Strings are stored as read: untrusted.
 */
public record LineKey(
    LocalDate day,
    String cloud,
    String billingAccount,
    LocalDate billingPeriod,
    String account,
    String region,
    String service,
    String serviceCode,
    String usageType,
    String meterId,
    String operation,
    String resourceId,
    String tags,
    String chargeCategory,
    String chargeType,
    String unit,
    String sourceFile) {
  public LineKey {
    Objects.requireNonNull(day);
    Objects.requireNonNull(cloud);
    Objects.requireNonNull(billingAccount);
    Objects.requireNonNull(billingPeriod);
    Objects.requireNonNull(account);
    Objects.requireNonNull(region);
    Objects.requireNonNull(service);
    Objects.requireNonNull(serviceCode);
    Objects.requireNonNull(usageType);
    Objects.requireNonNull(meterId);
    Objects.requireNonNull(operation);
    Objects.requireNonNull(resourceId);
    Objects.requireNonNull(tags);
    Objects.requireNonNull(chargeCategory);
    Objects.requireNonNull(chargeType);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(sourceFile);
  }

  public LineKey withDay(LocalDate d) {
    return new LineKey(d, cloud, billingAccount, billingPeriod, account, region, service, serviceCode, usageType, meterId, operation, resourceId, tags,
        chargeCategory, chargeType, unit, sourceFile);
  }
}
