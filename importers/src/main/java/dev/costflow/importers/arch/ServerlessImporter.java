package dev.costflow.importers.arch;

import dev.costflow.model.Problems;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import dev.costflow.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a Serverless Framework service (serverless.yml) into the CloudFormation / SAM
 * template the framework would deploy — functions with their provider defaults and events,
 * the REST / HTTP / WebSocket APIs, topics, buckets and buses the events create, and the
 * {@code resources:} section as it is — and hands it to the CloudFormation importer. Logical ids
 * follow the framework's naming ({@code HelloLambdaFunction}, {@code ApiGatewayRestApi}), so the
 * model's {@code aws:cloudformation:logical-id} tags match the deployed stack.
 */
final class ServerlessImporter {
  /** The translated template, the service ids to use (function keys) and the stack name. */
  record Translation(YMap template, Map<String, String> preferredIds, String stackName, String service, String region, String stage) {}

  private final Problems problems;
  private final String displayName;
  private final Map<String, YEntry> resources = new LinkedHashMap<>();
  private final Map<String, String> preferredIds = new LinkedHashMap<>();
  private Position at;

  private ServerlessImporter(Problems problems, String displayName) {
    this.problems = problems;
    this.displayName = displayName;
  }

  /**
   * @param options command-line options: {@code stage}, {@code region} and any {@code --opt key=value}
   */
  static Translation translate(YNode file, String displayName, Path baseDir, Map<String, String> options, Problems problems) {
    return new ServerlessImporter(problems, displayName).run(file, baseDir, options);
  }

  private Translation run(YNode file, Path baseDir, Map<String, String> cliOptions) {
    at = file.pos();
    if (!(file instanceof YMap raw)) {
      problems.error(file.pos(), "serverless.yml is a mapping with service, provider and functions, got " + file.describe());
      return empty();
    }
    YMap provider0 = Nodes.map(raw, "provider").orElse(Nodes.emptyMap(raw.pos()));
    Map<String, String> options = new LinkedHashMap<>(cliOptions);
    // stage and region: the command line, else the provider's (which may themselves be variables)
    Map<String, String> early = new LinkedHashMap<>(options);
    ServerlessVariables pre = new ServerlessVariables(raw, early, baseDir, displayName, new Problems());
    if (!options.containsKey("stage")) {
      options.put("stage", Nodes.get(provider0, "stage").map(s -> textOf(pre, s)).filter(s -> !s.contains("${")).orElse("dev"));
    }
    if (!options.containsKey("region")) {
      options.put("region", Nodes.get(provider0, "region").map(s -> textOf(pre, s)).filter(s -> !s.contains("${")).orElse("us-east-1"));
    }
    YNode resolvedTree = new ServerlessVariables(raw, options, baseDir, displayName, problems).resolveAll();
    if (!(resolvedTree instanceof YMap root)) {
      return empty();
    }
    YMap provider = Nodes.map(root, "provider").orElse(Nodes.emptyMap(root.pos()));
    String providerName = Nodes.text(provider, "name").orElse("aws");
    if (!providerName.equals("aws")) {
      problems.error(Nodes.get(provider, "name").map(YNode::pos).orElse(root.pos()), "provider.name: only the aws provider can be imported, got '" + providerName + "'");
      return empty();
    }
    Optional<YNode> serviceNode = Nodes.get(root, "service");
    String service = serviceNode.flatMap(s -> s instanceof YMap m ? Nodes.text(m, "name") : Nodes.text(s)).orElse("");
    if (service.isBlank()) {
      problems.error(serviceNode.map(YNode::pos).orElse(root.pos()), "service: a serverless.yml names its service (service: my-service)");
      return empty();
    }
    String stage = options.get("stage");
    String region = options.get("region");

    Optional<YMap> functions = Nodes.map(root, "functions");
    if (functions.isEmpty() && Nodes.get(root, "functions").isPresent()) {
      problems.error(Nodes.get(root, "functions").get().pos(), "functions: must be a mapping of function names to functions");
    }
    for (YEntry f : functions.map(YMap::entries).orElse(List.of())) {
      function(f, provider, service, stage);
    }
    // resources: (a mapping, or a list of them) — the framework merges them into its template
    List<YEntry> conditions = new ArrayList<>();
    List<YEntry> mappings = new ArrayList<>();
    List<YEntry> parameters = new ArrayList<>();
    for (YNode part : Nodes.items(root, "resources")) {
      for (YEntry r : Nodes.map(part, "Resources").map(YMap::entries).orElse(List.of())) {
        resources.put(r.key(), r);
      }
      Nodes.map(part, "Conditions").ifPresent(c -> conditions.addAll(c.entries()));
      Nodes.map(part, "Mappings").ifPresent(c -> mappings.addAll(c.entries()));
      Nodes.map(part, "Parameters").ifPresent(c -> parameters.addAll(c.entries()));
      for (YEntry ext : Nodes.map(part, "extensions").map(YMap::entries).orElse(List.of())) {
        YEntry base = resources.get(ext.key());
        if (base == null) {
          problems.warning(ext.keyPos(), "resources.extensions." + ext.key() + ": no such resource in the generated template; ignored");
          continue;
        }
        resources.put(ext.key(), new YEntry(base.key(), base.keyPos(), CloudFormationImporter.merge(base.value(), ext.value())));
      }
    }
    List<YEntry> top = new ArrayList<>();
    top.add(new YEntry("AWSTemplateFormatVersion", root.pos(), Nodes.str("2010-09-09", root.pos())));
    top.add(new YEntry("Transform", root.pos(), Nodes.str("AWS::Serverless-2016-10-31", root.pos())));
    if (!parameters.isEmpty()) {
      top.add(new YEntry("Parameters", root.pos(), new YMap(parameters, root.pos())));
    }
    if (!mappings.isEmpty()) {
      top.add(new YEntry("Mappings", root.pos(), new YMap(mappings, root.pos())));
    }
    if (!conditions.isEmpty()) {
      top.add(new YEntry("Conditions", root.pos(), new YMap(conditions, root.pos())));
    }
    top.add(new YEntry("Resources", root.pos(), new YMap(new ArrayList<>(resources.values()), root.pos())));
    return new Translation(new YMap(top, root.pos()), preferredIds, service + "-" + stage, service, region, stage);
  }

