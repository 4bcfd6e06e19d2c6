package dev.costflow.desktop.core;

import dev.costflow.sim.CurveBands;
import dev.costflow.sim.MoneyStats;

/**
 * Simulation bands of the cost curve for one evaluation of the model: per hour and per day of the
 * period, the 5th, 50th and 95th percentile and the mean of the cost over {@code runs} simulated
 * periods ({@code costflow simulate}'s engine), and the distribution of the period's total.
 * {@code evaluation} is the model version they were simulated for. Display values only.
 */
public record CostBands(Evaluation.Valid evaluation, int runs, long seed, CurveBands hourly, CurveBands daily, MoneyStats totalUsd, long nanos) {}
