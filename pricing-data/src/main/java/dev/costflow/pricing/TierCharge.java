package dev.costflow.pricing;

import java.math.BigDecimal;
import java.util.Optional;

/** The part of a line's billable quantity that fell in one tier, at that tier's price. */
public record TierCharge(BigDecimal tierFrom, Optional<BigDecimal> tierUpTo, BigDecimal quantity, BigDecimal usdPerUnit, BigDecimal costUsd) {}