  private static String textOf(ServerlessVariables v, YNode n) {
    return n instanceof YScalar s ? s.text() : "";
  }

  private Translation empty() {
    return new Translation(Nodes.emptyMap(at), Map.of(), "", "", "us-east-1", "dev");
  }

  /** The framework's function logical id: hello → HelloLambdaFunction, get-user → GetDashuserLambdaFunction. */
  static String functionLogicalId(String name) {
    return normalize(name.replace("-", "Dash").replace("_", "Underscore")) + "LambdaFunction";
  }

  static String normalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String alnum(String s) {
    return normalize(s.replaceAll("[^0-9A-Za-z]", ""));
  }

  private void put(String logicalId, String type, List<YEntry> props, Position pos) {
    if (resources.containsKey(logicalId)) {
      return;
    }
    YMap r = new YMap(List.of(new YEntry("Type", pos, Nodes.str(type, pos)), new YEntry("Properties", pos, new YMap(props, pos))), pos);
    resources.put(logicalId, new YEntry(logicalId, pos, r));
  }

  private static YEntry kv(String key, YNode value) {
    return new YEntry(key, value.pos(), value);
  }

  private static YMap ref(String logicalId, Position pos) {
    return Nodes.map1("Ref", Nodes.str(logicalId, pos), pos);
  }

