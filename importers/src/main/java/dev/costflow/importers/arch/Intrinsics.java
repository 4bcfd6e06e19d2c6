package dev.costflow.importers.arch;

import dev.costflow.model.Problems;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions as far as a template allows without deploying it:
 * parameters (their defaults or values given on the command line), pseudo parameters, mappings,
 * conditions ({@code Fn::If}, {@code Condition}), {@code Fn::Sub}, {@code Fn::Join},
 * {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap}, {@code Fn::GetAZs},
 * {@code Fn::Length}, {@code Fn::ToJsonString}, {@code Fn::Base64}.
 *
 * <p>What only exists once deployed stays symbolic: a {@code Ref} or {@code Fn::GetAtt} of a
 * resource is kept as its long form ({@code {Ref: Queue}}, {@code {Fn::GetAtt: [Queue, Arn]}}),
 * and inside strings built by {@code Fn::Sub} / {@code Fn::Join} it is written
 * {@code ${Queue}} / {@code ${Queue.Arn}} — so {@link #mentions} finds every resource a value
 * names. Used by both the SAM/CloudFormation and the Serverless Framework importers.
 */
public final class Intrinsics {
  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern RESOURCE_MENTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

  private final Map<String, YNode> parameters;
  private final Set<String> unresolvedParameters;
  private final YMap mappings;
  private final YMap conditions;
  private final Set<String> resources;
  private final Map<String, String> pseudo;
  private final Problems problems;
  private final Map<String, Optional<Boolean>> conditionValues = new HashMap<>();
  private final Set<String> evaluating = new HashSet<>();
  private final Set<String> warned = new HashSet<>();

  /**
   * @param parameters parameter name → value (its default, or the value given); parameters
   *     without a value are in {@code unresolvedParameters}
   * @param pseudo pseudo parameters ({@code AWS::Region} …) → value
   */
  public Intrinsics(Map<String, YNode> parameters, Set<String> unresolvedParameters, YMap mappings, YMap conditions,
      Set<String> resources, Map<String, String> pseudo, Problems problems) {
    this.parameters = Map.copyOf(parameters);
    this.unresolvedParameters = Set.copyOf(unresolvedParameters);
    this.mappings = mappings;
    this.conditions = conditions;
    this.resources = Set.copyOf(resources);
    this.pseudo = Map.copyOf(pseudo);
    this.problems = problems;
  }

  public boolean isResource(String logicalId) {
    return resources.contains(logicalId);
  }

  /** Resolves a value; empty when it is {@code AWS::NoValue} (the property is left out). */
  public Optional<YNode> resolve(YNode n) {
    if (n instanceof YList l) {
      List<YNode> items = new ArrayList<>();
      for (YNode i : l.items()) {
        resolve(i).ifPresent(items::add);
      }
      return Optional.of(new YList(items, l.pos()));
    }
    if (!(n instanceof YMap m)) {
      return Optional.of(n);
    }
    Optional<String> fn = functionName(m);
    if (fn.isPresent()) {
      YNode arg = m.entries().iterator().next().value();
      return call(fn.get(), arg, m);
    }
    List<YEntry> entries = new ArrayList<>();
    for (YEntry e : m.entries()) {
      resolve(e.value()).ifPresent(v -> entries.add(new YEntry(e.key(), e.keyPos(), v)));
    }
    return Optional.of(new YMap(entries, m.pos()));
  }

  /** Resolves a value that must be present (NoValue becomes an empty mapping). */
  public YNode resolveValue(YNode n) {
    return resolve(n).orElse(Nodes.emptyMap(n.pos()));
  }

  /** The intrinsic function a mapping calls, if it is one ({@code Ref} or {@code Fn::…}, alone). */
  static Optional<String> functionName(YMap m) {
    if (m.entries().size() != 1) {
      return Optional.empty();
    }
    String k = m.keys().get(0);
    return k.equals("Ref") || k.startsWith("Fn::") ? Optional.of(k) : Optional.empty();
  }

  private Optional<YNode> call(String fn, YNode arg, YMap original) {
    Position at = original.pos();
    switch (fn) {
      case "Ref" -> {
        return ref(arg, original);
      }
      case "Fn::GetAtt" -> {
        return Optional.of(getAtt(arg, original));
      }
      case "Fn::Sub" -> {
        return Optional.of(sub(arg, original));
      }
      case "Fn::Join" -> {
        return Optional.of(join(arg, original));
      }
      case "Fn::If" -> {
        return ifThen(arg, original);
      }
      case "Fn::Select" -> {
        return Optional.of(select(arg, original));
      }
      case "Fn::Split" -> {
        return Optional.of(split(arg, original));
      }
      case "Fn::FindInMap" -> {
        return Optional.of(findInMap(arg, original));
      }
      case "Fn::GetAZs" -> {
        String region = pseudo.getOrDefault("AWS::Region", "us-east-1");
        YNode r = resolveValue(arg);
        if (r instanceof YScalar s && !s.text().isBlank()) {
          region = s.text();
        }
        List<YNode> azs = new ArrayList<>();
        for (String z : List.of("a", "b", "c")) {
          azs.add(Nodes.str(region + z, at));
        }
        return Optional.of(new YList(azs, at));
      }
      case "Fn::Base64" -> {
        return Optional.of(resolveValue(arg));
      }
      case "Fn::Length" -> {
        YNode r = resolveValue(arg);
        if (r instanceof YList l) {
          return Optional.of(new YScalar(Integer.toString(l.items().size()), YScalar.Kind.INT, at));
        }
        return Optional.of(Nodes.map1(fn, r, at));
      }
      case "Fn::ToJsonString" -> {
        return Optional.of(Nodes.str(toJson(resolveValue(arg)), at));
      }
      case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not" -> {
        Optional<Boolean> b = evaluate(original);
        return Optional.of(b.<YNode>map(v -> new YScalar(v.toString(), YScalar.Kind.BOOL, at)).orElse(original));
      }
      default -> {
        // Fn::ImportValue, Fn::Cidr, Fn::Transform, Fn::ForEach …: kept, with their arguments resolved.
        return Optional.of(Nodes.map1(fn, resolveValue(arg), at));
      }
    }
  }

  private Optional<YNode> ref(YNode arg, YMap original) {
    if (!(arg instanceof YScalar s)) {
      error(original.pos(), "Ref takes a name, got " + arg.describe());
      return Optional.of(original);
    }
    String name = s.text();
    if (name.equals("AWS::NoValue")) {
      return Optional.empty();
    }
    if (name.equals("AWS::NotificationARNs")) {
      return Optional.of(new YList(List.of(), original.pos()));
    }
    if (pseudo.containsKey(name)) {
      return Optional.of(Nodes.str(pseudo.get(name), original.pos()));
    }
    if (parameters.containsKey(name)) {
      return Optional.of(parameters.get(name));
    }
    if (resources.contains(name) || unresolvedParameters.contains(name)) {
      return Optional.of(original);
    }
    warnOnce(original.pos(), "Ref " + name + ": no parameter or resource of that name in the template");
    return Optional.of(original);
  }

  private YNode getAtt(YNode arg, YMap original) {
    YNode r = resolveValue(arg);
    if (r instanceof YList l && l.items().size() == 2 && l.items().get(0) instanceof YScalar id) {
      YNode attr = l.items().get(1);
      if (!resources.contains(id.text())) {
        warnOnce(original.pos(), "Fn::GetAtt " + id.text() + ": no resource of that name in the template");
      }
      return Nodes.map1("Fn::GetAtt", new YList(List.of(id, attr), l.pos()), original.pos());
    }
    if (r instanceof YScalar s && s.text().contains(".")) {
      int dot = s.text().indexOf('.');
      return Nodes.map1("Fn::GetAtt", new YList(List.of(Nodes.str(s.text().substring(0, dot), s.pos()), Nodes.str(s.text().substring(dot + 1), s.pos())), s.pos()), original.pos());
    }
    error(original.pos(), "Fn::GetAtt takes [LogicalId, Attribute], got " + arg.describe());
    return original;
  }

  private YNode sub(YNode arg, YMap original) {
    String template;
    Map<String, YNode> vars = new HashMap<>();
    if (arg instanceof YScalar s) {
      template = s.text();
    } else if (arg instanceof YList l && l.items().size() == 2 && l.items().get(0) instanceof YScalar s && l.items().get(1) instanceof YMap vm) {
      template = s.text();
      for (YEntry e : vm.entries()) {
        resolve(e.value()).ifPresent(v -> vars.put(e.key(), v));
      }
    } else {
      error(original.pos(), "Fn::Sub takes a string or [string, {variables}], got " + arg.describe());
      return original;
    }
    Matcher mt = SUB_VAR.matcher(template);
    StringBuilder b = new StringBuilder();
    int last = 0;
    while (mt.find()) {
      b.append(template, last, mt.start());
      last = mt.end();
      String name = mt.group(1).strip();
      if (name.startsWith("!")) {
        b.append(mt.group()); // a literal ${!Name}: kept as written (never read as a reference)
        continue;
      }
      if (vars.containsKey(name)) {
        b.append(asText(vars.get(name)));
        continue;
      }
      if (pseudo.containsKey(name)) {
        b.append(pseudo.get(name));
        continue;
      }
      if (parameters.containsKey(name)) {
        b.append(asText(parameters.get(name)));
        continue;
      }
      String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      if (!resources.contains(base) && !unresolvedParameters.contains(name)) {
        warnOnce(original.pos(), "Fn::Sub: ${" + name + "} names no parameter or resource of the template");
      }
      b.append("${").append(name).append('}');
    }
    b.append(template.substring(last));
    return Nodes.str(b.toString(), original.pos());
  }

  private YNode join(YNode arg, YMap original) {
    if (!(arg instanceof YList l) || l.items().size() != 2) {
      error(original.pos(), "Fn::Join takes [delimiter, [values]], got " + arg.describe());
      return original;
    }
    String delimiter = Nodes.text(resolveValue(l.items().get(0))).orElse("");
    YNode values = resolveValue(l.items().get(1));
    if (!(values instanceof YList vl)) {
      return Nodes.map1("Fn::Join", new YList(List.of(Nodes.str(delimiter, l.pos()), values), l.pos()), original.pos());
    }
    List<String> parts = new ArrayList<>();
    for (YNode v : vl.items()) {
      parts.add(asText(v));
    }
    return Nodes.str(String.join(delimiter, parts), original.pos());
  }

  private Optional<YNode> ifThen(YNode arg, YMap original) {
    if (!(arg instanceof YList l) || l.items().size() != 3 || !(l.items().get(0) instanceof YScalar c)) {
      error(original.pos(), "Fn::If takes [condition, value if true, value if false], got " + arg.describe());
      return Optional.of(original);
    }
    boolean value = condition(c.text(), c.pos());
    return resolve(l.items().get(value ? 1 : 2));
  }

  private YNode select(YNode arg, YMap original) {
    if (!(arg instanceof YList l) || l.items().size() != 2) {
      error(original.pos(), "Fn::Select takes [index, list], got " + arg.describe());
      return original;
    }
    YNode idx = resolveValue(l.items().get(0));
    YNode list = resolveValue(l.items().get(1));
    Optional<Double> i = Nodes.text(idx).flatMap(Nodes::parseNumber);
    if (i.isPresent() && list instanceof YList items) {
      int k = (int) Math.floor(i.get());
      if (k >= 0 && k < items.items().size()) {
        return items.items().get(k);
      }
      error(idx.pos(), "Fn::Select: index " + k + " is outside the list of " + items.items().size());
    }
    return Nodes.map1("Fn::Select", new YList(List.of(idx, list), l.pos()), original.pos());
  }

  private YNode split(YNode arg, YMap original) {
    if (!(arg instanceof YList l) || l.items().size() != 2) {
      error(original.pos(), "Fn::Split takes [delimiter, string], got " + arg.describe());
      return original;
    }
    String delimiter = Nodes.text(resolveValue(l.items().get(0))).orElse("");
    YNode source = resolveValue(l.items().get(1));
    if (source instanceof YScalar s && !delimiter.isEmpty() && !mentionsResource(s.text())) {
      List<YNode> parts = new ArrayList<>();
      for (String p : s.text().split(Pattern.quote(delimiter), -1)) {
        parts.add(Nodes.str(p, s.pos()));
      }
      return new YList(parts, original.pos());
    }
    return Nodes.map1("Fn::Split", new YList(List.of(Nodes.str(delimiter, l.pos()), source), l.pos()), original.pos());
  }

  private YNode findInMap(YNode arg, YMap original) {
    if (!(arg instanceof YList l) || l.items().size() < 3) {
      error(original.pos(), "Fn::FindInMap takes [map, top key, second key], got " + arg.describe());
      return original;
    }
    Optional<String> map = Nodes.text(resolveValue(l.items().get(0)));
    Optional<String> top = Nodes.text(resolveValue(l.items().get(1)));
    Optional<String> second = Nodes.text(resolveValue(l.items().get(2)));
    if (map.isPresent() && top.isPresent() && second.isPresent()) {
      Optional<YNode> v = Nodes.get(mappings, map.get()).flatMap(m -> Nodes.get(m, top.get())).flatMap(m -> Nodes.get(m, second.get()));
      if (v.isPresent()) {
        return resolveValue(v.get());
      }
    }
    if (l.items().size() == 4 && l.items().get(3) instanceof YMap opts && opts.get("DefaultValue").isPresent()) {
      return resolveValue(opts.get("DefaultValue").get());
    }
    if (map.isPresent() && top.isPresent() && second.isPresent()) {
      error(original.pos(), "Fn::FindInMap: no value at Mappings." + map.get() + "." + top.get() + "." + second.get());
    }
    return original;
  }

  /** The value of a named condition (evaluated once); unknown conditions count as true, with a warning. */
  public boolean condition(String name, Position at) {
    Optional<YNode> def = conditions.get(name);
    if (def.isEmpty()) {
      error(at, "no condition '" + name + "' in the template's Conditions");
      return true;
    }
    if (!conditionValues.containsKey(name)) {
      if (!evaluating.add(name)) {
        error(at, "condition '" + name + "' refers to itself");
        return true;
      }
      conditionValues.put(name, evaluate(def.get()));
      evaluating.remove(name);
    }
    Optional<Boolean> v = conditionValues.get(name);
    if (v.isEmpty()) {
      warnOnce(def.get().pos(), "condition " + name + " depends on values known only at deployment; taken as true");
      return true;
    }
    return v.get();
  }

  /** Evaluates a condition expression; empty when it depends on what only a deployment knows. */
  private Optional<Boolean> evaluate(YNode n) {
    if (n instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
      return Optional.of(Boolean.parseBoolean(s.text()));
    }
    if (!(n instanceof YMap m) || m.entries().size() != 1) {
      return Optional.empty();
    }
    String fn = m.keys().get(0);
    YNode arg = m.entries().iterator().next().value();
    switch (fn) {
      case "Condition" -> {
        return Nodes.text(arg).map(c -> condition(c, arg.pos()));
      }
      case "Fn::Equals" -> {
        if (!(arg instanceof YList l) || l.items().size() != 2) {
          error(m.pos(), "Fn::Equals takes two values");
          return Optional.empty();
        }
        Optional<String> a = comparable(resolveValue(l.items().get(0)));
        Optional<String> b = comparable(resolveValue(l.items().get(1)));
        return a.isPresent() && b.isPresent() ? Optional.of(a.get().equals(b.get())) : Optional.empty();
      }
      case "Fn::Not" -> {
        List<YNode> items = Nodes.items(arg);
        return items.size() == 1 ? evaluate(items.get(0)).map(v -> !v) : Optional.empty();
      }
      case "Fn::And", "Fn::Or" -> {
        boolean and = fn.equals("Fn::And");
        boolean unknown = false;
        for (YNode i : Nodes.items(arg)) {
          Optional<Boolean> v = evaluate(i);
          if (v.isEmpty()) {
            unknown = true;
          } else if (v.get() != and) {
            return Optional.of(!and);
          }
        }
        return unknown ? Optional.empty() : Optional.of(and);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private Optional<String> comparable(YNode n) {
    if (n instanceof YScalar s) {
      return mentionsResource(s.text()) ? Optional.empty() : Optional.of(s.text());
    }
    return Optional.empty();
  }

  /** A resolved value as text inside a string: scalars as written, references as ${Id} / ${Id.Attr}. */
  String asText(YNode v) {
    if (v instanceof YScalar s) {
      return s.text();
    }
    if (v instanceof YList l) {
      List<String> parts = new ArrayList<>();
      for (YNode i : l.items()) {
        parts.add(asText(i));
      }
      return String.join(",", parts);
    }
    YMap m = (YMap) v;
    Optional<String> fn = functionName(m);
    if (fn.isPresent()) {
      YNode arg = m.entries().iterator().next().value();
      if (fn.get().equals("Ref") && arg instanceof YScalar s) {
        return "${" + s.text() + "}";
      }
      if (fn.get().equals("Fn::GetAtt") && arg instanceof YList l && l.items().size() == 2) {
        return "${" + asText(l.items().get(0)) + "." + asText(l.items().get(1)) + "}";
      }
      if (fn.get().equals("Fn::ImportValue")) {
        return "${import:" + asText(arg) + "}";
      }
      // Fn::Select / Fn::Split of a reference: keep the resources it mentions visible
      Set<String> ids = mentions(m);
      return ids.isEmpty() ? "${?}" : "${" + String.join("}${", ids) + ".?}";
    }
    return toJson(m);
  }

  private boolean mentionsResource(String text) {
    Matcher mt = RESOURCE_MENTION.matcher(text);
    while (mt.find()) {
      if (resources.contains(mt.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** The logical ids of the template's resources a resolved value refers to ({@code Ref}, {@code Fn::GetAtt}, ${Id}). */
  public Set<String> mentions(YNode resolved) {
    Set<String> out = new LinkedHashSet<>();
    collectMentions(resolved, out);
    return out;
  }

  private void collectMentions(YNode n, Set<String> out) {
    if (n instanceof YScalar s) {
      Matcher mt = RESOURCE_MENTION.matcher(s.text());
      while (mt.find()) {
        if (resources.contains(mt.group(1))) {
          out.add(mt.group(1));
        }
      }
    } else if (n instanceof YList l) {
      for (YNode i : l.items()) {
        collectMentions(i, out);
      }
    } else if (n instanceof YMap m) {
      Optional<String> fn = functionName(m);
      YNode arg = m.entries().isEmpty() ? null : m.entries().iterator().next().value();
      if (fn.isPresent() && fn.get().equals("Ref") && arg instanceof YScalar s) {
        if (resources.contains(s.text())) {
          out.add(s.text());
        }
        return;
      }
      if (fn.isPresent() && fn.get().equals("Fn::GetAtt") && arg instanceof YList l && !l.items().isEmpty() && l.items().get(0) instanceof YScalar s) {
        if (resources.contains(s.text())) {
          out.add(s.text());
        }
        return;
      }
      for (YEntry e : m.entries()) {
        collectMentions(e.value(), out);
      }
    }
  }

  /** The resource a value is a direct reference to ({@code Ref X} or {@code Fn::GetAtt [X, …]}). */
  public Optional<String> directReference(YNode resolved) {
    if (resolved instanceof YMap m) {
      Optional<String> fn = functionName(m);
      YNode arg = m.entries().isEmpty() ? null : m.entries().iterator().next().value();
      if (fn.isPresent() && fn.get().equals("Ref") && arg instanceof YScalar s && resources.contains(s.text())) {
        return Optional.of(s.text());
      }
      if (fn.isPresent() && fn.get().equals("Fn::GetAtt") && arg instanceof YList l && !l.items().isEmpty() && l.items().get(0) instanceof YScalar s && resources.contains(s.text())) {
        return Optional.of(s.text());
      }
    }
    return Optional.empty();
  }

  private static String toJson(YNode n) {
    if (n instanceof YScalar s) {
      return switch (s.kind()) {
        case STRING -> "\"" + s.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        case NULL -> "null";
        default -> s.text();
      };
    }
    if (n instanceof YList l) {
      List<String> parts = new ArrayList<>();
      for (YNode i : l.items()) {
        parts.add(toJson(i));
      }
      return "[" + String.join(",", parts) + "]";
    }
    List<String> parts = new ArrayList<>();
    for (YEntry e : ((YMap) n).entries()) {
      parts.add(toJson(Nodes.str(e.key(), e.keyPos())) + ":" + toJson(e.value()));
    }
    return "{" + String.join(",", parts) + "}";
  }

  private void error(Position at, String message) {
    problems.error(at, message);
  }

  private void warnOnce(Position at, String message) {
    if (warned.add(at + message)) {
      problems.warning(at, message);
    }
  }
}
