package dev.costflow.desktop.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.Estimator;
import dev.costflow.model.Model;
import dev.costflow.testing.TestModels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
  static Estimator estimator;

  @BeforeAll
  static void load() {
    estimator = Estimator.bundled();
  }

  static GraphLayout layout(Model m) {
    Estimate e = estimator.estimate(m);
    return GraphLayout.of(m, e);
  }

  static void assertReadable(GraphLayout g) {
    List<GraphLayout.Node> ns = g.nodes();
    for (int i = 0; i < ns.size(); i++) {
      GraphLayout.Node a = ns.get(i);
      assertThat(a.x()).isGreaterThanOrEqualTo(0);
      assertThat(a.y()).isGreaterThanOrEqualTo(0);
      assertThat(a.x() + a.w()).isLessThanOrEqualTo(g.width());
      assertThat(a.y() + a.h()).isLessThanOrEqualTo(g.height());
      for (int j = i + 1; j < ns.size(); j++) {
        GraphLayout.Node b = ns.get(j);
        boolean apart = a.x() + a.w() <= b.x() || b.x() + b.w() <= a.x() || a.y() + a.h() <= b.y() || b.y() + b.h() <= a.y();
        assertThat(apart).as(a.id() + " overlaps " + b.id()).isTrue();
      }
    }
    // Labels in one gap never overlap.
    Map<Long, List<GraphLayout.Edge>> byGap = new HashMap<>();
    g.edges().stream().filter(e -> !e.back()).forEach(e -> byGap.computeIfAbsent(Math.round(e.label().x()), k -> new java.util.ArrayList<>()).add(e));
    for (List<GraphLayout.Edge> gap : byGap.values()) {
      List<Double> ys = gap.stream().map(e -> e.label().y()).sorted().toList();
      for (int i = 1; i < ys.size(); i++) {
        assertThat(ys.get(i) - ys.get(i - 1)).isGreaterThanOrEqualTo(GraphLayout.LABEL_H - 1e-6);
      }
    }
  }

  @Test
  void callsRunLeftToRightAndNothingOverlaps() throws Exception {
    Model m = dev.costflow.model.ModelReader.read(dev.costflow.desktop.Fixtures.checkout(java.nio.file.Files.createTempDirectory("g")));
    GraphLayout g = layout(m);
    assertReadable(g);
    Map<String, GraphLayout.Node> byId = new HashMap<>();
    g.nodes().forEach(n -> byId.put(n.id(), n));
    for (GraphLayout.Edge e : g.edges()) {
      assertThat(e.back()).isFalse();
      assertThat(byId.get(e.to()).layer()).isGreaterThan(byId.get(e.from()).layer());
      assertThat(e.points().get(0).x()).isEqualTo(byId.get(e.from()).x() + byId.get(e.from()).w());
    }
    assertThat(byId.get("web").layer()).isZero();
    assertThat(byId.get("send-email").layer()).isEqualTo(4);
    // the edge carries the engine's calls: web → checkout is the 30 M monthly requests
    assertThat(g.edges().stream().filter(e -> e.from().equals("web")).findFirst().orElseThrow().calls()).isEqualTo(30_000_000, org.assertj.core.data.Offset.offset(1e-3));
    // the most expensive service is the hottest
    GraphLayout.Node hottest = g.nodes().stream().max(java.util.Comparator.comparingDouble(GraphLayout.Node::heat)).orElseThrow();
    assertThat(hottest.heat()).isEqualTo(1.0);
    assertThat(hottest.costUsd()).isEqualByComparingTo(g.nodes().stream().map(GraphLayout.Node::costUsd).max(java.math.BigDecimal::compareTo).orElseThrow());
  }

  @Test
  void longCallsPassThroughEmptySlots() {
    Model m = TestModels.parse("""
        services:
          a: {type: aws.apigateway.http, traffic: {monthly: 1000}, calls: [{to: b}, {to: d}]}
          b: {type: aws.lambda, calls: [{to: c}]}
          c: {type: aws.lambda, calls: [{to: d}]}
          d: {type: aws.sqs}
        """);
    GraphLayout g = layout(m);
    assertReadable(g);
    GraphLayout.Edge ad = g.edges().stream().filter(e -> e.from().equals("a") && e.to().equals("d")).findFirst().orElseThrow();
    assertThat(ad.points()).hasSize(4); // start, two slots, end
    for (GraphLayout.Node n : g.nodes()) {
      for (GraphLayout.Point p : ad.points().subList(1, 3)) {
        boolean inside = p.x() > n.x() && p.x() < n.x() + n.w() && p.y() > n.y() && p.y() < n.y() + n.h();
        assertThat(inside).as("route through " + n.id()).isFalse();
      }
    }
  }

  @Test
  void cyclesAreDrawnAsBackCalls() {
    Model m = TestModels.parse("""
        services:
          api: {type: aws.apigateway.http, traffic: {monthly: 1000}, calls: [{to: a}]}
          a: {type: aws.lambda, calls: [{to: w, probability: 0.5}]}
          w: {type: aws.lambda, calls: [{to: a, probability: 0.1}]}
        """);
    GraphLayout g = layout(m);
    assertReadable(g);
    assertThat(g.edges().stream().filter(GraphLayout.Edge::back)).hasSize(1);
    assertThat(g.edges().stream().filter(GraphLayout.Edge::back).findFirst().orElseThrow().from()).isEqualTo("w");
  }

  @Test
  void aHundredServicesStayReadable() {
    Model m = TestModels.parse(dev.costflow.desktop.Fixtures.hundredServices());
    GraphLayout g = layout(m);
    assertThat(g.nodes()).hasSize(100);
    assertReadable(g);
  }

  @Test
  void randomModelsStayReadableAndFlowRight() {
    for (long seed = 1; seed <= 40; seed++) {
      Model m = TestModels.parse(dev.costflow.testing.RandomModels.generate(seed, 1).yaml());
      GraphLayout g = layout(m);
      assertReadable(g);
      Map<String, GraphLayout.Node> byId = new HashMap<>();
      g.nodes().forEach(n -> byId.put(n.id(), n));
      for (GraphLayout.Edge e : g.edges()) {
        if (!e.back()) {
          assertThat(byId.get(e.to()).layer()).as("seed " + seed + ": " + e.from() + " → " + e.to()).isGreaterThan(byId.get(e.from()).layer());
        }
      }
    }
  }

  @Test
  void aValueEditKeepsTheGeometryAndRepricesIt() {
    String yaml = "services:\n  a: {type: aws.apigateway.http, traffic: {monthly: 1000}, calls: [{to: b}]}\n  b: {type: aws.lambda, memory_mb: %d}\n";
    Model m1 = TestModels.parse(String.format(yaml, 128));
    GraphLayout g1 = layout(m1);
    Model m2 = TestModels.parse(String.format(yaml, 4096));
    Estimate e2 = estimator.estimate(m2);
    GraphLayout reused = GraphLayout.of(m2, e2, g1);
    GraphLayout fresh = GraphLayout.of(m2, e2);
    assertThat(reused.nodes()).isEqualTo(fresh.nodes());
    assertThat(reused.edges()).isEqualTo(fresh.edges());
    assertThat(reused.node("b").orElseThrow().costUsd()).isNotEqualByComparingTo(g1.node("b").orElseThrow().costUsd());
    // a new call changes the shape: laid out again
    Model m3 = TestModels.parse("services:\n  a: {type: aws.apigateway.http, traffic: {monthly: 1000}, calls: [{to: b}, {to: c}]}\n  b: {type: aws.lambda}\n  c: {type: aws.sqs}\n");
    assertThat(GraphLayout.of(m3, estimator.estimate(m3), g1).nodes()).hasSize(3);
  }

  @Test
  void packingKeepsOrderAndGaps() {
    double[] got = GraphLayout.packInOrder(new double[] {10, 10, 10}, new double[] {20, 20, 20}, 5);
    assertThat(got[1] - got[0]).isEqualTo(25.0);
    assertThat(got[2] - got[1]).isEqualTo(25.0);
    assertThat((got[0] + got[1] + got[2]) / 3).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    double[] free = GraphLayout.packInOrder(new double[] {0, 100}, new double[] {20, 20}, 5);
    assertThat(free).containsExactly(0, 100);
  }
}
