package dev.costflow.desktop.graph;

import dev.costflow.engine.Estimate;
import dev.costflow.engine.ServiceCost;
import dev.costflow.model.Call;
import dev.costflow.model.Model;
import dev.costflow.model.Service;
import dev.costflow.services.EdgeFlow;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture graph laid out left to right along the calls (a layered, Sugiyama-style
 * drawing): callers before callees, one column per layer, long calls routed through empty slots
 * so they never cross a service, the order in each column chosen to reduce crossings and the
 * rows placed so that calls run as straight as the order allows. Pure geometry, no JavaFX:
 * the view only draws what is here.
 */
public final class GraphLayout {
  /** Narrowest service box; wider when ids are long (up to {@link #NODE_W_MAX}). */
  public static final double NODE_W = 164;
  public static final double NODE_W_MAX = 250;
  public static final double NODE_H = 66;
  /** Height reserved where a long call passes through a column (room for its label). */
  public static final double DUMMY_H = 20;
  public static final double LAYER_GAP = 92;
  public static final double ROW_GAP = 26;
  public static final double MARGIN = 20;
  /** Vertical room between two call labels in the same gap. */
  public static final double LABEL_H = 18;

  public record Point(double x, double y) {}

  /** One service: its place and what it costs. {@code heat} in [0, 1] grows with its cost. */
  public record Node(String id, String type, BigDecimal costUsd, double calls, double share, double heat, int layer, double x, double y, double w, double h) {
    public double centerX() {
      return x + w / 2;
    }

    public double centerY() {
      return y + h / 2;
    }
  }

  /**
   * One call: from a service to another, the calls it carries in the period, its route and where
   * its label goes. {@code back} marks a call that closes a cycle (drawn below the row);
   * {@code points} starts at the caller's right side and ends at the callee's left side.
   */
  public record Edge(String from, int callIndex, String to, double calls, List<Point> points, Point label, boolean back) {
    public Edge {
      points = List.copyOf(points);
    }
  }

  private final List<Node> nodes;
  private final List<Edge> edges;
  private final double width;
  private final double height;
  private final String structure;

