package dev.costflow.importers.arch;

import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a function (or state machine) is allowed to call, read from SAM policy templates
 * ({@code DynamoDBCrudPolicy: {TableName: !Ref Orders}}) and IAM statements (inline, on its role,
 * or in policies attached to the role). Each grant becomes a call marked for review: a permission
 * says a call is possible, not how often it happens.
 */
final class Permissions {
  /** One permitted call: the target resource, the costflow op ("" when the target takes none) and where it was read. */
  record Grant(String target, String family, String op, String origin) {}

  /** A SAM policy template: the family it grants access to, its name parameter and the ops it allows. */
  private record PolicyTemplate(String family, String parameter, List<String> ops) {}

  private static final Map<String, PolicyTemplate> SAM_TEMPLATES = new LinkedHashMap<>();

  static {
    SAM_TEMPLATES.put("DynamoDBCrudPolicy", new PolicyTemplate("aws.dynamodb", "TableName", List.of("read", "write")));
    SAM_TEMPLATES.put("DynamoDBReadPolicy", new PolicyTemplate("aws.dynamodb", "TableName", List.of("read")));
    SAM_TEMPLATES.put("DynamoDBWritePolicy", new PolicyTemplate("aws.dynamodb", "TableName", List.of("write")));
    SAM_TEMPLATES.put("SQSSendMessagePolicy", new PolicyTemplate("aws.sqs", "QueueName", List.of("")));
    SAM_TEMPLATES.put("SNSPublishMessagePolicy", new PolicyTemplate("aws.sns", "TopicName", List.of("")));
    SAM_TEMPLATES.put("SNSCrudPolicy", new PolicyTemplate("aws.sns", "TopicName", List.of("")));
    SAM_TEMPLATES.put("S3ReadPolicy", new PolicyTemplate("aws.s3", "BucketName", List.of("get")));
    SAM_TEMPLATES.put("S3WritePolicy", new PolicyTemplate("aws.s3", "BucketName", List.of("put")));
    SAM_TEMPLATES.put("S3CrudPolicy", new PolicyTemplate("aws.s3", "BucketName", List.of("get", "put")));
    SAM_TEMPLATES.put("S3FullAccessPolicy", new PolicyTemplate("aws.s3", "BucketName", List.of("get", "put")));
    SAM_TEMPLATES.put("LambdaInvokePolicy", new PolicyTemplate("aws.lambda", "FunctionName", List.of("")));
    SAM_TEMPLATES.put("StepFunctionsExecutionPolicy", new PolicyTemplate("aws.stepfunctions", "StateMachineName", List.of("")));
    SAM_TEMPLATES.put("EventBridgePutEventsPolicy", new PolicyTemplate("aws.eventbridge", "EventBusName", List.of("")));
    SAM_TEMPLATES.put("KinesisCrudPolicy", new PolicyTemplate("aws.kinesis", "StreamName", List.of("")));
    SAM_TEMPLATES.put("FirehoseWritePolicy", new PolicyTemplate("aws.firehose", "DeliveryStreamName", List.of("")));
    SAM_TEMPLATES.put("FirehoseCrudPolicy", new PolicyTemplate("aws.firehose", "DeliveryStreamName", List.of("")));
  }

  /** IAM actions that make calls, by service prefix: action → (family, op). */
  private static final Map<String, Map<String, String>> ACTIONS = new LinkedHashMap<>();

  static {
    Map<String, String> ddb = new LinkedHashMap<>();
    ddb.put("GetItem", "read");
    ddb.put("BatchGetItem", "read");
    ddb.put("ConditionCheckItem", "read");
    ddb.put("Query", "query");
    ddb.put("Scan", "scan");
    ddb.put("PutItem", "write");
    ddb.put("UpdateItem", "write");
    ddb.put("BatchWriteItem", "write");
    ddb.put("DeleteItem", "delete");
    ddb.put("TransactWriteItems", "transact_write");
    ddb.put("TransactGetItems", "transact_read");
    ACTIONS.put("dynamodb", ddb);
    ACTIONS.put("sqs", ordered("SendMessage", "", "SendMessageBatch", ""));
    ACTIONS.put("sns", ordered("Publish", "", "PublishBatch", ""));
    ACTIONS.put("lambda", ordered("InvokeFunction", "", "InvokeAsync", ""));
    ACTIONS.put("states", ordered("StartExecution", "", "StartSyncExecution", ""));
    ACTIONS.put("events", ordered("PutEvents", ""));
    ACTIONS.put("s3", ordered("GetObject", "get", "PutObject", "put"));
    ACTIONS.put("kinesis", ordered("PutRecord", "", "PutRecords", ""));
    ACTIONS.put("firehose", ordered("PutRecord", "", "PutRecordBatch", ""));
  }

  /** A map that keeps the order its entries are given in (Map.of does not: imports must not depend on the JVM run). */
  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static final Map<String, String> FAMILY_OF_PREFIX = Map.of(
      "dynamodb", "aws.dynamodb", "sqs", "aws.sqs", "sns", "aws.sns", "lambda", "aws.lambda", "states", "aws.stepfunctions",
      "events", "aws.eventbridge", "s3", "aws.s3", "kinesis", "aws.kinesis", "firehose", "aws.firehose");

