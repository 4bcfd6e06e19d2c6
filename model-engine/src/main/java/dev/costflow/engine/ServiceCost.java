package dev.costflow.engine;

import java.math.BigDecimal;
import java.util.List;

/** One service's calls in the period and its priced lines. */
public record ServiceCost(String id, String type, double calls, BigDecimal costUsd, List<LineCost> lines) {
  public ServiceCost {
    lines = List.copyOf(lines);
  }
}