  private GraphLayout(List<Node> nodes, List<Edge> edges, double width, double height, String structure) {
    this.nodes = List.copyOf(nodes);
    this.edges = List.copyOf(edges);
    this.width = width;
    this.height = height;
    this.structure = structure;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Edge> edges() {
    return edges;
  }

  public double width() {
    return width;
  }

  public double height() {
    return height;
  }

  /** Whether {@code other} places every box and call where this one does (only costs differ). */
  public boolean sameGeometry(GraphLayout other) {
    return other != null && structure.equals(other.structure) && width == other.width && height == other.height;
  }

  public java.util.Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  // ------------------------------------------------------------------------------------------

  /** Lays out a priced model. */
  public static GraphLayout of(Model model, Estimate estimate) {
    return of(model, estimate, null);
  }

  /**
   * Lays out a priced model, reusing the geometry of {@code previous} when the graph has the same
   * shape (same services, calls and entry points): an edit of a memory size or a rate moves no box,
   * and skips the layout work.
   */
  public static GraphLayout of(Model model, Estimate estimate, GraphLayout previous) {
    String structure = structure(model);
    if (previous != null && previous.structure.equals(structure)) {
      return repriced(previous, model, estimate);
    }
    return layout(model, estimate, structure);
  }

  /** Services, their calls and which ones take traffic: what the geometry depends on. */
  static String structure(Model model) {
    StringBuilder b = new StringBuilder();
    for (Service s : model.services()) {
      b.append(s.id()).append(s.traffic().isPresent() ? "*" : "").append('>');
      for (Call c : s.calls()) {
        b.append(c.to()).append(',');
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static GraphLayout repriced(GraphLayout old, Model model, Estimate estimate) {
    Map<String, ServiceCost> costs = new HashMap<>();
    for (ServiceCost s : estimate.services()) {
      costs.put(s.id(), s);
    }
    BigDecimal max = estimate.services().stream().map(ServiceCost::costUsd).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
    double totalUsd = estimate.totalUsd().doubleValue();
    List<Node> nodes = new ArrayList<>();
    for (Node n : old.nodes) {
      ServiceCost c = costs.get(n.id());
      BigDecimal cost = c == null ? BigDecimal.ZERO : c.costUsd();
      double share = totalUsd > 0 ? cost.doubleValue() / totalUsd : 0;
      double heat = max.signum() > 0 ? Math.sqrt(Math.max(0, cost.doubleValue() / max.doubleValue())) : 0;
      String type = model.service(n.id()).map(Service::type).orElse(n.type());
      nodes.add(new Node(n.id(), type, cost, c == null ? 0 : c.calls(), share, heat, n.layer(), n.x(), n.y(), n.w(), n.h()));
    }
    List<Edge> edges = new ArrayList<>();
    for (Edge e : old.edges) {
      edges.add(new Edge(e.from(), e.callIndex(), e.to(), flow(estimate, e.from(), e.callIndex()), e.points(), e.label(), e.back()));
    }
    return new GraphLayout(nodes, edges, old.width, old.height, old.structure);
  }

  private static GraphLayout layout(Model model, Estimate estimate, String structure) {
    List<Service> services = model.services();
    int n = services.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(services.get(i).id(), i);
    }
    // Edges (source, target, call index).
    List<int[]> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Call> calls = services.get(i).calls();
      for (int c = 0; c < calls.size(); c++) {
        Integer t = index.get(calls.get(c).to());
        if (t != null) {
          all.add(new int[] {i, t, c});
        }
      }
    }
    boolean[] back = backEdges(n, all, services);
    int[] layer = layers(n, all, back);

    // The layered graph: real nodes 0..n-1, then one dummy per layer crossed by a long call.
    List<Integer> layerOf = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      layerOf.add(layer[i]);
    }
    List<List<Integer>> succ = new ArrayList<>();
    List<List<Integer>> pred = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      succ.add(new ArrayList<>());
      pred.add(new ArrayList<>());
    }
    List<List<Integer>> chains = new ArrayList<>(); // per edge: the vertices it passes, in order
    for (int e = 0; e < all.size(); e++) {
      int[] ed = all.get(e);
      List<Integer> chain = new ArrayList<>();
      chain.add(ed[0]);
      if (!back[e] && ed[0] != ed[1]) {
        int prev = ed[0];
        for (int l = layer[ed[0]] + 1; l < layer[ed[1]]; l++) {
          int d = layerOf.size();
          layerOf.add(l);
          succ.add(new ArrayList<>());
          pred.add(new ArrayList<>());
          succ.get(prev).add(d);
          pred.get(d).add(prev);
          chain.add(d);
          prev = d;
        }
        succ.get(prev).add(ed[1]);
        pred.get(ed[1]).add(prev);
      }
      chain.add(ed[1]);
      chains.add(chain);
    }
    int total = layerOf.size();
    int layers = Arrays.stream(layer).max().orElse(0) + 1;
    List<List<Integer>> columns = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      columns.add(new ArrayList<>());
    }
    // Initial order: depth-first from the entry points, so related services start together.
    for (int v : dfsOrder(total, n, succ, services)) {
      columns.get(layerOf.get(v)).add(v);
    }
    order(columns, succ, pred, total);

    double[] h = new double[total];
    for (int v = 0; v < total; v++) {
      h[v] = v < n ? NODE_H : DUMMY_H;
    }
    double[] y = place(columns, succ, pred, h, total);

    // Geometry: boxes as wide as the longest id needs (about 8 px a character in bold 13 px).
    int longest = services.stream().mapToInt(s -> s.id().length()).max().orElse(0);
    final double nodeW = Math.max(NODE_W, Math.min(NODE_W_MAX, 64 + 8 * longest));
    double[] x = new double[total];
    for (int v = 0; v < total; v++) {
      x[v] = MARGIN + layerOf.get(v) * (nodeW + LAYER_GAP);
    }
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (int v = 0; v < total; v++) {
      minY = Math.min(minY, y[v] - h[v] / 2);
    }
    for (int v = 0; v < total; v++) {
      y[v] = y[v] - minY + MARGIN;
      maxY = Math.max(maxY, y[v] + h[v] / 2);
    }

