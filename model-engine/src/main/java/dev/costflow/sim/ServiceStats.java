package dev.costflow.sim;

import java.util.Optional;

/** One service over the runs: calls, cost and, for a function, what its environments did. */
public record ServiceStats(String id, String type, Stats calls, MoneyStats costUsd, Optional<FunctionStats> function) {}