  private void function(YEntry f, YMap provider, String service, String stage) {
    if (!(f.value() instanceof YMap fn)) {
      problems.error(f.value().pos(), "functions." + f.key() + ": a function is a mapping with handler (or image) and events, got " + f.value().describe());
      return;
    }
    String id = functionLogicalId(f.key());
    preferredIds.put(id, f.key());
    Position pos = f.keyPos();
    List<YEntry> props = new ArrayList<>();
    props.add(kv("FunctionName", Nodes.get(fn, "name").orElse(Nodes.str(service + "-" + stage + "-" + f.key(), pos))));
    Nodes.get(fn, "description").ifPresent(d -> props.add(kv("Description", d)));
    // provider defaults: memory 1024 MB and timeout 6 s are the framework's own defaults
    props.add(kv("MemorySize", Nodes.get(fn, "memorySize").or(() -> Nodes.get(provider, "memorySize")).orElse(YamlWriter.num(1024))));
    props.add(kv("Timeout", Nodes.get(fn, "timeout").or(() -> Nodes.get(provider, "timeout")).orElse(YamlWriter.num(6))));
    Nodes.get(fn, "architecture").or(() -> Nodes.get(provider, "architecture"))
        .ifPresent(a -> props.add(kv("Architectures", new YList(List.of(a), a.pos()))));
    Nodes.get(fn, "ephemeralStorageSize").or(() -> Nodes.get(provider, "ephemeralStorageSize"))
        .ifPresent(s -> props.add(kv("EphemeralStorage", Nodes.map1("Size", s, s.pos()))));
    Nodes.get(fn, "provisionedConcurrency")
        .ifPresent(c -> props.add(kv("ProvisionedConcurrencyConfig", Nodes.map1("ProvisionedConcurrentExecutions", c, c.pos()))));
    if (Nodes.get(fn, "url").filter(u -> !(u instanceof YScalar s && s.text().equals("false"))).isPresent()) {
      props.add(new YEntry("FunctionUrlConfig", pos, Nodes.map1("AuthType", Nodes.str("NONE", pos), pos)));
    }
    YMap env = (YMap) CloudFormationImporter.merge(Nodes.map(provider, "environment").orElse(Nodes.emptyMap(pos)), Nodes.map(fn, "environment").orElse(Nodes.emptyMap(pos)));
    if (!env.isEmpty()) {
      props.add(new YEntry("Environment", pos, Nodes.map1("Variables", env, env.pos())));
    }
    List<YNode> statements = new ArrayList<>();
    Nodes.map(provider, "iam").flatMap(i -> Nodes.map(i, "role")).ifPresent(r -> statements.addAll(Nodes.items(r, "statements")));
    statements.addAll(Nodes.items(provider, "iamRoleStatements"));
    statements.addAll(Nodes.items(fn, "iamRoleStatements"));
    if (!statements.isEmpty()) {
      props.add(new YEntry("Policies", pos, new YList(List.of(Nodes.map1("Statement", new YList(statements, pos), pos)), pos)));
    }
    YMap tags = (YMap) CloudFormationImporter.merge(Nodes.map(provider, "tags").orElse(Nodes.emptyMap(pos)), Nodes.map(fn, "tags").orElse(Nodes.emptyMap(pos)));
    if (!tags.isEmpty()) {
      props.add(new YEntry("Tags", pos, tags));
    }
    List<YEntry> events = new ArrayList<>();
    List<YNode> list = Nodes.items(fn, "events");
    for (int i = 0; i < list.size(); i++) {
      event(f.key(), id, i, list.get(i), events);
    }
    if (!events.isEmpty()) {
      props.add(new YEntry("Events", pos, new YMap(events, pos)));
    }
    YMap r = new YMap(List.of(new YEntry("Type", pos, Nodes.str("AWS::Serverless::Function", pos)), new YEntry("Properties", pos, new YMap(props, pos))), pos);
    resources.put(id, new YEntry(id, pos, r));
  }

