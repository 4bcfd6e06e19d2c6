package dev.costflow.importers.arch;

import dev.costflow.yaml.Position;
import dev.costflow.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an architecture importer found, before it is written as a model: services (with the
 * costflow type SPEC section 2.4 gives them, whether or not this build can price it yet), the
 * calls between them, and every template resource that did not become a service, with why.
 */
final class ArchGraph {
  /** How a call reaches its target: decides the {@code op} of calls into functions. */
  enum Invoke {
    /** Request/response (API integrations, SDK calls, Step Functions tasks). */
    SYNC,
    /** Event invocation: SNS, EventBridge, S3 notifications, destinations. */
    ASYNC,
    /** Polled by an event source mapping: queues and streams, in batches. */
    POLL
  }

  /** A service to be: its settings are costflow keys in the order they will be written. */
  static final class Node {
    final String logicalId;
    String cfnType;
    final String type;
    final Position pos;
    Optional<String> preferredId = Optional.empty();
    Optional<String> description = Optional.empty();
    final Map<String, YNode> keys = new LinkedHashMap<>();
    final Map<String, List<String>> keyComments = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Comment lines written above the service. */
    final List<String> notes = new ArrayList<>();
    /** Schedule expressions that call this service (rules, SAM Schedule events). */
    final List<String> schedules = new ArrayList<>();
    /** Calls come from outside the template (API clients, function URLs, external producers). */
    boolean external;
    String externalWhy = "";
    /** A dead-letter queue: receives only failed messages, so it gets no placeholder traffic. */
    boolean deadLetter;

    Node(String logicalId, String cfnType, String type, Position pos) {
      this.logicalId = logicalId;
      this.cfnType = cfnType;
      this.type = type;
      this.pos = pos;
    }

    void set(String key, YNode value, String... comment) {
      keys.put(key, value);
      if (comment.length > 0) {
        keyComments.put(key, List.of(comment));
      }
    }

    /** How the resource is named in comments (the Serverless importer names functions by their key). */
    void relabel(String label) {
      cfnType = label;
    }

    void external(String why) {
      if (!external) {
        external = true;
        externalWhy = why;
      }
    }

    @Override
    public String toString() {
      return logicalId + " (" + type + ")";
    }
  }

  /** A call between two services. */
  static final class Edge {
    final String from;
    final String to;
    final Invoke invoke;
    Optional<String> op = Optional.empty();
    Optional<Integer> batchSize = Optional.empty();
    Optional<Double> batchWindowS = Optional.empty();
    double probability = 1;
    /** Calls into the target per call into the source (reconnected Map-state tasks multiply). */
    double perCall = 1;
    /** Why the edge exists, in words (written as the call's description). */
    final List<String> origins = new ArrayList<>();
    /** Inferred from environment variables or permissions: to be reviewed. */
    boolean inferred;
    /** The probability is a guess (a filter policy or event pattern of unknown selectivity). */
    boolean placeholderProbability;
    final Position pos;

    Edge(String from, String to, Invoke invoke, String origin, Position pos) {
      this.from = from;
      this.to = to;
      this.invoke = invoke;
      this.origins.add(origin);
      this.pos = pos;
    }

    boolean sameCall(Edge o) {
      return from.equals(o.from) && to.equals(o.to) && op.equals(o.op);
    }

    @Override
    public String toString() {
      return from + " -> " + to + op.map(o -> " (" + o + ")").orElse("");
    }
  }

  /** A template resource that is not a service of the model, and why. */
  record Skipped(String logicalId, String cfnType, String why, Position pos) {}

  final Map<String, Node> nodes = new LinkedHashMap<>();
  final List<Edge> edges = new ArrayList<>();
  final List<Skipped> skipped = new ArrayList<>();
  /** Remarks for the file's header (one line each). */
  final List<String> remarks = new ArrayList<>();

  Node add(Node n) {
    Node prev = nodes.putIfAbsent(n.logicalId, n);
    return prev == null ? n : prev;
  }

  Optional<Node> node(String logicalId) {
    return Optional.ofNullable(nodes.get(logicalId));
  }

  /** Adds a call, merging it into an existing one to the same target with the same op. */
  Edge connect(Edge e) {
    Objects.requireNonNull(e);
    if (e.from.equals(e.to) && e.inferred) {
      return e; // a function naming its own trigger queue or table in its environment: not a call
    }
    for (Edge x : edges) {
      if (x.sameCall(e)) {
        for (String o : e.origins) {
          if (!x.origins.contains(o)) {
            x.origins.add(o);
          }
        }
        // a structural edge (event source, integration) outranks an inferred one
        x.inferred = x.inferred && e.inferred;
        return x;
      }
    }
    edges.add(e);
    return e;
  }

  List<Edge> into(String logicalId) {
    return edges.stream().filter(e -> e.to.equals(logicalId)).toList();
  }

  List<Edge> outOf(String logicalId) {
    return edges.stream().filter(e -> e.from.equals(logicalId)).toList();
  }

  void skip(String logicalId, String cfnType, String why, Position pos) {
    skipped.add(new Skipped(logicalId, cfnType, why, pos));
  }
}