    Map<String, ServiceCost> costs = new HashMap<>();
    for (ServiceCost s : estimate.services()) {
      costs.put(s.id(), s);
    }
    BigDecimal max = estimate.services().stream().map(ServiceCost::costUsd).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
    double totalUsd = estimate.totalUsd().doubleValue();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Service s = services.get(i);
      ServiceCost c = costs.get(s.id());
      BigDecimal cost = c == null ? BigDecimal.ZERO : c.costUsd();
      double share = totalUsd > 0 ? cost.doubleValue() / totalUsd : 0;
      double heat = max.signum() > 0 ? Math.sqrt(Math.max(0, cost.doubleValue() / max.doubleValue())) : 0;
      nodes.add(new Node(s.id(), s.type(), cost, c == null ? 0 : c.calls(), share, heat, layer[i], x[i], y[i] - NODE_H / 2, nodeW, NODE_H));
    }

    double bottom = maxY;
    List<Edge> edges = new ArrayList<>();
    List<double[]> labels = new ArrayList<>(); // x, desired y, edge index
    for (int e = 0; e < all.size(); e++) {
      int[] ed = all.get(e);
      double calls = flow(estimate, services.get(ed[0]).id(), ed[2]);
      List<Point> pts = new ArrayList<>();
      Point label;
      if (back[e] || ed[0] == ed[1]) {
        // Below both ends: out of the caller's bottom, into the callee's bottom.
        double sx = x[ed[0]] + nodeW * 0.65;
        double tx = x[ed[1]] + nodeW * 0.35;
        double sy = y[ed[0]] + NODE_H / 2;
        double ty = y[ed[1]] + NODE_H / 2;
        double dip = Math.max(sy, ty) + 40 + 10 * Math.min(4, Math.abs(layer[ed[0]] - layer[ed[1]]));
        pts.add(new Point(sx, sy));
        pts.add(new Point((sx + tx) / 2, dip));
        pts.add(new Point(tx, ty));
        label = new Point((sx + tx) / 2, dip);
        bottom = Math.max(bottom, dip + LABEL_H);
      } else {
        List<Integer> chain = chains.get(e);
        pts.add(new Point(x[ed[0]] + nodeW, y[ed[0]]));
        for (int k = 1; k < chain.size() - 1; k++) {
          int d = chain.get(k);
          pts.add(new Point(x[d] + nodeW / 2, y[d]));
        }
        pts.add(new Point(x[ed[1]], y[ed[1]]));
        // Label in the first gap, where the call leaves its caller.
        Point a = pts.get(0);
        Point b = pts.get(1);
        double lx = a.x() + LAYER_GAP / 2;
        double t = (lx - a.x()) / Math.max(1e-9, b.x() - a.x());
        label = new Point(lx, a.y() + (b.y() - a.y()) * smooth(t));
      }
      edges.add(new Edge(services.get(ed[0]).id(), ed[2], services.get(ed[1]).id(), calls, pts, label, back[e] || ed[0] == ed[1]));
      if (!(back[e] || ed[0] == ed[1])) {
        labels.add(new double[] {label.x(), label.y(), e});
      }
    }
    spreadLabels(labels, edges);
    double width = MARGIN * 2 + layers * nodeW + (layers - 1) * LAYER_GAP;
    return new GraphLayout(nodes, edges, width, bottom + MARGIN, structure);
  }

  /** The S-curve the view draws between two points (cubic with horizontal tangents), for label placement. */
  private static double smooth(double t) {
    t = Math.max(0, Math.min(1, t));
    return t * t * (3 - 2 * t);
  }

  private static double flow(Estimate estimate, String from, int callIndex) {
    List<EdgeFlow> flows = estimate.workload().outflows().get(from);
    if (flows == null || callIndex >= flows.size()) {
      return 0;
    }
    return flows.get(callIndex).totalCalls();
  }

  /** Calls that close a cycle, found depth-first from the services with traffic, then the rest in file order. */
  private static boolean[] backEdges(int n, List<int[]> all, List<Service> services) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < all.size(); e++) {
      out.get(all.get(e)[0]).add(e);
    }
    boolean[] back = new boolean[all.size()];
    int[] state = new int[n]; // 0 new, 1 on stack, 2 done
    for (int root : roots(n, all, services)) {
      if (state[root] != 0) {
        continue;
      }
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {root, 0});
      state[root] = 1;
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        List<Integer> es = out.get(top[0]);
        if (top[1] < es.size()) {
          int e = es.get(top[1]++);
          int t = all.get(e)[1];
          if (state[t] == 1) {
            back[e] = true;
          } else if (state[t] == 0) {
            state[t] = 1;
            stack.push(new int[] {t, 0});
          }
        } else {
          state[top[0]] = 2;
          stack.pop();
        }
      }
    }
    return back;
  }

  /** Entry points first (services with traffic or no callers), then everything else, in file order. */
  private static List<Integer> roots(int n, List<int[]> all, List<Service> services) {
    boolean[] called = new boolean[n];
    for (int[] e : all) {
      if (e[0] != e[1]) {
        called[e[1]] = true;
      }
    }
    List<Integer> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (services.get(i).traffic().isPresent() || !called[i]) {
        r.add(i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (!r.contains(i)) {
        r.add(i);
      }
    }
    return r;
  }

  /** Longest-path layers over the forward calls; a service nobody calls sits just before its first callee. */
  private static int[] layers(int n, List<int[]> all, boolean[] back) {
    int[] indeg = new int[n];
    List<List<Integer>> out = new ArrayList<>();
    List<List<Integer>> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
      in.add(new ArrayList<>());
    }
    for (int e = 0; e < all.size(); e++) {
      int[] ed = all.get(e);
      if (!back[e] && ed[0] != ed[1]) {
        out.get(ed[0]).add(ed[1]);
        in.get(ed[1]).add(ed[0]);
        indeg[ed[1]]++;
      }
    }
    int[] layer = new int[n];
    Deque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (indeg[i] == 0) {
        queue.add(i);
      }
    }
    List<Integer> topo = new ArrayList<>();
    while (!queue.isEmpty()) {
      int v = queue.poll();
      topo.add(v);
      for (int t : out.get(v)) {
        layer[t] = Math.max(layer[t], layer[v] + 1);
        if (--indeg[t] == 0) {
          queue.add(t);
        }
      }
    }
    // Pull sources right, next to their nearest callee (visiting sinks first).
    for (int k = topo.size() - 1; k >= 0; k--) {
      int v = topo.get(k);
      if (in.get(v).isEmpty() && !out.get(v).isEmpty()) {
        int min = Integer.MAX_VALUE;
        for (int t : out.get(v)) {
          min = Math.min(min, layer[t]);
        }
        layer[v] = Math.max(0, min - 1);
      }
    }
    return layer;
  }

  private static List<Integer> dfsOrder(int total, int n, List<List<Integer>> succ, List<Service> services) {
    boolean[] seen = new boolean[total];
    List<Integer> order = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      starts.add(i);
    }
    for (int s : starts) {
      if (seen[s]) {
        continue;
      }
      Deque<Integer> stack = new ArrayDeque<>();
      stack.push(s);
      while (!stack.isEmpty()) {
        int v = stack.pop();
        if (seen[v]) {
          continue;
        }
        seen[v] = true;
        order.add(v);
        List<Integer> next = succ.get(v);
        for (int k = next.size() - 1; k >= 0; k--) {
          if (!seen[next.get(k)]) {
            stack.push(next.get(k));
          }
        }
      }
    }
    for (int v = 0; v < total; v++) {
      if (!seen[v]) {
        order.add(v);
      }
    }
    return order;
  }

  /** Barycentre sweeps down and up the columns, keeping the order with the fewest crossings. */
  private static void order(List<List<Integer>> columns, List<List<Integer>> succ, List<List<Integer>> pred, int total) {
    int[] pos = new int[total];
    refreshPositions(columns, pos);
    List<List<Integer>> best = copy(columns);
    long bestCrossings = crossings(columns, succ, pos);
    for (int iter = 0; iter < 16 && bestCrossings > 0; iter++) {
      boolean down = iter % 2 == 0;
      int from = down ? 1 : columns.size() - 2;
      int to = down ? columns.size() : -1;
      for (int l = from; l != to; l += down ? 1 : -1) {
        List<Integer> col = columns.get(l);
        Map<Integer, Double> bary = new HashMap<>();
        for (int v : col) {
          List<Integer> nb = down ? pred.get(v) : succ.get(v);
          if (nb.isEmpty()) {
            bary.put(v, (double) pos[v]);
          } else {
            double s = 0;
            for (int u : nb) {
              s += pos[u];
            }
            bary.put(v, s / nb.size());
          }
        }
        col.sort(Comparator.comparingDouble(bary::get));
        for (int k = 0; k < col.size(); k++) {
          pos[col.get(k)] = k;
        }
      }
      long c = crossings(columns, succ, pos);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(columns);
      }
    }
    for (int l = 0; l < columns.size(); l++) {
      columns.set(l, best.get(l));
    }
  }

  private static void refreshPositions(List<List<Integer>> columns, int[] pos) {
    for (List<Integer> col : columns) {
      for (int k = 0; k < col.size(); k++) {
        pos[col.get(k)] = k;
      }
    }
  }

  private static List<List<Integer>> copy(List<List<Integer>> columns) {
    List<List<Integer>> c = new ArrayList<>();
    for (List<Integer> col : columns) {
      c.add(new ArrayList<>(col));
    }
    return c;
  }

  /** Crossings between consecutive columns (pairs of segments whose ends are in opposite order). */
  static long crossings(List<List<Integer>> columns, List<List<Integer>> succ, int[] pos) {
    long c = 0;
    for (int l = 0; l + 1 < columns.size(); l++) {
      List<int[]> segs = new ArrayList<>();
      for (int v : columns.get(l)) {
        for (int t : succ.get(v)) {
          segs.add(new int[] {pos[v], pos[t]});
        }
      }
      for (int i = 0; i < segs.size(); i++) {
        for (int j = i + 1; j < segs.size(); j++) {
          int[] a = segs.get(i);
          int[] b = segs.get(j);
          if ((long) (a[0] - b[0]) * (a[1] - b[1]) < 0) {
            c++;
          }
        }
      }
    }
    return c;
  }

  /**
   * Vertical centres: each column stacked in its order, then moved towards the average height
   * of its neighbours while keeping the order and the gaps (pool-adjacent-violators).
   */
  private static double[] place(List<List<Integer>> columns, List<List<Integer>> succ, List<List<Integer>> pred, double[] h, int total) {
    double[] y = new double[total];
    double tallest = 0;
    for (List<Integer> col : columns) {
      tallest = Math.max(tallest, columnHeight(col, h));
    }
    for (List<Integer> col : columns) {
      double at = (tallest - columnHeight(col, h)) / 2;
      for (int v : col) {
        y[v] = at + h[v] / 2;
        at += h[v] + ROW_GAP;
      }
    }
    for (int iter = 0; iter < 12; iter++) {
      boolean down = iter % 2 == 0;
      for (int k = 0; k < columns.size(); k++) {
        int l = down ? k : columns.size() - 1 - k;
        List<Integer> col = columns.get(l);
        double[] want = new double[col.size()];
        for (int i = 0; i < col.size(); i++) {
          int v = col.get(i);
          double s = 0;
          int c = 0;
          for (int u : pred.get(v)) {
            s += y[u];
            c++;
          }
          for (int u : succ.get(v)) {
            s += y[u];
            c++;
          }
          want[i] = c == 0 ? y[v] : s / c;
        }
        double[] size = new double[col.size()];
        for (int i = 0; i < col.size(); i++) {
          size[i] = h[col.get(i)];
        }
        double[] got = packInOrder(want, size, ROW_GAP);
        for (int i = 0; i < col.size(); i++) {
          y[col.get(i)] = got[i];
        }
      }
    }
    return y;
  }

  private static double columnHeight(List<Integer> col, double[] h) {
    double s = 0;
    for (int v : col) {
      s += h[v];
    }
    return s + Math.max(0, col.size() - 1) * ROW_GAP;
  }

  /** Positions as close as possible (least squares) to {@code want}, in order, at least the gaps apart. */
  static double[] packInOrder(double[] want, double[] size, double gap) {
    int m = want.length;
    double[] offset = new double[m]; // minimal distance of item i from item 0
    for (int i = 1; i < m; i++) {
      offset[i] = offset[i - 1] + size[i - 1] / 2 + gap + size[i] / 2;
    }
    // Blocks of items that touch: position of the block's first item = mean of (want - offset).
    int[] start = new int[m];
    double[] sum = new double[m];
    int[] count = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      start[blocks] = i;
      sum[blocks] = want[i] - offset[i];
      count[blocks] = 1;
      blocks++;
      while (blocks > 1 && sum[blocks - 2] / count[blocks - 2] > sum[blocks - 1] / count[blocks - 1]) {
        sum[blocks - 2] += sum[blocks - 1];
        count[blocks - 2] += count[blocks - 1];
        blocks--;
      }
    }
    double[] out = new double[m];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? start[b + 1] : m;
      double base = sum[b] / count[b];
      for (int i = start[b]; i < end; i++) {
        out[i] = base + offset[i];
      }
    }
    return out;
  }

  /** Moves call labels in the same gap apart so they never overlap. */
  private static void spreadLabels(List<double[]> labels, List<Edge> edges) {
    Map<Long, List<double[]>> byGap = new HashMap<>();
    for (double[] l : labels) {
      byGap.computeIfAbsent(Math.round(l[0]), k -> new ArrayList<>()).add(l);
    }
    for (List<double[]> gap : byGap.values()) {
      gap.sort(Comparator.comparingDouble(l -> l[1]));
      double[] want = new double[gap.size()];
      double[] size = new double[gap.size()];
      for (int i = 0; i < gap.size(); i++) {
        want[i] = gap.get(i)[1];
        size[i] = LABEL_H;
      }
      double[] got = packInOrder(want, size, 0);
      for (int i = 0; i < gap.size(); i++) {
        int e = (int) gap.get(i)[2];
        Edge old = edges.get(e);
        edges.set(e, new Edge(old.from(), old.callIndex(), old.to(), old.calls(), old.points(), new Point(old.label().x(), got[i]), old.back()));
      }
    }
  }
}
