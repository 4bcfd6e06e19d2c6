package dev.costflow.importers.arch;

import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an API Gateway integration calls: a Lambda function ({@code …:lambda:path/…/functions/ARN/invocations}),
 * or an AWS service directly ({@code arn:aws:apigateway:REGION:sqs:path/…}, {@code dynamodb:action/PutItem},
 * HTTP API first-class integrations such as {@code SQS-SendMessage}). Used for OpenAPI
 * {@code x-amazon-apigateway-integration} objects, {@code AWS::ApiGateway::Method} and
 * {@code AWS::ApiGatewayV2::Integration}.
 */
final class Integrations {
  /** A target of an integration with the op of the call. */
  record Target(String logicalId, String op, String how) {}

  private static final Pattern SERVICE_URI = Pattern.compile("^arn:[a-z-]+:apigateway:[^:]*:([a-z0-9-]+):(path|action)/(.*)$");
  private static final Pattern DDB_ACTION = Pattern.compile("(?i)^(GetItem|BatchGetItem|Query|Scan|PutItem|UpdateItem|BatchWriteItem|DeleteItem|TransactWriteItems|TransactGetItems)");

  private final Intrinsics ix;
  private final Permissions permissions;
  private final java.util.function.Supplier<String> defaultBus;

  Integrations(Intrinsics ix, Permissions permissions, java.util.function.Supplier<String> defaultBus) {
    this.ix = ix;
    this.permissions = permissions;
    this.defaultBus = defaultBus;
  }

  /**
   * @param uri the resolved integration URI (may be absent)
   * @param subtype an HTTP API integration subtype ({@code SQS-SendMessage}), or empty
   * @param details request parameters and templates, where service integrations name their target
   * @param credentialGrants what the integration's role may call (a fallback for the target)
   * @param httpMethod the API method (for S3 path integrations)
   */
  List<Target> targets(Optional<YNode> uri, String subtype, List<YNode> details, List<Permissions.Grant> credentialGrants, String httpMethod) {
    List<Target> out = new ArrayList<>();
    String u = uri.map(ix::asText).orElse("");
    if (!subtype.isBlank()) {
      return subtypeTargets(subtype, details, credentialGrants);
    }
    if (u.contains(":lambda:path/")) {
      Set<String> fns = permissions.targets(uri.get(), Set.of("aws.lambda"));
      for (String f : fns) {
        out.add(new Target(f, "", "Lambda integration"));
      }
      return out;
    }
    Matcher m = SERVICE_URI.matcher(u);
    if (m.matches()) {
      String service = m.group(1);
      String rest = m.group(3);
      return serviceTargets(service, m.group(2), rest, uri.get(), details, credentialGrants, httpMethod);
    }
    if (uri.isPresent()) {
      // e.g. an HTTP proxy to a queue URL (Ref of a queue): whatever the URI names
      for (String id : ix.mentions(uri.get())) {
        out.add(new Target(id, "", "integration URI"));
      }
    }
    return out;
  }

  private List<Target> serviceTargets(String service, String style, String rest, YNode uri, List<YNode> details, List<Permissions.Grant> grants, String httpMethod) {
    String family = switch (service) {
      case "sqs" -> "aws.sqs";
      case "sns" -> "aws.sns";
      case "dynamodb" -> "aws.dynamodb";
      case "states" -> "aws.stepfunctions";
      case "events" -> "aws.eventbridge";
      case "kinesis" -> "aws.kinesis";
      case "firehose" -> "aws.firehose";
      case "s3" -> "aws.s3";
      case "lambda" -> "aws.lambda";
      default -> "";
    };
    if (family.isEmpty()) {
      return List.of();
    }
    String op = "";
    if (family.equals("aws.dynamodb")) {
      Matcher a = DDB_ACTION.matcher(style.equals("action") ? rest : "");
      op = a.find() ? ddbOp(a.group(1)) : "read";
    } else if (family.equals("aws.s3")) {
      op = httpMethod.equalsIgnoreCase("GET") || httpMethod.equalsIgnoreCase("HEAD") ? "get" : "put";
    } else if (family.equals("aws.sqs") && style.equals("action") && !rest.toLowerCase(Locale.ROOT).startsWith("sendmessage")) {
      return List.of(); // ReceiveMessage, DeleteMessage …: not a message sent
    }
    Set<String> found = new LinkedHashSet<>(permissions.targets(uri, Set.of(family)));
    if (family.equals("aws.sqs") && style.equals("path")) {
      // path/ACCOUNT/QUEUE
      String[] parts = rest.split("/");
      if (parts.length >= 2) {
        found.addAll(permissions.targets(Nodes.str(parts[parts.length - 1], uri.pos()), Set.of(family)));
      }
    }
    if (family.equals("aws.s3") && style.equals("path")) {
      String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
      found.addAll(permissions.targets(Nodes.str(bucket, uri.pos()), Set.of(family)));
    }
    if (found.isEmpty()) {
      for (YNode d : details) {
        found.addAll(permissions.targets(d, Set.of(family)));
        for (String text : Nodes.allTexts(d)) {
          found.addAll(namesInTemplate(text, family));
        }
      }
    }
    if (found.isEmpty() && family.equals("aws.eventbridge")) {
      found.add(defaultBus.get());
    }
    if (found.isEmpty()) {
      Set<String> byRole = new LinkedHashSet<>();
      for (Permissions.Grant g : grants) {
        if (g.family().equals(family)) {
          byRole.add(g.target());
        }
      }
      if (byRole.size() == 1) {
        found.addAll(byRole);
      }
    }
    List<Target> out = new ArrayList<>();
    for (String id : found) {
      out.add(new Target(id, op, service + " service integration"));
    }
    return out;
  }