  private void event(String fnName, String fnId, int index, YNode ev, List<YEntry> out) {
    if (!(ev instanceof YMap m) || m.entries().size() != 1) {
      problems.error(ev.pos(), "functions." + fnName + ".events[" + index + "]: an event is a mapping with one key (http, sqs, schedule …), got " + ev.describe());
      return;
    }
    YEntry e = m.entries().iterator().next();
    String type = e.key();
    YNode v = e.value();
    Position pos = e.keyPos();
    String name = "Event" + index + normalize(type);
    List<YEntry> p = new ArrayList<>();
    String samType;
    switch (type) {
      case "http" -> {
        samType = "Api";
        put("ApiGatewayRestApi", "AWS::ApiGateway::RestApi", List.of(), pos);
        p.add(kv("RestApiId", ref("ApiGatewayRestApi", pos)));
        route(v, p, "/");
      }
      case "httpApi" -> {
        samType = "HttpApi";
        put("HttpApi", "AWS::ApiGatewayV2::Api", List.of(new YEntry("ProtocolType", pos, Nodes.str("HTTP", pos))), pos);
        p.add(kv("ApiId", ref("HttpApi", pos)));
        route(v, p, "*");
      }
      case "websocket" -> {
        put("WebsocketsApi", "AWS::ApiGatewayV2::Api", List.of(new YEntry("ProtocolType", pos, Nodes.str("WEBSOCKET", pos))), pos);
        String integ = fnId.replace("LambdaFunction", "") + "WebsocketsIntegration";
        put(integ, "AWS::ApiGatewayV2::Integration", List.of(kv("ApiId", ref("WebsocketsApi", pos)),
            new YEntry("IntegrationUri", pos, Nodes.map1("Fn::Sub", Nodes.str("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" + fnId + ".Arn}/invocations", pos), pos))), pos);
        return;
      }
      case "sqs" -> {
        samType = "SQS";
        p.add(kv("Queue", v instanceof YMap q ? Nodes.get(q, "arn").orElse(v) : v));
        if (v instanceof YMap q) {
          Nodes.get(q, "batchSize").ifPresent(b -> p.add(kv("BatchSize", b)));
          Nodes.get(q, "maximumBatchingWindow").ifPresent(b -> p.add(kv("MaximumBatchingWindowInSeconds", b)));
          Nodes.get(q, "enabled").ifPresent(b -> p.add(kv("Enabled", b)));
          Nodes.get(q, "filterPatterns").ifPresent(b -> p.add(kv("FilterCriteria", Nodes.map1("Filters", b, b.pos()))));
        }
      }
      case "sns" -> {
        samType = "SNS";
        YNode topic;
        Optional<YNode> arn = v instanceof YMap s ? Nodes.get(s, "arn") : Optional.empty();
        Optional<String> topicName = v instanceof YMap s ? Nodes.text(s, "topicName") : Nodes.text(v).filter(t -> !t.startsWith("arn:"));
        if (arn.isPresent()) {
          topic = arn.get();
        } else if (topicName.isPresent()) {
          String tid = "SNSTopic" + alnum(topicName.get());
          put(tid, "AWS::SNS::Topic", List.of(new YEntry("TopicName", pos, Nodes.str(topicName.get(), pos))), pos);
          topic = ref(tid, pos);
        } else {
          topic = v;
        }
        p.add(kv("Topic", topic));
        if (v instanceof YMap s) {
          Nodes.get(s, "filterPolicy").ifPresent(f -> p.add(kv("FilterPolicy", f)));
        }
      }
      case "stream" -> {
        Optional<YNode> arn = v instanceof YMap s ? Nodes.get(s, "arn") : Optional.of(v);
        if (arn.isEmpty()) {
          problems.warning(pos, "functions." + fnName + ".events[" + index + "].stream: no arn; ignored");
          return;
        }
        String kind = v instanceof YMap s ? Nodes.text(s, "type").orElse("") : "";
        String arnText = Nodes.allTexts(arn.get()).toString();
        boolean dynamo = kind.equals("dynamodb") || (kind.isEmpty() && (arnText.contains(":dynamodb:") || arnText.contains("StreamArn")));
        samType = dynamo ? "DynamoDB" : "Kinesis";
        p.add(kv("Stream", arn.get()));
        if (v instanceof YMap s) {
          Nodes.get(s, "batchSize").ifPresent(b -> p.add(kv("BatchSize", b)));
          Nodes.get(s, "batchWindow").or(() -> Nodes.get(s, "maximumBatchingWindow")).ifPresent(b -> p.add(kv("MaximumBatchingWindowInSeconds", b)));
          Nodes.get(s, "enabled").ifPresent(b -> p.add(kv("Enabled", b)));
          Nodes.get(s, "filterPatterns").ifPresent(b -> p.add(kv("FilterCriteria", Nodes.map1("Filters", b, b.pos()))));
        }
      }
      case "schedule" -> {
        List<YNode> rates = v instanceof YMap s ? Nodes.items(s, "rate") : List.of(v);
        boolean enabled = !(v instanceof YMap s) || Nodes.bool(s, "enabled").orElse(true);
        for (int k = 0; k < rates.size(); k++) {
          out.add(new YEntry(name + (rates.size() > 1 ? "Rate" + k : ""), pos, samEvent("Schedule",
              List.of(kv("Schedule", rates.get(k)), new YEntry("Enabled", pos, YamlWriter.bool(enabled))), pos)));
        }
        return;
      }
      case "eventBridge" -> {
        if (!(v instanceof YMap eb)) {
          problems.warning(pos, "functions." + fnName + ".events[" + index + "].eventBridge: expected a mapping; ignored");
          return;
        }
        if (Nodes.get(eb, "schedule").isPresent()) {
          samType = "Schedule";
          p.add(kv("Schedule", Nodes.get(eb, "schedule").get()));
        } else {
          samType = "EventBridgeRule";
          Optional<YNode> bus = Nodes.get(eb, "eventBus");
          if (bus.isPresent()) {
            Optional<String> busName = Nodes.text(bus.get()).filter(b -> !b.startsWith("arn:") && !b.equals("default"));
            if (busName.isPresent()) {
              String bid = "EventBridgeEventBus" + alnum(busName.get());
              put(bid, "AWS::Events::EventBus", List.of(new YEntry("Name", pos, Nodes.str(busName.get(), pos))), pos);
              p.add(kv("EventBusName", ref(bid, pos)));
            } else {
              p.add(kv("EventBusName", bus.get()));
            }
          }
          Nodes.get(eb, "pattern").ifPresent(pt -> p.add(kv("Pattern", pt)));
        }
        Nodes.get(eb, "enabled").ifPresent(b -> p.add(kv("Enabled", b)));
      }
      case "cloudwatchEvent" -> {
        samType = "CloudWatchEvent";
        if (v instanceof YMap c) {
          Nodes.get(c, "event").ifPresent(pt -> p.add(kv("Pattern", pt)));
          Nodes.get(c, "enabled").ifPresent(b -> p.add(kv("Enabled", b)));
        }
      }
      case "s3" -> {
        samType = "S3";
        String bucket = v instanceof YMap s ? Nodes.text(s, "bucket").orElse("") : Nodes.text(v).orElse("");
        boolean existing = v instanceof YMap s && Nodes.bool(s, "existing").orElse(false);
        if (bucket.isBlank()) {
          problems.warning(pos, "functions." + fnName + ".events[" + index + "].s3: no bucket; ignored");
          return;
        }
        if (existing) {
          p.add(new YEntry("Bucket", pos, Nodes.str("arn:aws:s3:::" + bucket, pos)));
        } else {
          String bid = "S3Bucket" + alnum(bucket);
          put(bid, "AWS::S3::Bucket", List.of(new YEntry("BucketName", pos, Nodes.str(bucket, pos))), pos);
          p.add(kv("Bucket", ref(bid, pos)));
        }
        if (v instanceof YMap s) {
          Nodes.get(s, "event").ifPresent(ev2 -> p.add(kv("Events", ev2)));
          Nodes.get(s, "rules").ifPresent(rules -> p.add(kv("Filter", rules)));
        }
      }
      case "cloudwatchLog" -> samType = "CloudWatchLogs";
      case "alexaSkill", "alexaSmartHome" -> samType = "AlexaSkill";
      case "iot", "iotFleetProvisioning" -> samType = "IoTRule";
      case "cognitoUserPool" -> samType = "Cognito";
      case "alb" -> samType = "ALB";
      case "msk", "kafka" -> samType = "MSK";
      case "activemq", "rabbitmq" -> samType = "MQ";
      case "kinesis" -> {
        samType = "Kinesis";
        p.add(kv("Stream", v instanceof YMap s ? Nodes.get(s, "arn").orElse(v) : v));
      }
      default -> {
        problems.warning(pos, "functions." + fnName + ".events[" + index + "]: event type '" + type + "' is not known; ignored");
        return;
      }
    }
    out.add(new YEntry(name, pos, samEvent(samType, p, pos)));
  }

