package dev.costflow.importers.arch;

import dev.costflow.importers.arch.ArchGraph.Edge;
import dev.costflow.importers.arch.ArchGraph.Invoke;
import dev.costflow.importers.arch.ArchGraph.Node;
import dev.costflow.model.Problems;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YTrees;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a CloudFormation or SAM template into an {@link ArchGraph}: resources become services
 * (SPEC section 2.4 types), event sources, subscriptions, notifications, rules, API integrations,
 * state machine tasks and connectors become calls, and environment variables and permissions that
 * name a resource become calls marked for review. Every resource that is not a service is listed
 * with the reason.
 */
public final class CloudFormationImporter {
  /**
   * @param region the region the template is deployed to (AWS::Region)
   * @param stackName AWS::StackName (default: the template's file name)
   * @param parameters parameter values given on the command line (override the defaults)
   * @param preferredIds logical id → service id to use (the Serverless Framework's function names)
   */
  public record Options(String region, Optional<String> stackName, Map<String, String> parameters, Map<String, String> preferredIds) {
    public Options {
      parameters = Map.copyOf(parameters);
      preferredIds = Map.copyOf(preferredIds);
    }
  }

  static final String DEFAULT_BUS = "default-event-bus";
  static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";
  static final String STACK_TAG = "aws:cloudformation:stack-name";
  static final String NAME_TAG = "costflow:resource-name";
  private static final Pattern LOGICAL_ID = Pattern.compile("^[A-Za-z0-9]+$");
  private static final int MAX_INCLUDE_DEPTH = 5;

  /** One resource of the template, its properties resolved. */
  private static final class Res {
    final String id;
    final String type;
    final YMap props;
    final Position pos;

    Res(String id, String type, YMap props, Position pos) {
      this.id = id;
      this.type = type;
      this.props = props;
      this.pos = pos;
    }
  }

  private final String displayName;
  private final Path baseDir;
  private final Options opts;
  private final Problems problems;
  private final ArchGraph g = new ArchGraph();
  private final Map<String, Res> res = new LinkedHashMap<>();
  private final Map<String, String> skipReasons = new LinkedHashMap<>();
  private final Map<String, List<Permissions.Grant>> roleGrants = new HashMap<>();
  private final Map<String, Integer> externalSubscribers = new LinkedHashMap<>();
  private final Set<String> unresolvedParameters = new HashSet<>();
  private Intrinsics ix;
  private final Names names = new Names();
  private Permissions perms;
  private Integrations integrations;
  private StateMachines machines;
  private String stackName;
  private YMap globals;

  private CloudFormationImporter(String displayName, Path baseDir, Options opts, Problems problems) {
    this.displayName = displayName;
    this.baseDir = baseDir;
    this.opts = opts;
    this.problems = problems;
  }

  /** Imports a template tree (from {@link Templates#read}); problems are collected, not thrown. */
  static ArchGraph importTemplate(YNode root, String displayName, Path baseDir, Options opts, Problems problems) {
    return new CloudFormationImporter(displayName, baseDir, opts, problems).run(root);
  }

  private ArchGraph run(YNode root) {
    if (!(root instanceof YMap tpl)) {
      problems.error(root.pos(), "a CloudFormation template is a mapping with a Resources section, got " + root.describe());
      return g;
    }
    Optional<YNode> resNode = tpl.get("Resources");
    if (resNode.isEmpty() || !(resNode.get() instanceof YMap)) {
      problems.error(resNode.map(YNode::pos).orElse(tpl.pos()), "Resources: a template needs a Resources mapping of logical ids to resources");
      return g;
    }
    tpl = (YMap) includes(tpl, 0);
    YMap resources = Nodes.map(tpl, "Resources").orElseThrow();
    stackName = opts.stackName().orElse(defaultStackName());
    Set<String> ids = new LinkedHashSet<>();
    for (YEntry e : resources.entries()) {
      if (!LOGICAL_ID.matcher(e.key()).matches()) {
        if (e.key().startsWith("Fn::ForEach")) {
          problems.warning(e.keyPos(), "Resources." + e.key() + ": Fn::ForEach (language extensions) is not expanded; its resources are not imported");
          continue;
        }
        problems.error(e.keyPos(), "Resources: logical id '" + e.key() + "' must be alphanumeric (A-Za-z0-9)");
        continue;
      }
      ids.add(e.key());
    }
    Map<String, YNode> params = parameters(tpl);
    ix = new Intrinsics(params, unresolvedParameters, Nodes.map(tpl, "Mappings").orElse(Nodes.emptyMap(tpl.pos())),
        Nodes.map(tpl, "Conditions").orElse(Nodes.emptyMap(tpl.pos())), ids, pseudo(), problems);
    YMap globals = Nodes.map(tpl, "Globals").orElse(Nodes.emptyMap(tpl.pos()));
    this.globals = globals;
    readResources(resources, globals);
    if (problems.hasErrors()) {
      return g;
    }
    perms = new Permissions(ix, names, id -> g.node(id).map(n -> n.type));
    integrations = new Integrations(ix, perms, this::defaultBus);
    machines = new StateMachines(ix, perms, this::defaultBus);
    createNodes(globals);
    readRoles();
    for (Res r : res.values()) {
      connect(r);
    }
    for (Res r : res.values()) {
      infer(r);
    }
    for (Map.Entry<String, Integer> e : externalSubscribers.entrySet()) {
      // counted per topic while reading subscriptions: written as external_subscribers
      String[] k = e.getKey().split("\\|");
      g.node(k[0]).ifPresent(n -> {
        YMap current = n.keys.get("external_subscribers") instanceof YMap m ? m : Nodes.emptyMap(n.pos);
        n.keys.put("external_subscribers", current.with(k[1], n.pos, YamlWriter.num(e.getValue())));
      });
    }
    for (Res r : res.values()) {
      if (!g.nodes.containsKey(r.id)) {
        g.skip(r.id, r.type, skipReasons.getOrDefault(r.id, defaultSkipReason(r.type)), r.pos);
      }
    }
    if (!perms.untraced.isEmpty()) {
      for (String u : new LinkedHashSet<>(perms.untraced)) {
        g.remarks.add("permission " + u);
      }
    }
    return g;
  }

  private String defaultStackName() {
    return ArchitectureImport.stem(displayName).replaceAll("[^A-Za-z0-9-]", "-");
  }

  // ---------------------------------------------------------------- parameters and includes

  private Map<String, YNode> parameters(YMap tpl) {
    Map<String, YNode> out = new LinkedHashMap<>();
    Optional<YMap> params = Nodes.map(tpl, "Parameters");
    Set<String> known = new HashSet<>();
    for (YEntry e : params.map(YMap::entries).orElse(List.of())) {
      known.add(e.key());
      String type = Nodes.text(e.value(), "Type").orElse("String");
      Optional<String> given = Optional.ofNullable(opts.parameters().get(e.key()));
      Optional<YNode> value;
      if (given.isPresent()) {
        value = Optional.of(Nodes.str(given.get(), Position.of("--parameter " + e.key())));
      } else if (type.startsWith("AWS::SSM::Parameter::Value")) {
        value = Optional.empty(); // the default is the name of an SSM parameter, not its value
      } else {
        value = Nodes.get(e.value(), "Default");
      }
      if (value.isEmpty()) {
        unresolvedParameters.add(e.key());
        continue;
      }
      YNode v = value.get();
      if ((type.startsWith("List<") || type.equals("CommaDelimitedList")) && v instanceof YScalar s) {
        List<YNode> items = new ArrayList<>();
        for (String part : s.text().split(",", -1)) {
          items.add(Nodes.str(part.strip(), s.pos()));
        }
        v = new YList(items, s.pos());
      }
      out.put(e.key(), v);
    }
    for (String p : opts.parameters().keySet()) {
      if (!known.contains(p)) {
        problems.warning(Position.of("--parameter " + p), "the template has no parameter '" + p + "'");
      }
    }
    return out;
  }

