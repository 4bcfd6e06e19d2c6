package dev.costflow.actuals;

import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Actual lines made from a "true" model: what the bill would say if that model were reality. */
final class ActualsFixtures {
  private ActualsFixtures() {}

  static List<ActualLine> billOf(Model truth, LocalDate since, LocalDate until, boolean tagged) {
    List<ActualLine> out = new ArrayList<>();
    var series = ModeledDays.compute(truth, since, until, Estimator.bundled());
    for (var svc : series.values()) {
      for (ModeledDays.Series s : svc.values()) {
        for (var d : s.quantity.entrySet()) {
          BigDecimal cost = s.costUsd.get(d.getKey());
          out.add(new ActualLine(d.getKey(), "aws", "111122223333", truth.region(), "svc", "ut-" + s.meterId, Optional.of(s.meterId), "",
              tagged ? "" : "arn:aws:x:us-east-1:111122223333:thing/" + s.serviceId, tagged ? Map.of("user:costflow:service", s.serviceId) : Map.of(),
              d.getValue(), s.unit, cost, cost, "Usage"));
        }
      }
    }
    return out;
  }
}
