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
import dev.costflow.services.Quantities;
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
    return propagate(model, Quantities.EXPECTED);
  }

  /**
   * Propagates with the given quantities: {@link Quantities#EXPECTED} for the estimate, a sampling
   * implementation for one run of the simulator. Sampled cycles are followed generation by
   * generation (the calls of each pass around the cycle are sampled from the previous pass's)
   * until no call is left, instead of being solved as a geometric series.
   */
  public static Workload propagate(Model model, Quantities q) {
    int hours = model.period().hours();
    Map<String, Service> byId = model.servicesById();
    // target id -> ("from#index" sorted) -> inflow
    Map<String, TreeMap<String, Inflow>> inflows = new HashMap<>();
    for (Service s : model.services()) {
      TreeMap<String, Inflow> m = new TreeMap<>();
      s.traffic().ifPresent(t -> {
        double[] calls = TrafficProfile.hourly(t, model.period());
        if (!q.expected()) {
          calls = q.scoped("traffic/" + s.id()).traffic(t, calls);
        }
        m.put("", new Inflow(Inflow.TRAFFIC, -1, calls, t.kb(), s.kind().defaultOp(), Invocation.SYNC, calls));
      });
      inflows.put(s.id(), m);
    }
    Map<String, ServiceLoad> loads = new HashMap<>();
    Map<String, List<EdgeFlow>> outflows = new HashMap<>();

    for (List<String> component : Graphs.components(model)) {
      boolean cyclic = component.size() > 1 || byId.get(component.get(0)).calls().stream().anyMatch(c -> c.to().equals(component.get(0)));
      if (!cyclic) {
        process(model, byId.get(component.get(0)), inflows, loads, outflows, hours, q);
        continue;
      }
      if (!q.expected()) {
        processSampledCycle(model, component, inflows, loads, outflows, hours, q);
        continue;
      }
      double[] previous = new double[component.size()];
      java.util.Arrays.fill(previous, -1);
      boolean converged = false;
      for (int it = 0; it < MAX_ITERATIONS && !converged; it++) {
        converged = true;
        for (int i = 0; i < component.size(); i++) {
          Service s = byId.get(component.get(i));
          process(model, s, inflows, loads, outflows, hours, q);
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
      Map<String, List<EdgeFlow>> outflows, int hours, Quantities q) {
    List<Inflow> in = new ArrayList<>(inflows.get(s.id()).values());
    ServiceLoad load = new ServiceLoad(s, in, hours);
    loads.put(s.id(), load);
    List<EdgeFlow> flows = new ArrayList<>(s.calls().size());
    for (int i = 0; i < s.calls().size(); i++) {
      Call c = s.calls().get(i);
      Service target = model.service(c.to()).orElseThrow();
      EdgeContext ctx = new EdgeContext(model, s, load, i, c, target, q.expected() ? q : q.scoped(edgeScope(s, i, "")));
      EdgeFlow f = s.kind().outflow(ctx);
      f = target.kind().arrive(f, ctx);
      flows.add(f);
      inflows.get(target.id()).put(key(s.id(), i), new Inflow(s.id(), i, f.calls(), f.kb(), f.op(), f.invocation(), f.items()));
    }
    outflows.put(s.id(), flows);
  }

  /**
   * The random-number scope of a call edge: its source, its target and which call to that target
   * it is (so that adding a call to another target keeps the streams of the others).
   */
  static String edgeScope(Service s, int callIndex, String suffix) {
    String to = s.calls().get(callIndex).to();
    int occurrence = 0;
    for (int j = 0; j < callIndex; j++) {
      if (s.calls().get(j).to().equals(to)) {
        occurrence++;
      }
    }
    return "edge/" + s.id() + "/" + to + "/" + occurrence + suffix;
  }

  /** Generations of sampled calls going round a cycle; each generation's calls come from the previous one's. */
  static final int MAX_GENERATIONS = 100_000;

  private static void processSampledCycle(Model model, List<String> component, Map<String, TreeMap<String, Inflow>> inflows, Map<String, ServiceLoad> loads,
      Map<String, List<EdgeFlow>> outflows, int hours, Quantities q) {
    Map<String, Service> byId = model.servicesById();
    java.util.Set<String> members = new java.util.HashSet<>(component);
    // This generation's inflows of each member: from outside the cycle at first, then what the previous generation sent.
    Map<String, TreeMap<String, Inflow>> current = new HashMap<>();
    for (String id : component) {
      current.put(id, new TreeMap<>(inflows.get(id)));
    }
    Map<String, EdgeFlow[]> summed = new HashMap<>();
    for (String id : component) {
      summed.put(id, new EdgeFlow[byId.get(id).calls().size()]);
    }
    for (int generation = 0; ; generation++) {
      if (generation >= MAX_GENERATIONS) {
        Service first = byId.get(component.get(0));
        throw new ModelException(Diagnostic.error(first.pos(), "services." + first.id() + ": calls around the cycle " + String.join(" → ", component)
            + " do not die out (probability × per_call along the cycle is too close to 1)"));
      }
      Map<String, TreeMap<String, Inflow>> next = new HashMap<>();
      for (String id : component) {
        next.put(id, new TreeMap<>());
      }
      boolean any = false;
      for (String id : component) {
        Service s = byId.get(id);
        ServiceLoad load = new ServiceLoad(s, new ArrayList<>(current.get(id).values()), hours);
        if (generation > 0 && load.totalCalls() <= 0) {
          continue;
        }
        for (int i = 0; i < s.calls().size(); i++) {
          Call c = s.calls().get(i);
          Service target = byId.get(c.to());
          EdgeContext ctx = new EdgeContext(model, s, load, i, c, target, q.scoped(edgeScope(s, i, "/g" + generation)));
          EdgeFlow f = target.kind().arrive(s.kind().outflow(ctx), ctx);
          summed.get(id)[i] = add(summed.get(id)[i], f);
          Inflow inflow = new Inflow(s.id(), i, f.calls(), f.kb(), f.op(), f.invocation(), f.items());
          if (!members.contains(target.id())) {
            inflows.get(target.id()).merge(key(s.id(), i), inflow, Propagator::add);
          } else if (f.totalCalls() > 0) {
            next.get(target.id()).merge(key(s.id(), i), inflow, Propagator::add);
            any = true;
          }
        }
      }
      // What the members sent each other in this generation adds to their loads.
      for (String id : component) {
        for (Map.Entry<String, Inflow> e : next.get(id).entrySet()) {
          inflows.get(id).merge(e.getKey(), e.getValue(), Propagator::add);
        }
      }
      if (!any) {
        break;
      }
      current = next;
    }
    for (String id : component) {
      Service s = byId.get(id);
      ServiceLoad load = new ServiceLoad(s, new ArrayList<>(inflows.get(id).values()), hours);
      loads.put(id, load);
      List<EdgeFlow> flows = new ArrayList<>(s.calls().size());
      for (int i = 0; i < s.calls().size(); i++) {
        flows.add(summed.get(id)[i]);
      }
      outflows.put(id, flows);
    }
  }

  private static EdgeFlow add(EdgeFlow a, EdgeFlow b) {
    if (a == null) {
      return b;
    }
    double[] rejected = a.hasRejected() || b.hasRejected() ? sum(orZeros(a.rejected(), a.calls().length), orZeros(b.rejected(), b.calls().length)) : EdgeFlow.NONE;
    return new EdgeFlow(sum(a.calls(), b.calls()), sum(a.items(), b.items()), a.kb(), a.op(), a.invocation(), rejected);
  }

  private static Inflow add(Inflow a, Inflow b) {
    return new Inflow(a.from(), a.callIndex(), sum(a.calls(), b.calls()), a.kb(), a.op(), a.invocation(), sum(a.items(), b.items()));
  }

  private static double[] orZeros(double[] a, int n) {
    return a.length == 0 ? new double[n] : a;
  }

  private static double[] sum(double[] a, double[] b) {
    double[] out = a.clone();
    dev.costflow.services.Arrays2.addInto(out, b);
    return out;
  }

  /** Sort key of an inflow: the source id, then the call index (zero-padded). */
  private static String key(String from, int index) {
    return from + "\u0000" + String.format("%06d", index);
  }

  static final Comparator<Inflow> CANONICAL = Comparator.comparing(Inflow::from).thenComparingInt(Inflow::callIndex);
}
