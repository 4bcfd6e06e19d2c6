package dev.costflow.engine;

import dev.costflow.model.Call;
import dev.costflow.model.Diagnostic;
import dev.costflow.model.Graphs;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.Service;
import dev.costflow.services.EdgeContext;
import dev.costflow.services.EdgeFlow;
import dev.costflow.services.Inflow;
import dev.costflow.services.Invocation;
import dev.costflow.services.ServiceLoad;
import dev.costflow.traffic.TrafficProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Propagates traffic along the calls, hour by hour, in topological order. Cycles (allowed only
 * when every call on them has probability &lt; 1) are solved by iterating to the fixed point —
 * the geometric series of the calls going round. Inflows are kept in a canonical order (by
 * source id and call index) so results do not depend on the order of services in the file.
 */
public final class Propagator {
  static final double TOLERANCE = 1e-13;
  static final int MAX_ITERATIONS = 1_000_000;

  private Propagator() {}

  public static Workload propagate(Model model) {
    int hours = model.period().hours();
    Map<String, Service> byId = model.servicesById();
    // target id -> ("from#index" sorted) -> inflow
    Map<String, TreeMap<String, Inflow>> inflows = new HashMap<>();
    for (Service s : model.services()) {
      TreeMap<String, Inflow> m = new TreeMap<>();
      s.traffic().ifPresent(t -> {
        double[] calls = TrafficProfile.hourly(t, model.period());
        m.put("", new Inflow(Inflow.TRAFFIC, -1, calls, t.kb(), s.kind().defaultOp(), Invocation.SYNC, calls));
      });
      inflows.put(s.id(), m);
    }
    Map<String, ServiceLoad> loads = new HashMap<>();
    Map<String, List<EdgeFlow>> outflows = new HashMap<>();

    for (List<String> component : Graphs.components(model)) {
      boolean cyclic = component.size() > 1 || byId.get(component.get(0)).calls().stream().anyMatch(c -> c.to().equals(component.get(0)));
      if (!cyclic) {
        process(model, byId.get(component.get(0)), inflows, loads, outflows, hours);
        continue;
      }
      double[] previous = new double[component.size()];
      java.util.Arrays.fill(previous, -1);
      boolean converged = false;
      for (int it = 0; it < MAX_ITERATIONS && !converged; it++) {
        converged = true;
        for (int i = 0; i < component.size(); i++) {
          Service s = byId.get(component.get(i));
          process(model, s, inflows, loads, outflows, hours);
          double total = loads.get(s.id()).totalCalls();
          if (!Double.isFinite(total) || total > 1e30) {
            throw new ModelException(Diagnostic.error(s.pos(), "services." + s.id() + ": calls around the cycle " + String.join(" → ", component)
                + " grow without bound (probability × per_call along the cycle is 1 or more)"));
          }
          if (Math.abs(total - previous[i]) > TOLERANCE * Math.max(1, total)) {
            converged = false;
          }
          previous[i] = total;
        }
      }
      if (!converged) {
        Service first = byId.get(component.get(0));
        throw new ModelException(Diagnostic.error(first.pos(), "services." + first.id() + ": calls around the cycle " + String.join(" → ", component)
            + " do not settle (probability × per_call along the cycle is too close to 1)"));
      }
    }
    Map<String, ServiceLoad> orderedLoads = new LinkedHashMap<>();
    Map<String, List<EdgeFlow>> orderedFlows = new LinkedHashMap<>();
    for (Service s : model.services()) {
      orderedLoads.put(s.id(), loads.get(s.id()));
      orderedFlows.put(s.id(), outflows.get(s.id()));
    }
    return new Workload(model, orderedLoads, orderedFlows);
  }

  private static void process(Model model, Service s, Map<String, TreeMap<String, Inflow>> inflows, Map<String, ServiceLoad> loads,
      Map<String, List<EdgeFlow>> outflows, int hours) {
    List<Inflow> in = new ArrayList<>(inflows.get(s.id()).values());
    ServiceLoad load = new ServiceLoad(s, in, hours);
    loads.put(s.id(), load);
    List<EdgeFlow> flows = new ArrayList<>(s.calls().size());
    for (int i = 0; i < s.calls().size(); i++) {
      Call c = s.calls().get(i);
      Service target = model.service(c.to()).orElseThrow();
      EdgeFlow f = s.kind().outflow(new EdgeContext(model, s, load, i, c, target));
      f = target.kind().arrive(f, target, model);
      flows.add(f);
      inflows.get(target.id()).put(key(s.id(), i), new Inflow(s.id(), i, f.calls(), f.kb(), f.op(), f.invocation(), f.items()));
    }
    outflows.put(s.id(), flows);
  }

  /** Sort key of an inflow: the source id, then the call index (zero-padded). */
  private static String key(String from, int index) {
    return from + "\u0000" + String.format("%06d", index);
  }

  static final Comparator<Inflow> CANONICAL = Comparator.comparing(Inflow::from).thenComparingInt(Inflow::callIndex);
}
