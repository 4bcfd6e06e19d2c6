package dev.costflow.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strongly connected components of the call graph (Tarjan), in topological order. */
public final class Graphs {
  private Graphs() {}

  /** Components in topological order (callers before callees); each lists its ids in file order. */
  public static List<List<String>> components(Model model) {
    List<String> ids = model.services().stream().map(Service::id).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    int n = ids.size();
    int[][] adj = new int[n][];
    for (int i = 0; i < n; i++) {
      Service s = model.services().get(i);
      adj[i] = s.calls().stream().map(c -> index.get(c.to())).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
    }
    // Iterative Tarjan
    int[] idx = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    java.util.Arrays.fill(idx, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<List<String>> out = new ArrayList<>();
    int counter = 0;
    for (int start = 0; start < n; start++) {
      if (idx[start] >= 0) {
        continue;
      }
      Deque<int[]> work = new ArrayDeque<>(); // {node, next edge}
      work.push(new int[] {start, 0});
      idx[start] = low[start] = counter++;
      stack.push(start);
      onStack[start] = true;
      while (!work.isEmpty()) {
        int[] top = work.peek();
        int v = top[0];
        if (top[1] < adj[v].length) {
          int w = adj[v][top[1]++];
          if (idx[w] < 0) {
            idx[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            work.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], idx[w]);
          }
        } else {
          work.pop();
          if (!work.isEmpty()) {
            int u = work.peek()[0];
            low[u] = Math.min(low[u], low[v]);
          }
          if (low[v] == idx[v]) {
            List<Integer> comp = new ArrayList<>();
            int w;
            do {
              w = stack.pop();
              onStack[w] = false;
              comp.add(w);
            } while (w != v);
            comp.sort(Integer::compare);
            out.add(comp.stream().map(ids::get).toList());
          }
        }
      }
    }
    // Tarjan emits components in reverse topological order.
    java.util.Collections.reverse(out);
    return out;
  }

  /** Components that contain a cycle (more than one service, or a service calling itself). */
  public static List<List<String>> cycles(Model model) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> c : components(model)) {
      if (c.size() > 1 || isSelfLoop(model, c.get(0))) {
        out.add(c);
      }
    }
    return out;
  }

  static boolean isSelfLoop(Model model, String id) {
    return model.service(id).orElseThrow().calls().stream().anyMatch(c -> c.to().equals(id));
  }
}
