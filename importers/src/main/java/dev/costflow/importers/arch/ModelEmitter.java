package dev.costflow.importers.arch;

import dev.costflow.engine.Estimator;
import dev.costflow.importers.arch.ArchGraph.Edge;
import dev.costflow.importers.arch.ArchGraph.Invoke;
import dev.costflow.importers.arch.ArchGraph.Node;
import dev.costflow.model.Model;
import dev.costflow.model.ModelException;
import dev.costflow.model.ModelReader;
import dev.costflow.model.NodeReader;
import dev.costflow.model.Problems;
import dev.costflow.model.Service;
import dev.costflow.services.Invocation;
import dev.costflow.services.ServiceKind;
import dev.costflow.services.ServiceKinds;
import dev.costflow.services.ServiceSpec;
import dev.costflow.traffic.Schedule;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes an {@link ArchGraph} as a model file. Services whose type this build can price become
 * live services; services of SPEC types it cannot price yet are written as a commented-out block
 * and the calls through them are reconnected where that keeps the call counts right (buses,
 * schedulers, state machines and bucket notifications pass each event on; streams batch, so their
 * consumers get placeholder traffic instead). Decided with {@link ServiceKinds#byType} at import
 * time: when a type gains a pricer, the same import writes it as a live service.
 */
final class ModelEmitter {
  /** Calls a month assumed at each entry point whose traffic a template cannot know. */
  static final double PLACEHOLDER_MONTHLY = 1_000_000;

  /** How a service passes calls on, for reconnecting calls around it when it cannot be priced yet. */
  private record Passing(boolean sound, Set<String> inOps, String why) {}

  private static final Map<String, Passing> PASSING = Map.of(
      "aws.eventbridge", new Passing(true, Set.of(), "a bus delivers each matching event to its targets"),
      "aws.scheduler", new Passing(true, Set.of(), "a schedule invokes its target each time it fires"),
      "aws.stepfunctions", new Passing(true, Set.of(), "each execution runs its task states"),
      "aws.sns", new Passing(true, Set.of(), "a topic delivers each message to its subscribers"),
      "aws.s3", new Passing(true, Set.of("put"), "each object written raises a notification"),
      "aws.apigateway.rest", new Passing(true, Set.of(), "each request calls its integration"),
      "aws.apigateway.http", new Passing(true, Set.of(), "each request calls its integration"),
      "aws.kinesis", new Passing(false, Set.of(), "a stream delivers records in batches"),
      "aws.firehose", new Passing(false, Set.of(), "a delivery stream buffers records"),
      "aws.sqs", new Passing(false, Set.of(), "a queue delivers messages in batches"));

  /** What the header says about the source. */
  record Header(String command, String source, String flavour, String name, String region, Optional<String> description) {}

  private final ArchGraph g;
  private final Header header;
  private final Problems problems;
  private final Map<String, String> ids = new LinkedHashMap<>();
  private final Map<String, Optional<ServiceKind>> kinds = new HashMap<>();
  private final Map<String, List<String>> deferredNotes = new LinkedHashMap<>();
  private final List<Edge> edges;
  private final Map<String, List<String>> ownSchedules = new HashMap<>();

  private final Function<String, Optional<ServiceKind>> lookup;

  private ModelEmitter(ArchGraph g, Header header, Problems problems, Function<String, Optional<ServiceKind>> lookup) {
    this.g = g;
    this.header = header;
    this.problems = problems;
    this.edges = new ArrayList<>(g.edges);
    this.lookup = lookup;
  }

  /** The model text and what it holds. */
  record Emitted(String text, int services, int pending, int calls, int inferredCalls) {}

  /** The model text for a graph; checked to read and estimate before it is returned. */
  static Emitted emit(ArchGraph g, Header header, Problems problems, Path baseDir) {
    return emit(g, header, problems, baseDir, ServiceKinds::byType);
  }

  /** As {@link #emit(ArchGraph, Header, Problems, Path)}, with the types that count as priced given (tests). */
  static Emitted emit(ArchGraph g, Header header, Problems problems, Path baseDir, Function<String, Optional<ServiceKind>> lookup) {
    ModelEmitter e = new ModelEmitter(g, header, problems, lookup);
    String text = e.write();
    check(text, header, baseDir, problems);
    int live = (int) g.nodes.values().stream().filter(e::live).count();
    return new Emitted(text, live, g.nodes.size() - live, e.edges.size(), (int) e.edges.stream().filter(x -> x.inferred).count());
  }

  private boolean live(Node n) {
    return kinds.computeIfAbsent(n.type, t -> lookup.apply(t).filter(k -> k.cloud() == dev.costflow.model.Cloud.AWS)).isPresent();
  }

  private ServiceKind kind(Node n) {
    return kinds.get(n.type).orElseThrow();
  }

  private String write() {
    ServiceIds sid = new ServiceIds();
    for (Node n : g.nodes.values()) {
      ids.put(n.logicalId, sid.idFor(n.preferredId.orElse(n.logicalId)));
    }
    for (Node n : g.nodes.values()) {
      live(n);
      ownSchedules.put(n.logicalId, List.copyOf(n.schedules));
    }
    reconnect();
    breakCycles();

    Map<String, List<String>> comments = new LinkedHashMap<>();
    List<YEntry> services = new ArrayList<>();
    List<Node> pending = new ArrayList<>();
    for (Node n : g.nodes.values()) {
      if (!live(n)) {
        pending.add(n);
        continue;
      }
      services.add(new YEntry(ids.get(n.logicalId), gen(), service(n, comments)));
    }
    Position at = gen();
    List<YEntry> top = new ArrayList<>();
    top.add(new YEntry("costflow", at, YamlWriter.num(1)));
    top.add(new YEntry("name", at, YamlWriter.str(header.name())));
    header.description().ifPresent(d -> top.add(new YEntry("description", at, YamlWriter.str(d))));
    top.add(new YEntry("region", at, YamlWriter.str(header.region())));
    if (services.isEmpty()) {
      throw new ModelException(dev.costflow.model.Diagnostic.error(Position.of(header.source()),
          "the template has no resource costflow can model as a service (functions, APIs, queues, topics, tables …)"));
    }
    top.add(new YEntry("services", at, new YMap(services, at)));

    StringBuilder b = new StringBuilder();
    headerLines(b);
    Map<String, List<String>> safe = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> c : comments.entrySet()) {
      safe.put(c.getKey(), c.getValue().stream().map(ModelEmitter::commentText).toList());
    }
    b.append(YamlWriter.write(new YMap(top, at), safe));
    if (!pending.isEmpty()) {
      b.append('\n');
      b.append("  # ---- Services of types this costflow version cannot price yet ----\n");
      b.append("  # Kept here so nothing is lost. Calls through them were reconnected where that keeps the\n");
      b.append("  # call counts right (see each block). A costflow version that prices these types writes\n");
      b.append("  # them as live services when the template is imported again.\n");
      for (Node n : pending) {
        b.append("  #\n");
        for (String line : pendingBlock(n).split("\n")) {
          b.append("  # ").append(line).append('\n'); // each part was made one line by commentText
        }
      }
    }
    if (!g.skipped.isEmpty()) {
      b.append('\n');
      b.append("# ---- Template resources that are not services of this model ----\n");
      for (ArchGraph.Skipped s : g.skipped) {
        b.append("#   ").append(commentText(s.logicalId() + " (" + s.cfnType() + "): " + s.why())).append('\n');
      }
    }
    return b.toString();
  }

  private static Position gen() {
    return Position.of("(generated)");
  }

  private void headerLines(StringBuilder b) {
    b.append("# costflow model imported by `costflow import ").append(header.command()).append("` from ")
        .append(commentText(header.source())).append(" (").append(header.flavour()).append(").\n");
    b.append("# It passes `costflow estimate` as it is, but what a template cannot know is a PLACEHOLDER\n");
    b.append("# (search for the word): traffic at the entry points (").append(grouped(PLACEHOLDER_MONTHLY))
        .append(" calls a month each), function\n");
    b.append("# durations, and how many calls one invocation makes (per_call: 1). Calls described as\n");
    b.append("# \"inferred\" come from environment variables and permissions: review them. Measure the real\n");
    b.append("# values with `costflow import cloudwatch` and `costflow import lambda-logs`.\n");
    for (String r : g.remarks) {
      b.append("# ").append(commentText(r)).append('\n');
    }
    b.append('\n');
  }

  // ------------------------------------------------------------------ one live service

  private YMap service(Node n, Map<String, List<String>> comments) {
    String id = ids.get(n.logicalId);
    String path = "services." + id;
    ServiceKind k = kind(n);
    Position at = gen();
    List<YEntry> e = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add(n.logicalId + " — " + n.cfnType);
    notes.addAll(n.notes);
    notes.addAll(deferredNotes.getOrDefault(n.logicalId, List.of()));
    comments.put(path, notes);
    e.add(new YEntry("type", at, YamlWriter.str(n.type)));
    n.description.ifPresent(d -> e.add(new YEntry("description", at, YamlWriter.str(d))));
    for (Map.Entry<String, YNode> kv : n.keys.entrySet()) {
      if (!k.keys().containsKey(kv.getKey())) {
        notes.add("not written: " + kv.getKey() + ": " + YamlWriter.inline(kv.getValue()) + " (" + n.type + " takes no such key in this version)");
        continue;
      }
      e.add(new YEntry(kv.getKey(), at, kv.getValue()));
      List<String> c = n.keyComments.get(kv.getKey());
      if (c != null) {
        comments.put(path + "." + kv.getKey(), c);
      }
    }
    traffic(n, e, comments, path);
    List<Edge> out = edges.stream().filter(x -> x.from.equals(n.logicalId)).toList();
    if (!out.isEmpty()) {
      List<YNode> calls = new ArrayList<>();
      boolean placeholderPerCall = false;
      boolean reviewed = false;
      for (Edge x : out) {
        Node target = g.nodes.get(x.to);
        calls.add(call(n, x, target, notes));
        placeholderPerCall |= perCallIsGuess(n);
        reviewed |= x.inferred;
      }
      List<String> c = new ArrayList<>();
      if (placeholderPerCall) {
        c.add("PLACEHOLDER: per_call is how many calls one invocation makes; 1 assumed for each call below");
      }
      if (reviewed) {
        c.add("REVIEW: calls described as \"inferred\" were read from environment variables and permissions");
      }
      if (out.stream().anyMatch(x -> x.placeholderProbability)) {
        c.add("PLACEHOLDER: probability 1 is assumed where a filter passes an unknown share of events");
      }
      if (!c.isEmpty()) {
        comments.put(path + ".calls", c);
      }
      e.add(new YEntry("calls", at, new YList(calls, at)));
    }
    if (!n.tags.isEmpty()) {
      List<YEntry> tags = new ArrayList<>();
      for (Map.Entry<String, String> t : n.tags.entrySet()) {
        tags.add(new YEntry(t.getKey(), at, YamlWriter.str(t.getValue())));
      }
      e.add(new YEntry("tags", at, new YMap(tags, at)));
    }
    return new YMap(e, at);
  }

  private static boolean perCallIsGuess(Node source) {
    return source.type.equals("aws.lambda") || source.type.equals("aws.stepfunctions");
  }

  private void traffic(Node n, List<YEntry> e, Map<String, List<String>> comments, String path) {
    Position at = gen();
    boolean inbound = edges.stream().anyMatch(x -> x.to.equals(n.logicalId));
    List<String> valid = new ArrayList<>();
    for (String s : new LinkedHashSet<>(n.schedules)) {
      try {
        Schedule.parse(s);
        valid.add(s);
      } catch (IllegalArgumentException ex) {
        problems.warning(n.pos, n.logicalId + ": schedule '" + s + "' is not understood (" + ex.getMessage() + "); ignored");
      }
    }
    if (valid.size() == 1) {
      e.add(new YEntry("traffic", at, new YMap(List.of(new YEntry("schedule", at, YamlWriter.str(valid.get(0)))), at)));
      if (inbound || n.external) {
        comments.put(path + ".traffic", List.of("it is also called " + (inbound ? "by the calls into it" : "from outside (" + n.externalWhy + ")") + "; only the schedule is counted here"));
      }
      return;
    }
    if (valid.size() > 1) {
      double perHour = 0;
      for (String s : valid) {
        double[] fires = Schedule.parse(s).firesPerHour(dev.costflow.model.Period.NOMINAL_START, dev.costflow.model.Period.CALCULATOR_MONTH_HOURS, ZoneOffset.UTC);
        double sum = 0;
        for (double f : fires) {
          sum += f;
        }
        perHour += sum / dev.costflow.model.Period.CALCULATOR_MONTH_HOURS;
      }
      e.add(new YEntry("traffic", at, new YMap(List.of(new YEntry("hourly", at, YamlWriter.num(round(perHour)))), at)));
      comments.put(path + ".traffic", List.of("the average of its schedules: " + String.join(", ", valid)));
      return;
    }
    String why = null;
    if (n.external && !inbound) {
      why = "calls from " + n.externalWhy;
    } else if (!inbound && !n.deadLetter && startsWork(n)) {
      why = "nothing in the template calls it";
    }
    if (why != null) {
      e.add(new YEntry("traffic", at, new YMap(List.of(new YEntry("monthly", at, YamlWriter.num(PLACEHOLDER_MONTHLY))), at)));
      comments.put(path + ".traffic", List.of("PLACEHOLDER: traffic is not in the template (" + why + "); "
          + grouped(PLACEHOLDER_MONTHLY) + " calls a month assumed"));
    } else if (n.external) {
      comments.put(path + ".traffic", List.of("it is also called from outside (" + n.externalWhy + "): not counted"));
    }
  }

  /**
   * Text from a template made safe for a YAML comment: one line, no control characters (a
   * newline in a resource type or event name must not start a line of YAML).
   */
  static String commentText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return b.toString();
  }

  static String grouped(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /** Whether a service with no calls into it still does work someone outside starts. */
  private boolean startsWork(Node n) {
    boolean hasOut = edges.stream().anyMatch(x -> x.from.equals(n.logicalId));
    return switch (n.type) {
      case "aws.lambda", "aws.stepfunctions" -> true;
      case "aws.sqs", "aws.sns", "aws.eventbridge", "aws.kinesis", "aws.firehose", "aws.s3" -> hasOut;
      default -> false;
    };
  }

  private YNode call(Node source, Edge x, Node target, List<String> notes) {
    Position at = gen();
    List<YEntry> e = new ArrayList<>();
    e.add(new YEntry("to", at, YamlWriter.str(ids.get(target.logicalId))));
    ServiceKind sk = kind(source);
    ServiceKind tk = kind(target);
    Service targetService = stub(target, tk);
    Optional<String> op = Optional.empty();
    if (!tk.ops().isEmpty()) {
      if (x.op.isPresent()) {
        if (tk.ops().contains(x.op.get())) {
          op = x.op;
        } else {
          notes.add("call to " + ids.get(target.logicalId) + ": op '" + x.op.get() + "' is not an op of " + target.type + " in this version; left out");
        }
      } else if (x.invoke == Invoke.ASYNC && tk.ops().contains("async") && sk.invocationInto(targetService) != Invocation.ASYNC) {
        op = Optional.of("async");
      } else if (tk.ops().contains(tk.defaultOp())) {
        op = Optional.of(tk.defaultOp());
      }
    }
    op.ifPresent(o -> e.add(new YEntry("op", at, YamlWriter.str(o))));
    if (perCallIsGuess(source) || x.perCall != 1) {
      e.add(new YEntry("per_call", at, YamlWriter.num(x.perCall)));
    }
    if (x.probability < 1) {
      e.add(new YEntry("probability", at, YamlWriter.num(x.probability)));
    }
    if ((x.batchSize.isPresent() || x.batchWindowS.isPresent()) && sk.batchesInto(targetService)) {
      x.batchSize.ifPresent(bs -> e.add(new YEntry("batch_size", at, YamlWriter.num(bs))));
      x.batchWindowS.ifPresent(w -> e.add(new YEntry("batch_window_s", at, YamlWriter.num(w))));
    }
    List<String> why = new ArrayList<>(x.origins);
    e.add(new YEntry("description", at, YamlWriter.str(String.join("; ", why))));
    return new YMap(e, at);
  }

  /** A service of a kind with default settings, to ask the kind how it treats calls. */
  private static Service stub(Node n, ServiceKind k) {
    Problems p = new Problems();
    NodeReader r = new NodeReader(new YMap(List.of(), gen()), "stub", p, Path.of("."));
    ServiceSpec spec = k.readSpec(r);
    return new Service("stub", k, spec, Optional.empty(), List.of(), 0, Map.of(), gen());
  }

  // ------------------------------------------------------------------ services that cannot be priced yet

  private String pendingBlock(Node n) {
    StringBuilder b = new StringBuilder();
    String id = ids.get(n.logicalId);
    b.append(id).append(":   # ").append(commentText(n.logicalId + " — " + n.cfnType)).append('\n');
    b.append("  type: ").append(n.type).append("   # not priced by this costflow version\n");
    n.description.ifPresent(d -> b.append("  description: ").append(YamlWriter.inline(YamlWriter.str(d))).append('\n'));
    for (Map.Entry<String, YNode> kv : n.keys.entrySet()) {
      b.append("  ").append(kv.getKey()).append(": ").append(YamlWriter.inline(kv.getValue()));
      List<String> c = n.keyComments.get(kv.getKey());
      if (c != null && !c.isEmpty()) {
        b.append("   # ").append(commentText(c.get(0)));
      }
      b.append('\n');
    }
    List<String> own = ownSchedules.getOrDefault(n.logicalId, List.of());
    if (!own.isEmpty()) {
      b.append("  traffic: ").append(YamlWriter.inline(new YMap(List.of(new YEntry("schedule", gen(), YamlWriter.str(own.get(0)))), gen()))).append('\n');
    }
    List<Edge> calls = g.edges.stream().filter(x -> x.from.equals(n.logicalId)).toList();
    if (!calls.isEmpty()) {
      b.append("  calls:\n");
      for (Edge x : calls) {
        b.append("    - {to: ").append(ids.get(x.to));
        x.op.ifPresent(o -> b.append(", op: ").append(o));
        x.batchSize.ifPresent(bs -> b.append(", batch_size: ").append(bs));
        b.append(", description: ").append(YamlWriter.inline(YamlWriter.str(String.join("; ", x.origins)))).append("}\n");
      }
    }
    for (String note : n.notes) {
      b.append("  # ").append(commentText(note)).append('\n');
    }
    for (String note : deferredNotes.getOrDefault(n.logicalId, List.of())) {
      b.append("  # ").append(commentText(note)).append('\n');
    }
    return b.toString().stripTrailing();
  }

  /** Reconnects calls around services whose type cannot be priced yet, until no call touches one. */
  private void reconnect() {
    for (int round = 0; round <= g.nodes.size(); round++) {
      boolean changed = false;
      for (Node x : g.nodes.values()) {
        if (live(x)) {
          continue;
        }
        List<Edge> ins = edges.stream().filter(e -> e.to.equals(x.logicalId) && !e.from.equals(x.logicalId)).toList();
        List<Edge> outs = edges.stream().filter(e -> e.from.equals(x.logicalId) && !e.to.equals(x.logicalId)).toList();
        // a bucket, stream or bus nothing in the template writes to is fed from outside
        boolean fedFromOutside = x.external || (ins.isEmpty() && x.schedules.isEmpty() && startsWork(x));
        String outsideWhy = x.external ? x.externalWhy : "producers outside the template";
        if (outs.isEmpty() && ins.isEmpty()) {
          continue;
        }
        changed = true;
        List<String> notes = deferredNotes.computeIfAbsent(x.logicalId, k -> new ArrayList<>());
        Passing passing = PASSING.getOrDefault(x.type, new Passing(false, Set.of(), "it is not known how it passes calls on"));
        for (Edge out : outs) {
          Node b = g.nodes.get(out.to);
          String to = ids.get(out.to);
          if (passing.sound()) {
            for (Edge in : ins) {
              if (!passing.inOps().isEmpty() && (in.op.isEmpty() || !passing.inOps().contains(in.op.get()))) {
                notes.add("not reconnected: the " + in.op.orElse("plain") + " calls of " + ids.get(in.from) + " (only " + String.join("/", passing.inOps())
                    + " calls into it reach " + to + ")");
                continue;
              }
              Edge n = new Edge(in.from, out.to, out.invoke, "via " + ids.get(x.logicalId) + " (" + x.type + ")", in.pos);
              n.op = out.op;
              n.probability = in.probability * out.probability;
              n.perCall = in.perCall * out.perCall;
              n.inferred = in.inferred || out.inferred;
              n.placeholderProbability = in.placeholderProbability || out.placeholderProbability;
              n.origins.addAll(in.origins);
              n.origins.addAll(out.origins);
              mergeEdge(n);
              notes.add("reconnected: " + ids.get(in.from) + " -> " + to + " (" + passing.why() + ")");
            }
            if (!x.schedules.isEmpty() || fedFromOutside) {
              // traffic can stand for these calls only when they are plain calls into the target
              boolean plain = out.perCall == 1 && out.probability >= 1 && (out.op.isEmpty() || defaultOpOf(b).equals(out.op));
              if (!plain) {
                notes.add("not reconnected: its " + (x.schedules.isEmpty() ? "traffic" : "schedule") + " into " + to
                    + " (calls with op " + out.op.orElse("") + " cannot be written as traffic)");
              } else if (!x.schedules.isEmpty()) {
                b.schedules.addAll(x.schedules);
                notes.add("its schedule " + String.join(", ", new LinkedHashSet<>(x.schedules)) + " is written as the traffic of " + to);
              } else {
                b.external(outsideWhy + ", through " + ids.get(x.logicalId));
                notes.add("calls from " + outsideWhy + " reach " + to + ", which gets placeholder traffic");
              }
            }
          } else {
            b.external("events through " + ids.get(x.logicalId) + " (" + x.type + ", not priced by this version)");
            notes.add("not reconnected: " + to + " (" + passing.why() + "); " + to + " gets placeholder traffic instead");
          }
        }
        if (!passing.sound()) {
          for (Edge in : ins) {
            notes.add("not reconnected: the calls from " + ids.get(in.from) + " into it");
          }
        } else if (outs.isEmpty()) {
          for (Edge in : ins) {
            notes.add("the calls from " + ids.get(in.from) + " into it end here");
          }
        }
        x.schedules.clear();
        edges.removeIf(e -> e.from.equals(x.logicalId) || e.to.equals(x.logicalId));
      }
      if (!changed) {
        return;
      }
    }
  }

  /** The op a call into a live service gets when it names none (empty for kinds without ops, or not live yet). */
  private Optional<String> defaultOpOf(Node n) {
    Optional<ServiceKind> k = kinds.getOrDefault(n.type, Optional.empty());
    if (k.isEmpty() || k.get().ops().isEmpty()) {
      return Optional.empty();
    }
    return k.get().ops().contains(k.get().defaultOp()) ? Optional.of(k.get().defaultOp()) : Optional.empty();
  }

  private void mergeEdge(Edge n) {
    for (Edge e : edges) {
      if (e.sameCall(n)) {
        for (String o : n.origins) {
          if (!e.origins.contains(o)) {
            e.origins.add(o);
          }
        }
        return;
      }
    }
    edges.add(n);
  }

  // ------------------------------------------------------------------ cycles

  /** Removes inferred calls that close a cycle; cycles of declared calls get probability 0.5 (a placeholder). */
  private void breakCycles() {
    for (int guard = 0; guard < 10_000; guard++) {
      List<List<String>> sccs = cycles();
      if (sccs.isEmpty()) {
        return;
      }
      boolean removed = false;
      for (List<String> scc : sccs) {
        Set<String> members = new LinkedHashSet<>(scc);
        Edge victim = null;
        for (Edge e : edges) {
          if (members.contains(e.from) && members.contains(e.to) && e.inferred && e.probability >= 1) {
            victim = e;
          }
        }
        if (victim != null) {
          edges.remove(victim);
          final Edge v = victim;
          deferredNotes.computeIfAbsent(v.from, k -> new ArrayList<>()).add("REVIEW: not written: call to " + ids.get(v.to) + " (" + String.join("; ", v.origins)
              + "): it would close the cycle " + cycleText(cyclePath(v, members)) + "; add it back with probability < 1 on every call of the cycle if it matters");
          removed = true;
          break;
        }
      }
      if (removed) {
        continue;
      }
      for (List<String> scc : sccs) {
        Set<String> members = new LinkedHashSet<>(scc);
        for (Edge e : edges) {
          if (members.contains(e.from) && members.contains(e.to) && e.probability >= 1) {
            e.probability = 0.5;
            e.origins.add("PLACEHOLDER probability 0.5: this call is on the cycle " + cycleText(cyclePath(e, members)) + ", which must die out");
          }
        }
      }
      return;
    }
  }

  /** The services of one cycle through a call: its source, then the shortest way from its target back to the source. */
  private List<String> cyclePath(Edge via, Set<String> members) {
    Map<String, List<String>> adj = new HashMap<>();
    for (Edge e : edges) {
      if (members.contains(e.from) && members.contains(e.to)) {
        adj.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e.to);
      }
    }
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(via.to);
    parent.put(via.to, via.to);
    while (!queue.isEmpty() && !parent.containsKey(via.from)) {
      String v = queue.poll();
      for (String w : adj.getOrDefault(v, List.of())) {
        if (!parent.containsKey(w)) {
          parent.put(w, v);
          queue.add(w);
        }
      }
    }
    List<String> path = new ArrayList<>();
    if (!parent.containsKey(via.from) || via.from.equals(via.to)) {
      path.add(via.from);
      return path;
    }
    for (String v = via.from; !v.equals(via.to); v = parent.get(v)) {
      path.add(0, v);
    }
    path.add(0, via.to);
    // rotate so that the cycle starts at the call's source
    path.remove(path.size() - 1);
    path.add(0, via.from);
    return path;
  }

  private String cycleText(List<String> scc) {
    List<String> shown = new ArrayList<>();
    for (String s : scc) {
      shown.add(ids.get(s));
    }
    return String.join(" -> ", shown) + " -> " + shown.get(0);
  }

  /** Strongly connected components with a cycle (Tarjan), over the calls between live services. */
  private List<List<String>> cycles() {
    Map<String, List<String>> adj = new LinkedHashMap<>();
    for (Node n : g.nodes.values()) {
      adj.put(n.logicalId, new ArrayList<>());
    }
    Set<String> selfLoops = new LinkedHashSet<>();
    for (Edge e : edges) {
      adj.get(e.from).add(e.to);
      if (e.from.equals(e.to)) {
        selfLoops.add(e.from);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new LinkedHashSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : adj.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, adj, index, low, stack, onStack, out, counter, selfLoops);
      }
    }
    return out;
  }

  private static void strongConnect(String root, Map<String, List<String>> adj, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<List<String>> out, int[] counter, Set<String> selfLoops) {
    // iterative Tarjan (templates can be large; no deep recursion)
    Deque<Object[]> work = new ArrayDeque<>();
    work.push(new Object[] {root, 0});
    index.put(root, counter[0]);
    low.put(root, counter[0]++);
    stack.push(root);
    onStack.add(root);
    while (!work.isEmpty()) {
      Object[] frame = work.peek();
      String v = (String) frame[0];
      int i = (Integer) frame[1];
      List<String> next = adj.get(v);
      if (i < next.size()) {
        frame[1] = i + 1;
        String w = next.get(i);
        if (!index.containsKey(w)) {
          index.put(w, counter[0]);
          low.put(w, counter[0]++);
          stack.push(w);
          onStack.add(w);
          work.push(new Object[] {w, 0});
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (!work.isEmpty()) {
        String parent = (String) work.peek()[0];
        low.put(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> scc = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          scc.add(0, w);
        } while (!w.equals(v));
        if (scc.size() > 1 || selfLoops.contains(v)) {
          out.add(scc);
        }
      }
    }
  }

  // ------------------------------------------------------------------ self-check

  /**
   * The imported model must read and estimate. A region the bundled price catalog does not cover
   * yet is not the template's fault: the model is checked in us-east-1 and a warning says so.
   */
  static void check(String text, Header header, Path baseDir, Problems problems) {
    String name = header.source() + " (imported model)";
    try {
      Model m = ModelReader.read(text, name, baseDir, List.of(), Optional.empty());
      try {
        Estimator.bundled().estimate(m);
      } catch (ModelException e) {
        if (!e.diagnostics().stream().allMatch(d -> d.message().contains("has no price for"))) {
          throw e;
        }
        Estimator.bundled().estimate(ModelReader.read(text, name, baseDir, List.of("region=us-east-1"), Optional.empty()));
        problems.warning(Position.of(header.source()), "costflow's price catalog has no prices for region " + header.region()
            + " yet: the model is valid, but `costflow estimate` needs --set region=us-east-1 (or a catalog with that region) to price it");
      }
    } catch (ModelException e) {
      throw new IllegalStateException("the imported model does not pass costflow estimate (a bug in the importer):\n" + e.getMessage() + "\n" + text, e);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