  private Map<String, String> pseudo() {
    Map<String, String> p = new HashMap<>();
    String region = opts.region();
    String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    p.put("AWS::Region", region);
    p.put("AWS::AccountId", "123456789012");
    p.put("AWS::Partition", partition);
    p.put("AWS::URLSuffix", partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
    String stack = opts.stackName().orElse(defaultStackName());
    p.put("AWS::StackName", stack);
    p.put("AWS::StackId", "arn:" + partition + ":cloudformation:" + region + ":123456789012:stack/" + stack + "/00000000-0000-0000-0000-000000000000");
    return p;
  }

  /** Replaces {@code Fn::Transform: {Name: AWS::Include, Parameters: {Location: FILE}}} with the file, for local files. */
  private YNode includes(YNode n, int depth) {
    if (n instanceof YList l) {
      List<YNode> items = new ArrayList<>();
      for (YNode i : l.items()) {
        items.add(includes(i, depth));
      }
      return new YList(items, l.pos());
    }
    if (!(n instanceof YMap m)) {
      return n;
    }
    if (m.entries().size() == 1 && m.keys().get(0).equals("Fn::Transform")) {
      YNode t = m.get("Fn::Transform").get();
      if (Nodes.text(t, "Name").orElse("").equals("AWS::Include")) {
        Optional<String> location = Nodes.map(t, "Parameters").flatMap(p -> Nodes.text(p, "Location"));
        Optional<YNode> loaded = location.flatMap(loc -> loadLocal(loc, m.pos(), depth));
        if (loaded.isPresent()) {
          return loaded.get();
        }
        return m;
      }
    }
    List<YEntry> entries = new ArrayList<>();
    for (YEntry e : m.entries()) {
      entries.add(new YEntry(e.key(), e.keyPos(), includes(e.value(), depth)));
    }
    return new YMap(entries, m.pos());
  }

  /** Reads a file next to the template (OpenAPI bodies, state machine definitions, AWS::Include snippets). */
  private Optional<YNode> loadLocal(String location, Position at, int depth) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      problems.warning(at, "cannot read " + location + " (only files next to the template are read); what it defines is not imported");
      return Optional.empty();
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      problems.error(at, "includes nested more than " + MAX_INCLUDE_DEPTH + " deep at " + location);
      return Optional.empty();
    }
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = base.resolve(location).normalize();
    if (!file.startsWith(base)) {
      problems.warning(at, "not reading " + location + ": it is outside the template's folder");
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      problems.warning(at, "file " + location + " not found next to the template; what it defines is not imported");
      return Optional.empty();
    }
    String shown = Path.of(displayName).resolveSibling(location).normalize().toString();
    YNode loaded = Templates.read(file, shown);
    return Optional.of(includes(loaded, depth + 1));
  }

  private Optional<YNode> localDefinition(Optional<YNode> uri, Position at) {
    if (uri.isEmpty()) {
      return Optional.empty();
    }
    if (uri.get() instanceof YScalar s) {
      return loadLocal(s.text(), s.pos(), 0);
    }
    problems.warning(at, "the definition is in S3 (" + ix.asText(uri.get()) + "); it cannot be read, what it defines is not imported");
    return Optional.empty();
  }

  // ---------------------------------------------------------------- resources

  private void readResources(YMap resources, YMap globals) {
    boolean sam = false;
    for (YEntry e : resources.entries()) {
      if (!LOGICAL_ID.matcher(e.key()).matches()) {
        continue;
      }
      if (!(e.value() instanceof YMap r)) {
        problems.error(e.value().pos(), "Resources." + e.key() + ": a resource is a mapping with Type and Properties, got " + e.value().describe());
        continue;
      }
      Optional<YNode> typeNode = r.get("Type");
      if (typeNode.isEmpty() || !(typeNode.get() instanceof YScalar ts) || ts.kind() != YScalar.Kind.STRING || ts.text().isBlank()) {
        problems.error(typeNode.map(YNode::pos).orElse(r.pos()), "Resources." + e.key() + ".Type: a resource needs a Type such as AWS::Lambda::Function");
        continue;
      }
      String type = ts.text().strip();
      sam |= type.startsWith("AWS::Serverless::");
      Optional<YNode> cond = r.get("Condition");
      if (cond.isPresent() && cond.get() instanceof YScalar c && !ix.condition(c.text(), c.pos())) {
        g.skip(e.key(), type, "its condition " + c.text() + " is false", e.keyPos());
        continue;
      }
      Optional<YNode> propsNode = r.get("Properties");
      if (propsNode.isPresent() && !(propsNode.get() instanceof YMap) && !Nodes.isNull(propsNode.get())) {
        problems.error(propsNode.get().pos(), "Resources." + e.key() + ".Properties: must be a mapping, got " + propsNode.get().describe());
        continue;
      }
      YMap props = propsNode.filter(YMap.class::isInstance).map(YMap.class::cast).orElse(Nodes.emptyMap(r.pos()));
      props = withGlobals(type, props, globals);
      YNode resolved = ix.resolveValue(props);
      res.put(e.key(), new Res(e.key(), type, resolved instanceof YMap m ? m : Nodes.emptyMap(r.pos()), e.keyPos()));
    }
    if (sam) {
      g.remarks.add("AWS SAM template: Globals, implicit APIs and SAM event sources applied");
    }
  }

  /** SAM Globals: maps merge (the resource wins per key), lists add up, other values are replaced. */
  private static YMap withGlobals(String type, YMap props, YMap globals) {
    String section = switch (type) {
      case "AWS::Serverless::Function" -> "Function";
      case "AWS::Serverless::Api" -> "Api";
      case "AWS::Serverless::HttpApi" -> "HttpApi";
      case "AWS::Serverless::SimpleTable" -> "SimpleTable";
      case "AWS::Serverless::StateMachine" -> "StateMachine";
      default -> "";
    };
    Optional<YMap> g = section.isEmpty() ? Optional.empty() : Nodes.map(globals, section);
    return g.map(gm -> (YMap) merge(gm, props)).orElse(props);
  }

  static YNode merge(YNode global, YNode local) {
    if (global instanceof YMap gm && local instanceof YMap lm && Intrinsics.functionName(gm).isEmpty() && Intrinsics.functionName(lm).isEmpty()) {
      List<YEntry> out = new ArrayList<>();
      for (YEntry e : gm.entries()) {
        Optional<YEntry> le = lm.entry(e.key());
        out.add(le.map(l -> new YEntry(e.key(), l.keyPos(), merge(e.value(), l.value()))).orElse(e));
      }
      for (YEntry e : lm.entries()) {
        if (gm.get(e.key()).isEmpty()) {
          out.add(e);
        }
      }
      return new YMap(out, lm.pos());
    }
    if (global instanceof YList gl && local instanceof YList ll) {
      List<YNode> items = new ArrayList<>(gl.items());
      items.addAll(ll.items());
      return new YList(items, ll.pos());
    }
    return local;
  }

  private static String defaultSkipReason(String type) {
    if (type.startsWith("AWS::IAM::")) {
      return "IAM has no charge; its permissions were read to infer calls";
    }
    if (type.startsWith("AWS::ApiGateway::") || type.startsWith("AWS::ApiGatewayV2::")) {
      return "part of an API; its integrations became calls";
    }
    return switch (type) {
      case "AWS::Lambda::Permission" -> "permission; read to find what invokes the function";
      case "AWS::Lambda::EventSourceMapping" -> "event source mapping; read as a call";
      case "AWS::Lambda::EventInvokeConfig" -> "invoke configuration; destinations read as calls";
      case "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::LayerVersion", "AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersionPermission" ->
          "no charge of its own";
      case "AWS::Lambda::Url" -> "function URL; its function gets placeholder traffic";
      case "AWS::SNS::Subscription" -> "subscription; read as a call";
      case "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy", "AWS::Events::EventBusPolicy" -> "access policy; no charge";
      case "AWS::Events::Rule" -> "rule; read as calls from its bus (or a schedule) to its targets";
      case "AWS::Serverless::Connector" -> "connector; read as calls";
      case "AWS::Logs::LogGroup", "AWS::Logs::SubscriptionFilter", "AWS::Logs::MetricFilter" ->
          "logs are priced through each service's log_kb, which a template cannot tell (import lambda-logs or cloudwatch)";
      case "AWS::CloudWatch::Alarm", "AWS::CloudWatch::Dashboard", "AWS::CloudWatch::CompositeAlarm" -> "monitoring; not modeled";
      case "AWS::SSM::Parameter", "AWS::SecretsManager::Secret", "AWS::KMS::Key", "AWS::KMS::Alias" -> "configuration or keys; not modeled";
      case "AWS::Serverless::Application", "AWS::CloudFormation::Stack" -> "nested application or stack; import its template separately";
      case "AWS::CloudFormation::CustomResource", "AWS::CloudFormation::WaitCondition", "AWS::CloudFormation::WaitConditionHandle" -> "deployment helper; not modeled";
      default -> type.startsWith("Custom::") ? "custom resource (runs at deployment); not modeled" : "type not modeled by costflow";
    };
  }

  // ---------------------------------------------------------------- services

  private void createNodes(YMap globals) {
    for (Res r : res.values()) {
      Node n = switch (r.type) {
        case "AWS::Serverless::Function", "AWS::Lambda::Function" -> function(r);
        case "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" -> restApi(r);
        case "AWS::Serverless::HttpApi" -> api(r, "aws.apigateway.http");
        case "AWS::ApiGatewayV2::Api" -> api(r, Nodes.text(r.props, "ProtocolType").orElse("HTTP").equalsIgnoreCase("WEBSOCKET") ? "aws.apigateway.websocket" : "aws.apigateway.http");
        case "AWS::SQS::Queue" -> queue(r);
        case "AWS::SNS::Topic" -> topic(r);
        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable" -> table(r);
        case "AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine" -> stateMachine(r);
        case "AWS::Events::EventBus" -> simple(r, "aws.eventbridge", "Name");
        case "AWS::Scheduler::Schedule" -> schedule(r);
        case "AWS::Kinesis::Stream" -> stream(r);
        case "AWS::KinesisFirehose::DeliveryStream" -> simple(r, "aws.firehose", "DeliveryStreamName");
        case "AWS::S3::Bucket" -> simple(r, "aws.s3", "BucketName");
        default -> null;
      };
      if (n != null) {
        g.add(n);
      }
    }
    // names of the implicit default bus
    names.add("aws.eventbridge", "default", DEFAULT_BUS);
  }

  private Node node(Res r, String type) {
    Node n = new Node(r.id, r.type, type, r.pos);
    Optional.ofNullable(opts.preferredIds().get(r.id)).ifPresent(p -> n.preferredId = Optional.of(p));
    n.tags.put(LOGICAL_ID_TAG, r.id);
    if (opts.stackName().isPresent()) {
      n.tags.put(STACK_TAG, opts.stackName().get());
    }
    Nodes.text(r.props, "Description").filter(d -> !d.isBlank()).ifPresent(d -> n.description = Optional.of(oneLine(d)));
    tags(r, n);
    return n;
  }

  private static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 200 ? t.substring(0, 197) + "..." : t;
  }

  /** The resource's own tags (a map, or a list of {Key, Value}), when they are plain text. */
  private static void tags(Res r, Node n) {
    Optional<YNode> t = Nodes.get(r.props, "Tags");
    if (t.isEmpty()) {
      return;
    }
    if (t.get() instanceof YMap m && Intrinsics.functionName(m).isEmpty()) {
      for (YEntry e : m.entries()) {
        Nodes.text(e.value()).filter(v -> !v.contains("${")).ifPresent(v -> n.tags.putIfAbsent(e.key(), v));
      }
    } else if (t.get() instanceof YList l) {
      for (YNode i : l.items()) {
        Optional<String> k = Nodes.text(i, "Key");
        Optional<String> v = Nodes.text(i, "Value");
        if (k.isPresent() && v.isPresent() && !v.get().contains("${")) {
          n.tags.putIfAbsent(k.get(), v.get());
        }
      }
    }
  }

  private void physicalName(Res r, Node n, String family, String property) {
    Optional<String> name = Nodes.text(r.props, property);
    if (name.isPresent() && !name.get().contains("${") && !name.get().isBlank()) {
      names.add(family, name.get(), r.id);
      n.tags.put(NAME_TAG, name.get());
    }
  }

  private Node function(Res r) {
    Node n = node(r, "aws.lambda");
    physicalName(r, n, "aws.lambda", "FunctionName");
    YNode memory = YamlWriter.num(128);
    Optional<String> memText = Nodes.text(r.props, "MemorySize");
    Optional<Double> mem = memText.flatMap(Nodes::parseNumber);
    if (mem.isPresent() && mem.get() >= 128 && mem.get() <= 10240) {
      memory = YamlWriter.num(Math.rint(mem.get()));
      n.set("memory_mb", memory);
    } else if (memText.isPresent()) {
      n.set("memory_mb", memory, "PLACEHOLDER: MemorySize is " + memText.get() + " in the template (not a number of MB known before deployment); 128 assumed");
    } else {
      n.set("memory_mb", memory);
    }
    List<YNode> arch = Nodes.items(r.props, "Architectures");
    if (!arch.isEmpty()) {
      String a = Nodes.text(arch.get(0)).orElse("x86_64");
      if (a.equals("arm64") || a.equals("x86_64")) {
        n.set("architecture", Nodes.str(a, n.pos));
      }
    }
    n.set("duration_ms", YamlWriter.num(100),
        "PLACEHOLDER: duration is not in the template; 100 ms assumed (measure it: costflow import lambda-logs or import cloudwatch)");
    Optional<Double> timeout = Nodes.number(r.props, "Timeout");
    double timeoutS = timeout.filter(t -> t > 0 && t <= 900).orElse(3.0);
    n.set("timeout_ms", YamlWriter.num(timeoutS * 1000));
    Nodes.map(r.props, "EphemeralStorage").flatMap(e -> Nodes.number(e, "Size")).filter(s -> s > 512 && s <= 10240)
        .ifPresent(s -> n.set("ephemeral_storage_mb", YamlWriter.num(Math.rint(s))));
    Nodes.map(r.props, "ProvisionedConcurrencyConfig").flatMap(p -> Nodes.number(p, "ProvisionedConcurrentExecutions")).filter(c -> c >= 1)
        .ifPresent(c -> n.set("provisioned_concurrency", Nodes.map1("count", YamlWriter.num(Math.rint(c)), n.pos)));
    if (Nodes.get(r.props, "FunctionUrlConfig").isPresent()) {
      n.external("its function URL");
    }
    return n;
  }

  private Node restApi(Res r) {
    Node n = api(r, "aws.apigateway.rest");
    if (Nodes.bool(r.props, "CacheClusterEnabled").orElse(false)) {
      cache(n, Nodes.text(r.props, "CacheClusterSize").orElse("0.5"));
    }
    return n;
  }

  private void cache(Node n, String size) {
    Optional<Double> gb = Nodes.parseNumber(size);
    gb.ifPresent(v -> n.set("cache_gb", YamlWriter.num(v)));
  }

  private Node api(Res r, String type) {
    Node n = node(r, type);
    physicalName(r, n, "api", "Name");
    n.external("API clients");
    return n;
  }

  private Node queue(Res r) {
    Node n = node(r, "aws.sqs");
    physicalName(r, n, "aws.sqs", "QueueName");
    if (Nodes.bool(r.props, "FifoQueue").orElse(false) || Nodes.text(r.props, "QueueName").map(q -> q.endsWith(".fifo")).orElse(false)) {
      n.set("fifo", YamlWriter.bool(true));
    }
    Optional<YNode> redrive = Nodes.get(r.props, "RedrivePolicy");
    if (redrive.isPresent()) {
      YNode rp = redrive.get();
      if (rp instanceof YScalar s) {
        try {
          rp = ix.resolveValue(YTrees.parseJson(s.text(), displayName + " (" + r.id + ".RedrivePolicy)"));
        } catch (YTrees.SyntaxException e) {
          problems.warning(s.pos(), "Resources." + r.id + ".RedrivePolicy: not valid JSON; ignored");
        }
      }
      Nodes.number(rp, "maxReceiveCount").filter(c -> c >= 1).ifPresent(c -> n.set("max_receive_count", YamlWriter.num(Math.rint(c))));
    }
    return n;
  }

  private Node topic(Res r) {
    Node n = node(r, "aws.sns");
    physicalName(r, n, "aws.sns", "TopicName");
    if (Nodes.bool(r.props, "FifoTopic").orElse(false)) {
      n.set("fifo", YamlWriter.bool(true));
    }
    return n;
  }

  private Node table(Res r) {
    Node n = node(r, "aws.dynamodb");
    physicalName(r, n, "aws.dynamodb", "TableName");
    Optional<YMap> pt = Nodes.map(r.props, "ProvisionedThroughput");
    String billing = Nodes.text(r.props, "BillingMode").orElse(r.type.equals("AWS::DynamoDB::Table") ? "PROVISIONED" : "");
    boolean provisioned = billing.equalsIgnoreCase("PROVISIONED") || (r.type.equals("AWS::Serverless::SimpleTable") && pt.isPresent());
    if (r.type.equals("AWS::DynamoDB::Table") && billing.equalsIgnoreCase("PROVISIONED") && pt.isEmpty()) {
      provisioned = false;
    }
    if (provisioned) {
      n.set("mode", Nodes.str("provisioned", n.pos));
      pt.flatMap(p -> Nodes.number(p, "WriteCapacityUnits")).filter(v -> v >= 1).ifPresent(v -> n.set("wcu", YamlWriter.num(v)));
      pt.flatMap(p -> Nodes.number(p, "ReadCapacityUnits")).filter(v -> v >= 1).ifPresent(v -> n.set("rcu", YamlWriter.num(v)));
    }
    int gsi = Nodes.items(r.props, "GlobalSecondaryIndexes").size();
    if (gsi > 0 && gsi <= 20) {
      n.set("gsi_count", YamlWriter.num(gsi));
    }
    n.notes.add("PLACEHOLDER: storage_gb is not in the template (storage is not priced until you add it)");
    if (r.type.equals("AWS::DynamoDB::GlobalTable")) {
      int replicas = Nodes.items(r.props, "Replicas").size();
      if (replicas > 1) {
        n.notes.add("global table with " + replicas + " replicas: replicated writes in the other regions are not modeled");
      }
    }
    return n;
  }

  private Node stateMachine(Res r) {
    Node n = node(r, "aws.stepfunctions");
    physicalName(r, n, "aws.stepfunctions", r.type.equals("AWS::Serverless::StateMachine") ? "Name" : "StateMachineName");
    String t = Nodes.text(r.props, r.type.equals("AWS::Serverless::StateMachine") ? "Type" : "StateMachineType").orElse("STANDARD");
    n.set("workflow", Nodes.str(t.equalsIgnoreCase("EXPRESS") ? "express" : "standard", n.pos));
    return n;
  }

  private Node schedule(Res r) {
    Node n = node(r, "aws.scheduler");
    physicalName(r, n, "aws.scheduler", "Name");
    if (Nodes.text(r.props, "State").orElse("ENABLED").equalsIgnoreCase("DISABLED")) {
      n.notes.add("the schedule is DISABLED in the template: no traffic");
    } else {
      Nodes.text(r.props, "ScheduleExpression").ifPresent(n.schedules::add);
    }
    return n;
  }

  private Node stream(Res r) {
    Node n = node(r, "aws.kinesis");
    physicalName(r, n, "aws.kinesis", "Name");
    String mode = Nodes.map(r.props, "StreamModeDetails").flatMap(m -> Nodes.text(m, "StreamMode")).orElse("PROVISIONED");
    n.set("mode", Nodes.str(mode.equalsIgnoreCase("ON_DEMAND") ? "on_demand" : "provisioned", n.pos));
    if (!mode.equalsIgnoreCase("ON_DEMAND")) {
      n.set("shards", YamlWriter.num(Nodes.number(r.props, "ShardCount").filter(s -> s >= 1).orElse(1.0)));
    }
    Nodes.number(r.props, "RetentionPeriodHours").filter(h -> h > 24).ifPresent(h -> n.set("retention_hours", YamlWriter.num(h)));
    return n;
  }

  private Node simple(Res r, String type, String nameProperty) {
    Node n = node(r, type);
    physicalName(r, n, type, nameProperty);
    return n;
  }

  private String defaultBus() {
    if (!g.nodes.containsKey(DEFAULT_BUS)) {
      Node n = new Node(DEFAULT_BUS, "(the account's default event bus)", "aws.eventbridge", Position.of(displayName));
      n.preferredId = Optional.of(DEFAULT_BUS);
      n.description = Optional.of("the account's default event bus (not a resource of the template)");
      g.add(n);
    }
    return DEFAULT_BUS;
  }

  private String implicitApi(String logicalId, String type, String samType) {
    if (!g.nodes.containsKey(logicalId)) {
      Node n = new Node(logicalId, samType + " (implicit)", type, Position.of(displayName));
      n.tags.put(LOGICAL_ID_TAG, logicalId);
      if (opts.stackName().isPresent()) {
        n.tags.put(STACK_TAG, opts.stackName().get());
      }
      n.description = Optional.of("the API SAM creates for the functions' " + (type.endsWith("rest") ? "Api" : "HttpApi") + " events");
      n.external("API clients");
      if (type.endsWith("rest")) {
        // Globals.Api applies to the implicit API too
        YNode api = ix.resolveValue(Nodes.map(globals, "Api").orElse(Nodes.emptyMap(n.pos)));
        if (Nodes.bool(api, "CacheClusterEnabled").orElse(false)) {
          cache(n, Nodes.text(api, "CacheClusterSize").orElse("0.5"));
        }
      }
      g.add(n);
    }
    return logicalId;
  }

  /** A resource named by ARN but defined outside the template: a service fed from outside. */
  private Optional<String> externalResource(YNode resolved, String family, String what, Position at) {
    String text = ix.asText(resolved);
    String name = text;
    int cut = Math.max(text.lastIndexOf(':'), text.lastIndexOf('/'));
    if (cut >= 0 && cut < text.length() - 1) {
      name = text.substring(cut + 1);
    }
    name = name.replaceAll("[^A-Za-z0-9]", "");
    if (name.isEmpty() || text.contains("${?}")) {
      name = "Imported" + what.replaceAll("[^A-Za-z0-9]", "");
    }
    String id = "External" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    if (!g.nodes.containsKey(id)) {
      Node n = new Node(id, "(outside the template)", family, at);
      n.description = Optional.of(what + " outside this template: " + oneLine(text));
      n.external("producers outside this template");
      g.add(n);
    }
    return Optional.of(id);
  }

  // ---------------------------------------------------------------- calls

  /** The node a resolved reference value points at (a resource of the template, a name or an ARN). */
  private Optional<String> target(YNode resolved, Set<String> families) {
    Set<String> t = perms.targets(resolved, families);
    return t.isEmpty() ? Optional.empty() : Optional.of(t.iterator().next());
  }

  private Optional<String> targetOrExternal(YNode resolved, String family, String what, Position at) {
    Optional<String> t = target(resolved, Set.of(family));
    if (t.isPresent()) {
      return t;
    }
    return externalResource(resolved, family, what, at);
  }

  private Edge edge(String from, String to, Invoke invoke, String origin, Position at) {
    return g.connect(new Edge(from, to, invoke, origin, at));
  }

  private void connect(Res r) {
    switch (r.type) {
      case "AWS::Serverless::Function" -> {
        samEvents(r, r.id, "function");
        destinations(r.id, Nodes.get(r.props, "EventInvokeConfig"));
        deadLetter(r.id, Nodes.map(r.props, "DeadLetterQueue").flatMap(d -> Nodes.get(d, "TargetArn")));
        connectors(r);
      }
      case "AWS::Lambda::Function" -> deadLetter(r.id, Nodes.map(r.props, "DeadLetterConfig").flatMap(d -> Nodes.get(d, "TargetArn")));
      case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> {
        if (r.type.equals("AWS::Serverless::StateMachine")) {
          samEvents(r, r.id, "state machine");
          connectors(r);
        }
        definition(r);
      }
      case "AWS::Serverless::Api" -> {
        openApi(r.id, Nodes.get(r.props, "DefinitionBody").or(() -> localDefinition(Nodes.get(r.props, "DefinitionUri"), r.pos)));
        connectors(r);
      }
      case "AWS::Serverless::HttpApi" -> openApi(r.id, Nodes.get(r.props, "DefinitionBody").or(() -> localDefinition(Nodes.get(r.props, "DefinitionUri"), r.pos)));
      case "AWS::ApiGateway::RestApi" -> openApi(r.id, Nodes.get(r.props, "Body").or(() -> Nodes.get(r.props, "BodyS3Location").flatMap(b -> {
        problems.warning(r.pos, "Resources." + r.id + ".BodyS3Location: the OpenAPI body is in S3; its integrations are not imported");
        return Optional.empty();
      })));
      case "AWS::ApiGatewayV2::Api" -> {
        openApi(r.id, Nodes.get(r.props, "Body"));
        Nodes.get(r.props, "Target").flatMap(t -> target(t, Set.of("aws.lambda"))).ifPresent(f -> edge(r.id, f, Invoke.SYNC, "quick-create Lambda integration", r.pos));
      }
      case "AWS::ApiGateway::Method" -> method(r);
      case "AWS::ApiGateway::Stage" -> {
        if (Nodes.bool(r.props, "CacheClusterEnabled").orElse(false)) {
          Nodes.get(r.props, "RestApiId").flatMap(a -> target(a, Set.of("aws.apigateway.rest")))
              .flatMap(g::node).ifPresent(n -> cache(n, Nodes.text(r.props, "CacheClusterSize").orElse("0.5")));
        }
      }
      case "AWS::ApiGatewayV2::Integration" -> v2Integration(r);
      case "AWS::Lambda::EventSourceMapping" -> eventSourceMapping(r);
      case "AWS::Lambda::Permission" -> permission(r);
      case "AWS::Lambda::Url" -> Nodes.get(r.props, "TargetFunctionArn").flatMap(t -> target(t, Set.of("aws.lambda")))
          .flatMap(g::node).ifPresent(n -> n.external("its function URL"));
      case "AWS::Lambda::EventInvokeConfig" -> Nodes.get(r.props, "FunctionName").flatMap(f -> target(f, Set.of("aws.lambda")))
          .ifPresent(f -> destinations(f, Optional.of(r.props)));
      case "AWS::Lambda::Alias", "AWS::Lambda::Version" -> Nodes.map(r.props, "ProvisionedConcurrencyConfig")
          .flatMap(p -> Nodes.number(p, "ProvisionedConcurrentExecutions")).filter(c -> c >= 1)
          .ifPresent(c -> Nodes.get(r.props, "FunctionName").flatMap(f -> target(f, Set.of("aws.lambda"))).flatMap(g::node)
              .ifPresent(n -> n.set("provisioned_concurrency", Nodes.map1("count", YamlWriter.num(Math.rint(c)), n.pos))));
      case "AWS::SNS::Topic" -> {
        for (YNode s : Nodes.items(r.props, "Subscription")) {
          subscribe(r.id, Nodes.get(s, "Endpoint"), Nodes.text(s, "Protocol").orElse(""), false, "Subscription of " + r.id, s.pos());
        }
      }
      case "AWS::SNS::Subscription" -> Nodes.get(r.props, "TopicArn").flatMap(t -> target(t, Set.of("aws.sns"))).ifPresentOrElse(
          topic -> {
            subscribe(topic, Nodes.get(r.props, "Endpoint"), Nodes.text(r.props, "Protocol").orElse(""),
                Nodes.get(r.props, "FilterPolicy").isPresent(), "subscription " + r.id, r.pos);
            skipReasons.put(r.id, "subscription; became calls from its topic");
          },
          () -> skipReasons.put(r.id, "subscription to a topic outside this template"));
      case "AWS::SQS::Queue" -> Nodes.get(r.props, "RedrivePolicy").ifPresent(rp -> {
        YNode p = rp;
        if (rp instanceof YScalar s) {
          try {
            p = ix.resolveValue(YTrees.parseJson(s.text(), displayName));
          } catch (YTrees.SyntaxException e) {
            return;
          }
        }
        final YNode policy = p;
        Nodes.get(policy, "deadLetterTargetArn").flatMap(d -> target(d, Set.of("aws.sqs"))).flatMap(g::node).ifPresent(dlq -> {
          dlq.deadLetter = true;
          g.node(r.id).ifPresent(q -> q.notes.add("messages received " + Nodes.text(policy, "maxReceiveCount").orElse("max_receive_count")
              + " times move to dead-letter queue " + dlq.logicalId + " (moves are not billed requests)"));
        });
      });
      case "AWS::S3::Bucket" -> notifications(r);
      case "AWS::Events::Rule" -> rule(r);
      case "AWS::Scheduler::Schedule" -> Nodes.map(r.props, "Target").flatMap(t -> Nodes.get(t, "Arn")).ifPresent(a -> {
        Set<String> t = perms.targets(a, ALL_FAMILIES);
        for (String to : t) {
          edge(r.id, to, Invoke.ASYNC, "schedule target", r.pos);
        }
        if (t.isEmpty()) {
          g.node(r.id).ifPresent(n -> n.notes.add("its target " + oneLine(ix.asText(a)) + " is not a service of this template"));
        }
      });
      case "AWS::Serverless::Connector" -> connector(r, Nodes.get(r.props, "Source"), r.props, "connector " + r.id);
      default -> {
        // nothing to connect
      }
    }
  }

  static final Set<String> ALL_FAMILIES = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(List.of("aws.lambda", "aws.sqs", "aws.sns", "aws.dynamodb", "aws.s3", "aws.stepfunctions",
      "aws.eventbridge", "aws.kinesis", "aws.firehose", "aws.apigateway.rest", "aws.apigateway.http", "aws.apigateway.websocket", "aws.scheduler")));

  private void samEvents(Res r, String targetId, String what) {
    Optional<YMap> events = Nodes.map(r.props, "Events");
    if (events.isEmpty()) {
      return;
    }
    Node target = g.node(targetId).orElseThrow();
    for (YEntry e : events.get().entries()) {
      String name = e.key();
      YNode ev = e.value();
      String type = Nodes.text(ev, "Type").orElse("");
      YNode p = Nodes.map(ev, "Properties").map(m -> (YNode) m).orElse(Nodes.emptyMap(ev.pos()));
      String origin = type + " event " + name;
      boolean enabled = Nodes.bool(p, "Enabled").orElse(true) && !Nodes.text(p, "State").orElse("ENABLED").equalsIgnoreCase("DISABLED");
      switch (type) {
        case "Api" -> {
          String api = Nodes.get(p, "RestApiId").flatMap(a -> target(a, Set.of("aws.apigateway.rest")))
              .orElseGet(() -> implicitApi("ServerlessRestApi", "aws.apigateway.rest", "AWS::Serverless::Api"));
          edge(api, targetId, Invoke.SYNC, origin + route(p), e.keyPos());
        }
        case "HttpApi" -> {
          String api = Nodes.get(p, "ApiId").flatMap(a -> target(a, Set.of("aws.apigateway.http")))
              .orElseGet(() -> implicitApi("ServerlessHttpApi", "aws.apigateway.http", "AWS::Serverless::HttpApi"));
          edge(api, targetId, Invoke.SYNC, origin + route(p), e.keyPos());
        }
        case "SQS", "Kinesis", "DynamoDB" -> {
          String family = switch (type) {
            case "SQS" -> "aws.sqs";
            case "Kinesis" -> "aws.kinesis";
            default -> "aws.dynamodb";
          };
          String key = type.equals("SQS") ? "Queue" : "Stream";
          Optional<YNode> src = Nodes.get(p, key);
          if (src.isEmpty()) {
            problems.warning(ev.pos(), "Events." + name + ": " + type + " event without " + key + "; ignored");
            continue;
          }
          if (!enabled) {
            target.notes.add(origin + " is disabled in the template");
            continue;
          }
          Optional<String> from = targetOrExternal(src.get(), family, type.equals("SQS") ? "queue" : type + " stream", ev.pos());
          from.ifPresent(f -> poll(f, targetId, p, type.equals("SQS") ? 10 : 100, origin, e.keyPos()));
        }
        case "SNS" -> {
          Optional<YNode> topicRef = Nodes.get(p, "Topic");
          if (topicRef.isEmpty()) {
            continue;
          }
          String topic = targetOrExternal(topicRef.get(), "aws.sns", "topic", ev.pos()).orElseThrow();
          boolean filtered = Nodes.get(p, "FilterPolicy").isPresent();
          Optional<YNode> sqsSub = Nodes.get(p, "SqsSubscription");
          if (sqsSub.isPresent() && !(sqsSub.get() instanceof YScalar s && s.text().equalsIgnoreCase("false"))) {
            String queueId = Nodes.get(sqsSub.get(), "QueueArn").flatMap(q -> target(q, Set.of("aws.sqs"))).orElseGet(() -> {
              String id = r.id + name + "Queue";
              Node q = new Node(id, "AWS::SQS::Queue (implicit)", "aws.sqs", ev.pos());
              q.tags.put(LOGICAL_ID_TAG, id);
              q.description = Optional.of("the queue SAM creates for " + origin + " (SqsSubscription)");
              g.add(q);
              return id;
            });
            Edge sub = edge(topic, queueId, Invoke.ASYNC, origin + " (SQS subscription)", e.keyPos());
            filter(sub, filtered, "filter policy");
            poll(queueId, targetId, sqsSub.get() instanceof YMap m ? m : Nodes.emptyMap(ev.pos()), 10, origin, e.keyPos());
          } else {
            filter(edge(topic, targetId, Invoke.ASYNC, origin, e.keyPos()), filtered, "filter policy");
          }
        }
        case "Schedule" -> {
          if (!enabled) {
            target.notes.add(origin + " is disabled in the template");
          } else {
            Nodes.text(p, "Schedule").ifPresent(target.schedules::add);
          }
        }
        case "ScheduleV2" -> {
          if (!enabled) {
            target.notes.add(origin + " is disabled in the template");
            continue;
          }
          String id = r.id + name;
          Node s = new Node(id, "AWS::Scheduler::Schedule (implicit)", "aws.scheduler", ev.pos());
          s.tags.put(LOGICAL_ID_TAG, id);
          s.description = Optional.of("the EventBridge Scheduler schedule SAM creates for " + origin);
          Nodes.text(p, "ScheduleExpression").ifPresent(s.schedules::add);
          g.add(s);
          edge(id, targetId, Invoke.ASYNC, origin, e.keyPos());
        }
        case "EventBridgeRule", "CloudWatchEvent" -> {
          if (!enabled) {
            target.notes.add(origin + " is disabled in the template");
            continue;
          }
          String bus = Nodes.get(p, "EventBusName").flatMap(b -> target(b, Set.of("aws.eventbridge"))).orElseGet(this::defaultBus);
          Edge ed = edge(bus, targetId, Invoke.ASYNC, origin + " (rule)", e.keyPos());
          filter(ed, Nodes.get(p, "Pattern").isPresent(), "event pattern");
        }
        case "S3" -> {
          Optional<YNode> b = Nodes.get(p, "Bucket");
          if (b.isEmpty()) {
            continue;
          }
          String bucket = targetOrExternal(b.get(), "aws.s3", "bucket", ev.pos()).orElseThrow();
          Edge ed = edge(bucket, targetId, Invoke.ASYNC, origin + " (" + String.join(", ", Nodes.allTexts(Nodes.get(p, "Events").orElse(Nodes.emptyMap(ev.pos())))) + ")", e.keyPos());
          filter(ed, Nodes.get(p, "Filter").isPresent(), "key filter");
        }
        case "CloudWatchLogs" -> target.external("a CloudWatch Logs subscription (" + origin + ")");
        case "" -> problems.warning(ev.pos(), "Events." + name + ": no Type; ignored");
        default -> target.external(type + " events (" + name + "), which costflow does not model");
      }
    }
  }

  private static String route(YNode p) {
    Optional<String> method = Nodes.text(p, "Method");
    Optional<String> path = Nodes.text(p, "Path");
    return method.isPresent() || path.isPresent() ? " (" + method.orElse("ANY").toUpperCase(Locale.ROOT) + " " + path.orElse("/") + ")" : "";
  }

  private void poll(String from, String to, YNode p, int defaultBatch, String origin, Position at) {
    Edge ed = edge(from, to, Invoke.POLL, origin, at);
    int batch = (int) Math.rint(Nodes.number(p, "BatchSize").filter(b -> b >= 1 && b <= 10000).orElse((double) defaultBatch));
    ed.batchSize = Optional.of(batch);
    Nodes.number(p, "MaximumBatchingWindowInSeconds").filter(w -> w > 0 && w <= 300).ifPresent(w -> ed.batchWindowS = Optional.of(w));
    filter(ed, Nodes.get(p, "FilterCriteria").isPresent(), "filter criteria");
  }

  private static void filter(Edge e, boolean filtered, String what) {
    if (filtered) {
      e.placeholderProbability = true;
      e.origins.add("PLACEHOLDER probability: the " + what + " passes an unknown share (1 assumed)");
    }
  }

  private void subscribe(String topic, Optional<YNode> endpoint, String protocol, boolean filtered, String origin, Position at) {
    String p = protocol.toLowerCase(Locale.ROOT);
    switch (p) {
      case "lambda", "sqs", "firehose" -> {
        String family = p.equals("lambda") ? "aws.lambda" : p.equals("sqs") ? "aws.sqs" : "aws.firehose";
        Optional<String> t = endpoint.flatMap(ep -> target(ep, Set.of(family)));
        if (t.isEmpty() && endpoint.isPresent()) {
          t = externalResource(endpoint.get(), family, p + " subscriber", at);
        }
        t.ifPresent(to -> filter(edge(topic, to, Invoke.ASYNC, origin, at), filtered, "filter policy"));
      }
      case "http", "https" -> externalSubscribers.merge(topic + "|http", 1, Integer::sum);
      case "email", "email-json" -> externalSubscribers.merge(topic + "|email", 1, Integer::sum);
      case "sms", "application" -> externalSubscribers.merge(topic + "|mobile", 1, Integer::sum);
      default -> g.node(topic).ifPresent(n -> n.notes.add("a subscription with protocol '" + protocol + "' is not modeled"));
    }
  }

  private void destinations(String fn, Optional<YNode> config) {
    if (config.isEmpty()) {
      return;
    }
    Optional<YMap> dc = Nodes.map(config.get(), "DestinationConfig");
    Optional<YNode> onSuccess = dc.flatMap(d -> Nodes.map(d, "OnSuccess")).flatMap(s -> Nodes.get(s, "Destination"));
    onSuccess.flatMap(d -> target(d, ALL_FAMILIES)).ifPresent(to -> {
      Edge e = edge(fn, to, Invoke.ASYNC, "OnSuccess destination of async invocations", config.get().pos());
      e.inferred = true;
    });
    dc.flatMap(d -> Nodes.map(d, "OnFailure")).flatMap(s -> Nodes.get(s, "Destination")).flatMap(d -> target(d, ALL_FAMILIES))
        .ifPresent(to -> g.node(fn).ifPresent(n -> n.notes.add("failed async invocations go to " + to + " (OnFailure destination): not modeled")));
  }

  private void deadLetter(String fn, Optional<YNode> dlq) {
    dlq.flatMap(d -> target(d, Set.of("aws.sqs", "aws.sns"))).ifPresent(to -> {
      g.node(to).ifPresent(n -> n.deadLetter = true);
      g.node(fn).ifPresent(n -> n.notes.add("failed async events go to dead-letter " + to + ": not modeled as calls"));
    });
  }

  private void connectors(Res r) {
    Optional<YMap> cs = Nodes.map(r.props, "Connectors");
    if (cs.isEmpty()) {
      return;
    }
    for (YEntry e : cs.get().entries()) {
      Nodes.map(e.value(), "Properties").ifPresent(p -> connector(r, Optional.of(Nodes.map1("Id", Nodes.str(r.id, r.pos), r.pos)), p, "connector " + e.key()));
    }
  }

  private void connector(Res r, Optional<YNode> source, YNode props, String origin) {
    Optional<String> from = source.flatMap(this::connectorEnd);
    if (from.isEmpty()) {
      return;
    }
    Set<String> permissions = new LinkedHashSet<>();
    for (YNode p : Nodes.items(props, "Permissions")) {
      Nodes.text(p).ifPresent(permissions::add);
    }
    for (YNode d : Nodes.items(props, "Destination")) {
      Optional<String> to = connectorEnd(d);
      if (to.isEmpty()) {
        continue;
      }
      String family = g.node(to.get()).map(n -> n.type).orElse("");
      for (String perm : permissions) {
        Optional<String> op = connectorOp(family, perm);
        op.ifPresent(o -> {
          Edge e = edge(from.get(), to.get(), Invoke.SYNC, origin + " (" + perm + ")", r.pos);
          if (!o.isEmpty()) {
            e.op = Optional.of(o);
          }
        });
      }
    }
    skipReasons.put(r.id, "connector; became calls");
  }

  private Optional<String> connectorEnd(YNode end) {
    Optional<String> id = Nodes.text(end, "Id");
    if (id.isPresent() && g.nodes.containsKey(id.get())) {
      return id;
    }
    return Nodes.get(end, "Arn").flatMap(a -> target(a, ALL_FAMILIES));
  }

  /** The op of a connector permission into a family; empty when the permission makes no call (a queue read by its consumer). */
  private static Optional<String> connectorOp(String family, String permission) {
    boolean write = permission.equalsIgnoreCase("Write");
    return switch (family) {
      case "aws.dynamodb" -> Optional.of(write ? "write" : "read");
      case "aws.s3" -> Optional.of(write ? "put" : "get");
      case "aws.sqs", "aws.sns", "aws.lambda", "aws.stepfunctions", "aws.eventbridge", "aws.kinesis", "aws.firehose" ->
          write ? Optional.of("") : Optional.empty();
      default -> Optional.empty();
    };
  }

  private void definition(Res r) {
    Optional<YNode> def = Nodes.get(r.props, "Definition");
    if (def.isEmpty()) {
      Optional<YNode> s = Nodes.get(r.props, "DefinitionString");
      if (s.isPresent() && s.get() instanceof YScalar text) {
        try {
          def = Optional.of(ix.resolveValue(YTrees.parseJson(text.text(), displayName + " (" + r.id + ".DefinitionString)")));
        } catch (YTrees.SyntaxException e) {
          problems.warning(text.pos(), "Resources." + r.id + ".DefinitionString: not valid JSON (" + e.getMessage() + "); its tasks are not imported");
        }
      }
    }
    if (def.isEmpty()) {
      Optional<YNode> uri = Nodes.get(r.props, "DefinitionUri");
      if (uri.isPresent()) {
        def = localDefinition(uri, r.pos).map(ix::resolveValue);
      } else if (Nodes.get(r.props, "DefinitionS3Location").isPresent()) {
        problems.warning(r.pos, "Resources." + r.id + ".DefinitionS3Location: the definition is in S3; its tasks are not imported");
      }
    }
    Node n = g.node(r.id).orElseThrow();
    // express workflows bill requests and duration, standard ones state transitions
    boolean express = n.keys.get("workflow") instanceof YScalar w && w.text().equals("express");
    if (express) {
      n.set("duration_ms", YamlWriter.num(100), "PLACEHOLDER: express executions are billed by duration; 100 ms assumed, set how long an execution runs");
    }
    if (def.isEmpty()) {
      if (!express) {
        n.set("transitions", YamlWriter.num(5), "PLACEHOLDER: the definition was not available; 5 state transitions per execution assumed");
      }
      return;
    }
    Map<String, String> subs = new LinkedHashMap<>();
    for (YEntry e : Nodes.map(r.props, "DefinitionSubstitutions").map(YMap::entries).orElse(List.of())) {
      subs.put(e.key(), ix.asText(e.value()));
    }
    StateMachines.Summary s = machines.read(machines.substitute(def.get(), subs));
    if (!express) {
      n.set("transitions", YamlWriter.num(Math.max(1, s.states())),
          "PLACEHOLDER: one transition per state of the definition (" + s.states() + "); set the transitions an execution really makes");
    }
    for (StateMachines.TaskCall c : s.calls()) {
      Edge e = edge(r.id, c.target(), c.async() ? Invoke.ASYNC : Invoke.SYNC, "Task state " + c.state(), r.pos);
      if (!c.op().isEmpty()) {
        e.op = Optional.of(c.op());
      }
      if (c.insideMap()) {
        e.origins.add("PLACEHOLDER per_call: inside a Map state it runs once per item");
      }
    }
    n.notes.addAll(s.notes());
  }

  private void openApi(String apiId, Optional<YNode> body) {
    if (body.isEmpty()) {
      return;
    }
    YNode b = ix.resolveValue(body.get());
    Optional<YMap> paths = Nodes.map(b, "paths");
    if (paths.isEmpty()) {
      return;
    }
    for (YEntry path : paths.get().entries()) {
      if (!(path.value() instanceof YMap ops)) {
        continue;
      }
      for (YEntry op : ops.entries()) {
        Optional<YMap> integ = Nodes.map(op.value(), "x-amazon-apigateway-integration");
        if (integ.isEmpty()) {
          continue;
        }
        String method = op.key().equals("x-amazon-apigateway-any-method") ? "ANY" : op.key().toUpperCase(Locale.ROOT);
        YMap i = integ.get();
        List<Permissions.Grant> grants = Nodes.get(i, "credentials").map(this::grantsOfRole).orElse(List.of());
        List<YNode> details = new ArrayList<>();
        Nodes.get(i, "requestParameters").ifPresent(details::add);
        Nodes.get(i, "requestTemplates").ifPresent(details::add);
        String origin = "OpenAPI " + method + " " + path.key();
        for (Integrations.Target t : integrations.targets(Nodes.get(i, "uri"), Nodes.text(i, "integrationSubtype").orElse(""), details, grants, method)) {
          Edge e = edge(apiId, t.logicalId(), Invoke.SYNC, origin + " (" + t.how() + ")", i.pos());
          if (!t.op().isEmpty()) {
            e.op = Optional.of(t.op());
          }
        }
      }
    }
  }

  private void method(Res r) {
    Optional<String> api = Nodes.get(r.props, "RestApiId").flatMap(a -> target(a, Set.of("aws.apigateway.rest")));
    Optional<YMap> integ = Nodes.map(r.props, "Integration");
    if (api.isEmpty() || integ.isEmpty()) {
      return;
    }
    YMap i = integ.get();
    List<Permissions.Grant> grants = Nodes.get(i, "Credentials").map(this::grantsOfRole).orElse(List.of());
    List<YNode> details = new ArrayList<>();
    Nodes.get(i, "RequestParameters").ifPresent(details::add);
    Nodes.get(i, "RequestTemplates").ifPresent(details::add);
    String method = Nodes.text(r.props, "HttpMethod").orElse("ANY").toUpperCase(Locale.ROOT);
    for (Integrations.Target t : integrations.targets(Nodes.get(i, "Uri"), "", details, grants, method)) {
      Edge e = edge(api.get(), t.logicalId(), Invoke.SYNC, "method " + r.id + " " + method + " (" + t.how() + ")", r.pos);
      if (!t.op().isEmpty()) {
        e.op = Optional.of(t.op());
      }
    }
  }

  private void v2Integration(Res r) {
    Optional<String> api = Nodes.get(r.props, "ApiId").flatMap(a -> target(a, Set.of("aws.apigateway.http", "aws.apigateway.websocket")));
    if (api.isEmpty()) {
      return;
    }
    List<Permissions.Grant> grants = Nodes.get(r.props, "CredentialsArn").map(this::grantsOfRole).orElse(List.of());
    List<YNode> details = new ArrayList<>();
    Nodes.get(r.props, "RequestParameters").ifPresent(details::add);
    Nodes.get(r.props, "RequestTemplates").ifPresent(details::add);
    for (Integrations.Target t : integrations.targets(Nodes.get(r.props, "IntegrationUri"), Nodes.text(r.props, "IntegrationSubtype").orElse(""), details, grants,
        Nodes.text(r.props, "IntegrationMethod").orElse("POST"))) {
      Edge e = edge(api.get(), t.logicalId(), Invoke.SYNC, "integration " + r.id + " (" + t.how() + ")", r.pos);
      if (!t.op().isEmpty()) {
        e.op = Optional.of(t.op());
      }
    }
  }

  private void eventSourceMapping(Res r) {
    Optional<YNode> src = Nodes.get(r.props, "EventSourceArn");
    Optional<String> fn = Nodes.get(r.props, "FunctionName").flatMap(f -> target(f, Set.of("aws.lambda")));
    if (src.isEmpty() || fn.isEmpty()) {
      skipReasons.put(r.id, "event source mapping of a source or function outside this template");
      return;
    }
    if (!Nodes.bool(r.props, "Enabled").orElse(true)) {
      skipReasons.put(r.id, "event source mapping disabled in the template");
      return;
    }
    String text = ix.asText(src.get());
    String family = text.contains(":kinesis:") ? "aws.kinesis" : text.contains(":dynamodb:") || text.contains(".StreamArn}") ? "aws.dynamodb" : "aws.sqs";
    Optional<String> from = target(src.get(), Set.of("aws.sqs", "aws.kinesis", "aws.dynamodb"));
    if (from.isEmpty()) {
      from = externalResource(src.get(), family, family.equals("aws.sqs") ? "queue" : "stream", r.pos);
    }
    String f = from.get();
    String fam = g.node(f).map(n -> n.type).orElse(family);
    poll(f, fn.get(), r.props, fam.equals("aws.sqs") ? 10 : 100, "event source mapping " + r.id, r.pos);
    skipReasons.put(r.id, "event source mapping; became the call " + f + " -> " + fn.get());
  }

  private void permission(Res r) {
    Optional<String> fn = Nodes.get(r.props, "FunctionName").flatMap(f -> target(f, Set.of("aws.lambda")));
    String principal = Nodes.text(r.props, "Principal").orElse("");
    Optional<YNode> sourceArn = Nodes.get(r.props, "SourceArn");
    if (fn.isEmpty() || sourceArn.isEmpty()) {
      return;
    }
    String family = switch (principal.replace(".amazonaws.com", "")) {
      case "s3" -> "aws.s3";
      case "sns" -> "aws.sns";
      case "events" -> "aws.eventbridge";
      case "apigateway" -> "";
      case "scheduler" -> "aws.scheduler";
      default -> "-";
    };
    if (family.equals("-")) {
      return;
    }
    Set<String> sources = family.isEmpty()
        ? perms.targets(sourceArn.get(), Set.of("aws.apigateway.rest", "aws.apigateway.http", "aws.apigateway.websocket"))
        : perms.targets(sourceArn.get(), Set.of(family));
    for (String s : sources) {
      boolean connected = g.edges.stream().anyMatch(e -> e.from.equals(s) && e.to.equals(fn.get()));
      if (!connected && !family.isEmpty()) {
        edge(s, fn.get(), Invoke.ASYNC, "permission " + r.id + " (" + principal + ")", r.pos);
      }
      // for APIs the permission alone does not say which routes call the function: integrations decide
    }
  }

  private void notifications(Res r) {
    Optional<YMap> nc = Nodes.map(r.props, "NotificationConfiguration");
    if (nc.isEmpty()) {
      return;
    }
    String[][] kinds = {{"LambdaConfigurations", "Function", "aws.lambda"}, {"QueueConfigurations", "Queue", "aws.sqs"}, {"TopicConfigurations", "Topic", "aws.sns"}};
    for (String[] k : kinds) {
      for (YNode c : Nodes.items(nc.get(), k[0])) {
        Nodes.get(c, k[1]).flatMap(t -> target(t, Set.of(k[2]))).ifPresent(to -> {
          Edge e = edge(r.id, to, Invoke.ASYNC, "bucket notification " + Nodes.text(c, "Event").orElse(""), c.pos());
          filter(e, Nodes.get(c, "Filter").isPresent(), "key filter");
        });
      }
    }
    if (Nodes.map(nc.get(), "EventBridgeConfiguration").flatMap(e -> Nodes.bool(e, "EventBridgeEnabled")).orElse(false)) {
      edge(r.id, defaultBus(), Invoke.ASYNC, "bucket events sent to EventBridge", nc.get().pos());
    }
  }

  private void rule(Res r) {
    if (Nodes.text(r.props, "State").orElse("ENABLED").toUpperCase(Locale.ROOT).startsWith("DISABLED")) {
      skipReasons.put(r.id, "rule disabled in the template");
      return;
    }
    Optional<String> schedule = Nodes.text(r.props, "ScheduleExpression");
    Optional<String> bus = schedule.isPresent() ? Optional.empty()
        : Optional.of(Nodes.get(r.props, "EventBusName").flatMap(b -> target(b, Set.of("aws.eventbridge"))).orElseGet(this::defaultBus));
    List<String> targets = new ArrayList<>();
    for (YNode t : Nodes.items(r.props, "Targets")) {
      Optional<YNode> arn = Nodes.get(t, "Arn");
      if (arn.isEmpty()) {
        continue;
      }
      Optional<String> to = target(arn.get(), ALL_FAMILIES);
      if (to.isEmpty()) {
        continue;
      }
      targets.add(to.get());
      if (schedule.isPresent()) {
        g.node(to.get()).ifPresent(n -> n.schedules.add(schedule.get()));
      } else {
        Edge e = edge(bus.get(), to.get(), Invoke.ASYNC, "rule " + r.id, r.pos);
        filter(e, Nodes.get(r.props, "EventPattern").isPresent(), "event pattern");
      }
    }
    skipReasons.put(r.id, targets.isEmpty() ? "rule whose targets are outside this template"
        : schedule.map(s -> "scheduled rule (" + s + "); became the traffic of " + String.join(", ", targets))
            .orElse("rule; became calls from " + bus.orElse("its bus") + " to " + String.join(", ", targets)));
  }

  // ---------------------------------------------------------------- inferred calls

  private void readRoles() {
    for (Res r : res.values()) {
      if (r.type.equals("AWS::IAM::Role")) {
        List<Permissions.Grant> grants = roleGrants.computeIfAbsent(r.id, k -> new ArrayList<>());
        for (YNode p : Nodes.items(r.props, "Policies")) {
          String name = Nodes.text(p, "PolicyName").orElse("inline policy");
          Nodes.map(p, "PolicyDocument").flatMap(d -> Nodes.get(d, "Statement"))
              .ifPresent(st -> grants.addAll(perms.fromStatements(st, "role " + r.id + " policy " + name)));
        }
      }
    }
    for (Res r : res.values()) {
      if (r.type.equals("AWS::IAM::Policy") || r.type.equals("AWS::IAM::ManagedPolicy") || r.type.equals("AWS::IAM::RolePolicy")) {
        Optional<YNode> st = Nodes.map(r.props, "PolicyDocument").flatMap(d -> Nodes.get(d, "Statement"));
        if (st.isEmpty()) {
          continue;
        }
        List<Permissions.Grant> grants = perms.fromStatements(st.get(), "policy " + r.id);
        List<YNode> roles = new ArrayList<>(Nodes.items(r.props, "Roles"));
        Nodes.get(r.props, "RoleName").ifPresent(roles::add);
        for (YNode role : roles) {
          for (String id : ix.mentions(role)) {
            roleGrants.computeIfAbsent(id, k -> new ArrayList<>()).addAll(grants);
          }
        }
      }
    }
  }

  private List<Permissions.Grant> grantsOfRole(YNode roleRef) {
    List<Permissions.Grant> out = new ArrayList<>();
    for (String id : ix.mentions(roleRef)) {
      out.addAll(roleGrants.getOrDefault(id, List.of()));
    }
    return out;
  }

  private static final Set<String> READS = Set.of("read", "read_strong", "query", "query_strong", "scan", "transact_read");

  /**
   * One inferred call per target and direction: a role allowed GetItem, Query and Scan on a
   * table makes one read call (not three), PutItem and DeleteItem one write call.
   */
  static List<Permissions.Grant> collapse(List<Permissions.Grant> grants) {
    Map<String, List<Permissions.Grant>> byKey = new LinkedHashMap<>();
    for (Permissions.Grant gr : grants) {
      String direction = gr.family().equals("aws.dynamodb") ? (READS.contains(gr.op()) ? "r" : "w") : gr.op();
      byKey.computeIfAbsent(gr.target() + "|" + direction, k -> new ArrayList<>()).add(gr);
    }
    List<Permissions.Grant> out = new ArrayList<>();
    for (List<Permissions.Grant> group : byKey.values()) {
      Permissions.Grant first = group.get(0);
      Set<String> ops = new LinkedHashSet<>();
      Map<String, List<String>> actionsBySource = new LinkedHashMap<>();
      for (Permissions.Grant gr : group) {
        ops.add(gr.op());
        String origin = gr.origin();
        int paren = origin.lastIndexOf(" (");
        String source = paren > 0 && origin.endsWith(")") ? origin.substring(0, paren) : origin;
        String action = paren > 0 && origin.endsWith(")") ? origin.substring(paren + 2, origin.length() - 1) : "";
        List<String> actions = actionsBySource.computeIfAbsent(source, k -> new ArrayList<>());
        if (!action.isEmpty() && !actions.contains(action)) {
          actions.add(action);
        }
      }
      String op = ops.size() == 1 ? first.op() : READS.contains(first.op()) ? "read" : "write";
      List<String> origins = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : actionsBySource.entrySet()) {
        origins.add(e.getValue().isEmpty() ? e.getKey() : e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
      }
      out.add(new Permissions.Grant(first.target(), first.family(), op, String.join(", ", origins)));
    }
    return out;
  }

  private void infer(Res r) {
    boolean fn = r.type.equals("AWS::Serverless::Function") || r.type.equals("AWS::Lambda::Function");
    boolean sm = r.type.equals("AWS::Serverless::StateMachine") || r.type.equals("AWS::StepFunctions::StateMachine");
    if (!fn && !sm) {
      return;
    }
    List<Permissions.Grant> grants = new ArrayList<>();
    if (r.type.startsWith("AWS::Serverless::")) {
      Nodes.get(r.props, "Policies").ifPresent(p -> grants.addAll(perms.fromSamPolicies(p)));
    }
    Nodes.get(r.props, fn ? "Role" : r.type.equals("AWS::Serverless::StateMachine") ? "Role" : "RoleArn").ifPresent(role -> grants.addAll(grantsOfRole(role)));
    Set<String> triggers = new HashSet<>();
    for (Edge e : g.into(r.id)) {
      triggers.add(e.from);
    }
    for (Permissions.Grant gr : collapse(grants)) {
      if (triggers.contains(gr.target()) && !gr.family().equals("aws.dynamodb")) {
        continue; // permission to its own trigger (e.g. re-queueing): not a regular call
      }
      Edge e = new Edge(r.id, gr.target(), Invoke.SYNC, "inferred from " + gr.origin(), r.pos);
      if (!gr.op().isEmpty()) {
        e.op = Optional.of(gr.op());
      }
      e.inferred = true;
      g.connect(e);
    }
    if (!fn) {
      return;
    }
    Optional<YMap> vars = Nodes.map(r.props, "Environment").flatMap(env -> Nodes.map(env, "Variables"));
    for (YEntry v : vars.map(YMap::entries).orElse(List.of())) {
      for (String t : perms.targets(v.value(), ALL_FAMILIES)) {
        if (t.equals(r.id) || triggers.contains(t)) {
          continue;
        }
        boolean already = g.edges.stream().anyMatch(e -> e.from.equals(r.id) && e.to.equals(t));
        Node target = g.node(t).orElse(null);
        if (already) {
          g.edges.stream().filter(e -> e.from.equals(r.id) && e.to.equals(t)).forEach(e -> {
            if (!e.origins.contains("environment variable " + v.key())) {
              e.origins.add("environment variable " + v.key());
            }
          });
          continue;
        }
        if (target == null || target.type.startsWith("aws.apigateway") || target.type.equals("aws.scheduler")) {
          continue; // an API's URL in the environment: calls to it are outside the model's knowledge
        }
        Edge e = new Edge(r.id, t, Invoke.SYNC, "inferred from environment variable " + v.key(), v.keyPos());
        switch (target.type) {
          case "aws.dynamodb" -> e.op = Optional.of("read");
          case "aws.s3" -> e.op = Optional.of("get");
          default -> {
            // sends, publishes, invokes: no op
          }
        }
        e.inferred = true;
        g.connect(e);
      }
    }
  }
}
