package dev.costflow.importers.arch;

import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Amazon States Language definition: how many states an execution may enter (a first
 * guess for {@code transitions}) and the services its Task states call.
 */
final class StateMachines {
  /** A call made by a Task state: target, op, how many such tasks, whether it sits inside a Map state. */
  record TaskCall(String target, String op, boolean async, boolean insideMap, String state) {}

  record Summary(int states, List<TaskCall> calls, List<String> notes) {}

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final Intrinsics ix;
  private final Permissions permissions;
  private final java.util.function.Supplier<String> defaultBus;

  StateMachines(Intrinsics ix, Permissions permissions, java.util.function.Supplier<String> defaultBus) {
    this.ix = ix;
    this.permissions = permissions;
    this.defaultBus = defaultBus;
  }

  /** Applies {@code DefinitionSubstitutions}: {@code ${Name}} in every string becomes the substitution's value. */
  YNode substitute(YNode n, Map<String, String> subs) {
    if (subs.isEmpty()) {
      return n;
    }
    if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING) {
      Matcher m = SUBSTITUTION.matcher(s.text());
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String v = subs.get(m.group(1));
        m.appendReplacement(b, Matcher.quoteReplacement(v == null ? m.group() : v));
      }
      m.appendTail(b);
      return Nodes.str(b.toString(), s.pos());
    }
    if (n instanceof YList l) {
      List<YNode> items = new ArrayList<>();
      for (YNode i : l.items()) {
        items.add(substitute(i, subs));
      }
      return new YList(items, l.pos());
    }
    if (n instanceof YMap m) {
      List<YEntry> entries = new ArrayList<>();
      for (YEntry e : m.entries()) {
        entries.add(new YEntry(e.key(), e.keyPos(), substitute(e.value(), subs)));
      }
      return new YMap(entries, m.pos());
    }
    return n;
  }

  Summary read(YNode definition) {
    List<TaskCall> calls = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int states = walk(definition, false, calls, notes);
    return new Summary(states, calls, notes);
  }

  private int walk(YNode machine, boolean insideMap, List<TaskCall> calls, List<String> notes) {
    Optional<YMap> states = Nodes.map(machine, "States");
    if (states.isEmpty()) {
      return 0;
    }
    int count = 0;
    for (YEntry e : states.get().entries()) {
      count++;
      YNode st = e.value();
      String type = Nodes.text(st, "Type").orElse("");
      switch (type) {
        case "Task" -> task(e.key(), st, insideMap, calls, notes);
        case "Parallel" -> {
          for (YNode b : Nodes.items(st, "Branches")) {
            count += walk(b, insideMap, calls, notes);
          }
        }
        case "Map" -> {
          Optional<YMap> proc = Nodes.map(st, "ItemProcessor").or(() -> Nodes.map(st, "Iterator"));
          if (proc.isPresent()) {
            count += walk(proc.get(), true, calls, notes);
          }
        }
        default -> {
          // Pass, Choice, Wait, Succeed, Fail: no calls
        }
      }
    }
    return count;
  }

  private void task(String name, YNode st, boolean insideMap, List<TaskCall> calls, List<String> notes) {
    YNode resourceNode = Nodes.get(st, "Resource").orElse(null);
    if (resourceNode == null) {
      return;
    }
    String resource = ix.asText(resourceNode);
    YNode params = Nodes.get(st, "Parameters").or(() -> Nodes.get(st, "Arguments")).orElse(Nodes.emptyMap(st.pos()));
    String r = resource.toLowerCase(Locale.ROOT);
    boolean waitForToken = r.endsWith(".waitfortasktoken");
    if (r.startsWith("arn:aws:states:::") || r.matches("^arn:[a-z-]+:states:::.*")) {
      String integration = resource.substring(resource.indexOf(":::") + 3);
      String base = integration.replaceAll("\\.(sync(:2)?|waitForTaskToken)$", "");
      String lower = base.toLowerCase(Locale.ROOT);
      if (lower.equals("lambda:invoke")) {
        boolean async = waitForToken || param(params, "InvocationType").map(v -> v.equalsIgnoreCase("Event")).orElse(false);
        add(calls, notes, name, params, "FunctionName", "aws.lambda", "", async, insideMap);
      } else if (lower.startsWith("dynamodb:") || lower.startsWith("aws-sdk:dynamodb:")) {
        String action = lower.substring(lower.lastIndexOf(':') + 1);
        add(calls, notes, name, params, "TableName", "aws.dynamodb", Integrations.ddbOp(action), false, insideMap);
      } else if (lower.startsWith("sqs:sendmessage") || lower.startsWith("aws-sdk:sqs:sendmessage")) {
        add(calls, notes, name, params, "QueueUrl", "aws.sqs", "", false, insideMap);
      } else if (lower.startsWith("sns:publish") || lower.startsWith("aws-sdk:sns:publish")) {
        add(calls, notes, name, params, "TopicArn", "aws.sns", "", false, insideMap);
      } else if (lower.startsWith("events:putevents") || lower.startsWith("aws-sdk:eventbridge:putevents")) {
        List<YNode> entries = Nodes.items(params, "Entries");
        boolean any = false;
        for (YNode en : entries) {
          any |= add(calls, notes, name, en, "EventBusName", "aws.eventbridge", "", false, insideMap);
        }
        if (!any) {
          calls.add(new TaskCall(defaultBus.get(), "", false, insideMap, name));
        }
      } else if (lower.startsWith("states:startexecution") || lower.startsWith("aws-sdk:sfn:startexecution")) {
        add(calls, notes, name, params, "StateMachineArn", "aws.stepfunctions", "", false, insideMap);
      } else if (lower.startsWith("aws-sdk:s3:")) {
        String action = lower.substring(lower.lastIndexOf(':') + 1);
        add(calls, notes, name, params, "Bucket", "aws.s3", action.startsWith("get") ? "get" : "put", false, insideMap);
      } else if (lower.startsWith("aws-sdk:kinesis:put")) {
        add(calls, notes, name, params, "StreamName", "aws.kinesis", "", false, insideMap);
      } else if (lower.startsWith("aws-sdk:firehose:put")) {
        add(calls, notes, name, params, "DeliveryStreamName", "aws.firehose", "", false, insideMap);
      } else {
        notes.add("state " + name + ": task " + integration + " is not modeled");
      }
      return;
    }
    // A Lambda function ARN as the Resource (the older form)
    Set<String> fns = permissions.targets(resourceNode, Set.of("aws.lambda"));
    if (fns.isEmpty()) {
      fns = permissions.targets(Nodes.str(resource, resourceNode.pos()), Set.of("aws.lambda"));
    }
    for (String f : fns) {
      calls.add(new TaskCall(f, "", false, insideMap, name));
    }
    if (fns.isEmpty()) {
      notes.add("state " + name + ": resource " + resource + " is not a resource of this template");
    }
  }

  private static Optional<String> param(YNode params, String key) {
    return Nodes.text(params, key).or(() -> Nodes.text(params, key + ".$"));
  }

  private boolean add(List<TaskCall> calls, List<String> notes, String state, YNode params, String key, String family, String op, boolean async, boolean insideMap) {
    Optional<YNode> v = Nodes.get(params, key);
    if (v.isEmpty()) {
      if (Nodes.get(params, key + ".$").isPresent()) {
        notes.add("state " + state + ": " + key + " is taken from the execution input; the target is not known from the template");
      }
      return false;
    }
    Set<String> targets = permissions.targets(v.get(), Set.of(family));
    for (String t : targets) {
      calls.add(new TaskCall(t, op, async, insideMap, state));
    }
    if (targets.isEmpty()) {
      notes.add("state " + state + ": " + key + " " + ix.asText(v.get()) + " is not a resource of this template");
    }
    return !targets.isEmpty();
  }
}