  /** Names inside a request mapping template ({@code "TableName": "orders"}) that name a resource of the family. */
  private Set<String> namesInTemplate(String text, String family) {
    String key = switch (family) {
      case "aws.dynamodb" -> "TableName";
      case "aws.sqs" -> "QueueUrl";
      case "aws.sns" -> "TopicArn";
      case "aws.stepfunctions" -> "stateMachineArn";
      case "aws.eventbridge" -> "EventBusName";
      case "aws.kinesis" -> "StreamName";
      case "aws.firehose" -> "DeliveryStreamName";
      default -> "";
    };
    Set<String> out = new LinkedHashSet<>();
    if (key.isEmpty()) {
      return out;
    }
    Matcher m = Pattern.compile("(?i)\"?" + key + "\"?\\s*[:=]\\s*\"?([^\",}\\s]+)").matcher(text);
    while (m.find()) {
      out.addAll(permissions.targets(Nodes.str(m.group(1), dev.costflow.yaml.Position.of("template")), Set.of(family)));
    }
    return out;
  }

  private List<Target> subtypeTargets(String subtype, List<YNode> details, List<Permissions.Grant> grants) {
    String s = subtype.toLowerCase(Locale.ROOT);
    String family;
    String param;
    if (s.equals("sqs-sendmessage")) {
      family = "aws.sqs";
      param = "QueueUrl";
    } else if (s.equals("eventbridge-putevents")) {
      family = "aws.eventbridge";
      param = "EventBusName";
    } else if (s.startsWith("stepfunctions-start")) {
      family = "aws.stepfunctions";
      param = "StateMachineArn";
    } else if (s.equals("kinesis-putrecord")) {
      family = "aws.kinesis";
      param = "StreamName";
    } else {
      return List.of(); // SQS-ReceiveMessage, AppConfig-GetConfiguration …
    }
    Set<String> found = new LinkedHashSet<>();
    for (YNode d : details) {
      if (d instanceof YMap m) {
        for (YEntry e : m.entries()) {
          if (e.key().equalsIgnoreCase(param)) {
            found.addAll(permissions.targets(e.value(), Set.of(family)));
          }
        }
      }
    }
    if (found.isEmpty() && family.equals("aws.eventbridge")) {
      found.add(defaultBus.get());
    }
    if (found.isEmpty()) {
      Set<String> byRole = new LinkedHashSet<>();
      for (Permissions.Grant g : grants) {
        if (g.family().equals(family)) {
          byRole.add(g.target());
        }
      }
      if (byRole.size() == 1) {
        found.addAll(byRole);
      }
    }
    List<Target> out = new ArrayList<>();
    for (String id : found) {
      out.add(new Target(id, "", subtype + " integration"));
    }
    return out;
  }

  static String ddbOp(String action) {
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "getitem", "batchgetitem" -> "read";
      case "query" -> "query";
      case "scan" -> "scan";
      case "putitem", "updateitem", "batchwriteitem" -> "write";
      case "deleteitem" -> "delete";
      case "transactwriteitems" -> "transact_write";
      case "transactgetitems" -> "transact_read";
      default -> "read";
    };
  }
}
