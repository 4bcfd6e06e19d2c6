package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.engine.LineCost;
import dev.costflow.engine.Propagator;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Model;
import dev.costflow.testing.RandomModels;
import dev.costflow.testing.TestModels;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property: for models without state effects the simulated mean agrees with the analytic
 * estimate within its confidence interval — per line quantity, per service cost and in total —
 * over seeded random models. Batches of a queue drained by a function are a state effect (a
 * batch's size depends on how records arrive, and the estimate uses the batch of the mean rate),
 * so queues with consumers and their consumers are left out, and so is every cost their usage
 * shares a free tier with.
 */
class SimulateAgreesWithEstimateTest {
  static final Estimator ESTIMATOR = Estimator.bundled();
  static final int RUNS = 40;
  /** Standard errors allowed: with about a thousand comparisons, 4.5 leaves room for none by chance. */
  static final double Z = 4.5;

  @Test
  void simulatedMeansAgreeWithTheEstimate() {
    int compared = 0;
    for (long seed = 1; seed <= 30; seed++) {
      RandomModels.Generated g = RandomModels.generate(seed, 0.05 + (seed % 4) * 0.5);
      Model m = TestModels.parse(g.yaml());
      boolean freeTier = m.pricing().freeTier();
      Estimate est = ESTIMATOR.estimate(m);
      Set<String> stateful = new TreeSet<>();
      for (var s : m.services()) {
        if (s.id().startsWith("queue") && !s.calls().isEmpty() || s.id().startsWith("drain")) {
          stateful.add(s.id());
        }
      }
      SimPlan plan = new SimPlan(m, ESTIMATOR);
      Map<String, double[]> quantity = new HashMap<>();
      Map<String, double[]> cost = new HashMap<>();
      double[] total = new double[RUNS];
      for (int r = 0; r < RUNS; r++) {
        SimRun run = new SimRun(plan, seed * 1000, r);
        SimQuantities q = run.root();
        Estimate e = ESTIMATOR.price(m, Propagator.propagate(m, q), q);
        total[r] = e.totalUsd().doubleValue();
        for (ServiceCost sc : e.services()) {
          cost.computeIfAbsent(sc.id(), k -> new double[RUNS])[r] = sc.costUsd().doubleValue();
          for (LineCost l : sc.lines()) {
            quantity.computeIfAbsent(sc.id() + " / " + l.meter(), k -> new double[RUNS])[r] = l.quantity();
          }
        }
      }
      for (ServiceCost sc : est.services()) {
        if (stateful.contains(sc.id())) {
          continue;
        }
        for (LineCost l : sc.lines()) {
          compared += check("seed " + seed + " " + sc.id() + " / " + l.meter(), l.quantity(), quantity.get(sc.id() + " / " + l.meter()));
        }
        boolean sharesFreeTier = freeTier && sc.type().equals("aws.lambda") && stateful.stream().anyMatch(id -> id.startsWith("drain"));
        if (!sharesFreeTier) {
          compared += check("seed " + seed + " cost of " + sc.id(), sc.costUsd().doubleValue(), cost.get(sc.id()));
        }
      }
      if (stateful.isEmpty()) {
        compared += check("seed " + seed + " total", est.totalUsd().doubleValue(), total);
      }
    }
    assertThat(compared).isGreaterThan(400);
  }

  /** Asserts |mean − expected| ≤ Z·sd/√n (plus rounding), returns 1. */
  private static int check(String what, double expected, double[] values) {
    assertThat(values).as(what + " is metered in the runs").isNotNull();
    Stats s = Stats.of(values);
    double tolerance = Z * s.sd() / Math.sqrt(values.length) + 1e-9 * Math.abs(expected) + 1e-12;
    assertThat(s.mean()).as(what + " (sd " + s.sd() + ")").isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
    return 1;
  }
}