  private final Intrinsics ix;
  private final Names names;
  /** Resource logical id → its costflow family (only resources that become services). */
  private final Function<String, Optional<String>> familyOf;
  /** Notes about permissions that could not be traced (wildcards), per principal. */
  final List<String> untraced = new ArrayList<>();

  Permissions(Intrinsics ix, Names names, Function<String, Optional<String>> familyOf) {
    this.ix = ix;
    this.names = names;
    this.familyOf = familyOf;
  }

  /** Grants of a SAM {@code Policies} value (a name, a list of names / templates / statements, or a document). */
  List<Grant> fromSamPolicies(YNode policies) {
    List<Grant> out = new ArrayList<>();
    for (YNode p : Nodes.items(policies)) {
      if (!(p instanceof YMap m)) {
        continue; // a managed policy name or ARN: grants nothing traceable to this template
      }
      if (m.get("Statement").isPresent()) {
        out.addAll(fromStatements(m.get("Statement").get(), "policy statement"));
        continue;
      }
      for (YEntry e : m.entries()) {
        PolicyTemplate t = SAM_TEMPLATES.get(e.key());
        if (t == null) {
          continue;
        }
        Optional<YNode> param = Nodes.get(e.value(), t.parameter());
        if (param.isEmpty()) {
          continue;
        }
        for (String target : targets(param.get(), Set.of(t.family()))) {
          for (String op : t.ops()) {
            out.add(new Grant(target, t.family(), op, e.key()));
          }
        }
      }
    }
    return out;
  }

  /** Grants of IAM statements (a statement or a list of them). */
  List<Grant> fromStatements(YNode statements, String origin) {
    List<Grant> out = new ArrayList<>();
    for (YNode st : Nodes.items(statements)) {
      if (!(st instanceof YMap m)) {
        continue;
      }
      if (!Nodes.text(m, "Effect").orElse("Allow").equalsIgnoreCase("Allow") || m.get("NotAction").isPresent()) {
        continue;
      }
      List<String[]> calls = new ArrayList<>(); // {family, op, action}
      for (YNode a : Nodes.items(m, "Action")) {
        Nodes.text(a).ifPresent(action -> calls.addAll(expand(action)));
      }
      if (calls.isEmpty()) {
        continue;
      }
      Set<String> families = new LinkedHashSet<>();
      for (String[] c : calls) {
        families.add(c[0]);
      }
      for (YNode r : Nodes.items(m, "Resource")) {
        if (Nodes.text(r).map(t -> t.strip().equals("*")).orElse(false)) {
          untraced.add(origin + ": " + String.join(", ", actionNames(calls)) + " on every resource (\"*\"): not turned into calls");
          continue;
        }
        for (String target : targets(r, families)) {
          Optional<String> fam = familyOf.apply(target);
          for (String[] c : calls) {
            if (fam.isPresent() && fam.get().equals(c[0])) {
              out.add(new Grant(target, c[0], c[1], origin + " (" + c[2] + ")"));
            }
          }
        }
      }
    }
    return out; // grouped per target and direction by CloudFormationImporter.collapse
  }

  private static List<String> actionNames(List<String[]> calls) {
    Set<String> s = new LinkedHashSet<>();
    for (String[] c : calls) {
      s.add(c[2]);
    }
    return new ArrayList<>(s);
  }

  /** The (family, op, action) triples an action pattern such as {@code dynamodb:*Item} allows. */
  static List<String[]> expand(String action) {
    String a = action.strip();
    int colon = a.indexOf(':');
    if (colon <= 0) {
      return List.of();
    }
    String prefix = a.substring(0, colon).toLowerCase(Locale.ROOT);
    String name = a.substring(colon + 1);
    Map<String, String> known = ACTIONS.get(prefix);
    if (known == null) {
      return List.of();
    }
    Pattern p = Pattern.compile("(?i)" + Pattern.quote(name).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    List<String[]> out = new ArrayList<>();
    Set<String> ops = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : known.entrySet()) {
      if (p.matcher(e.getKey()).matches() && ops.add(e.getValue())) {
        out.add(new String[] {FAMILY_OF_PREFIX.get(prefix), e.getValue(), prefix + ":" + e.getKey()});
      }
    }
    if (name.equals("*") && prefix.equals("dynamodb")) {
      // dynamodb:* — keep it to one read and one write rather than every operation
      out.removeIf(c -> !c[1].equals("read") && !c[1].equals("write"));
    }
    return out;
  }

  /** The resources a resolved value names, restricted to the given families. */
  Set<String> targets(YNode resolved, Set<String> families) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ix.mentions(resolved)) {
      if (familyOf.apply(id).map(families::contains).orElse(false)) {
        out.add(id);
      }
    }
    for (String t : Nodes.allTexts(resolved)) {
      for (String id : names.match(t, families)) {
        if (familyOf.apply(id).map(families::contains).orElse(false)) {
          out.add(id);
        }
      }
    }
    return out;
  }

}