  private static YMap samEvent(String type, List<YEntry> props, Position pos) {
    return new YMap(List.of(new YEntry("Type", pos, Nodes.str(type, pos)), new YEntry("Properties", pos, new YMap(props, pos))), pos);
  }

  /** http: "GET path" or {method, path}; httpApi: "*" or "GET /path" or {method, path}. */
  private static void route(YNode v, List<YEntry> p, String anyPath) {
    if (v instanceof YScalar s) {
      String[] parts = s.text().strip().split("\\s+", 2);
      if (parts.length == 2) {
        p.add(new YEntry("Method", s.pos(), Nodes.str(parts[0].toUpperCase(Locale.ROOT), s.pos())));
        p.add(new YEntry("Path", s.pos(), Nodes.str(parts[1].startsWith("/") ? parts[1] : "/" + parts[1], s.pos())));
      } else {
        p.add(new YEntry("Method", s.pos(), Nodes.str("ANY", s.pos())));
        p.add(new YEntry("Path", s.pos(), Nodes.str(anyPath, s.pos())));
      }
      return;
    }
    Nodes.text(v, "method").ifPresent(m -> p.add(new YEntry("Method", v.pos(), Nodes.str(m.toUpperCase(Locale.ROOT), v.pos()))));
    Nodes.text(v, "path").ifPresent(path -> p.add(new YEntry("Path", v.pos(), Nodes.str(path.startsWith("/") ? path : "/" + path, v.pos()))));
  }
}
