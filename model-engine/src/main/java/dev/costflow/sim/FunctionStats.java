package dev.costflow.sim;

import java.util.Optional;

/**
 * A function over the runs: invocations, cold starts, billed INIT milliseconds (0 before INIT
 * was billed, 2025-08-01), throttled attempts, the peak number of invocations in flight, the
 * busy share of its provisioned environments (when it has any), and the share of its busy hours
 * that were simulated call by call (the rest by {@link PoolFormulas}).
 */
public record FunctionStats(
    Stats invocations,
    Stats coldStarts,
    Stats initBilledMs,
    Stats throttles,
    Stats peakConcurrency,
    Optional<Stats> provisionedUtilization,
    double callByCallShare) {}
