package dev.costflow.importers.arch;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical names a template gives its resources ({@code TableName: orders}) and how ARNs and
 * URLs name them, so that a policy's {@code arn:aws:dynamodb:…:table/orders} or an environment
 * variable's queue URL can be traced back to the resource. Families are costflow service types.
 */
final class Names {
  private static final Pattern ARN = Pattern.compile("^arn:[a-z-]*:([a-z0-9-]+):[^:]*:[^:]*:(.+)$");
  private static final Pattern QUEUE_URL = Pattern.compile("^https?://(?:sqs\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?|queue\\.amazonaws\\.com|[^/]+)/[0-9*]+/([A-Za-z0-9_.-]+)$");

  private final Map<String, Map<String, String>> byFamily = new HashMap<>();

  void add(String family, String name, String logicalId) {
    if (name == null || name.isBlank() || name.contains("${") || name.contains("*")) {
      return; // not known before deployment
    }
    byFamily.computeIfAbsent(family, f -> new HashMap<>()).putIfAbsent(name, logicalId);
  }

  Optional<String> lookup(String family, String name) {
    return Optional.ofNullable(byFamily.getOrDefault(family, Map.of()).get(name));
  }

  /**
   * The resources a piece of text names: an ARN or queue URL of a known resource, or (when
   * {@code plainFamilies} is given) a plain name of one of those families.
   */
  Set<String> match(String text, Set<String> plainFamilies) {
    Set<String> out = new LinkedHashSet<>();
    String t = text.strip();
    Matcher arn = ARN.matcher(t);
    if (arn.matches()) {
      arnTarget(arn.group(1), arn.group(2)).ifPresent(out::add);
      return out;
    }
    Matcher url = QUEUE_URL.matcher(t);
    if (url.matches()) {
      lookup("aws.sqs", url.group(1)).ifPresent(out::add);
      return out;
    }
    for (String f : new java.util.TreeSet<>(plainFamilies)) {
      lookup(f, t).ifPresent(out::add);
    }
    return out;
  }

  private Optional<String> arnTarget(String service, String resource) {
    return switch (service) {
      case "lambda" -> {
        // function:NAME or function:NAME:qualifier
        if (!resource.startsWith("function:")) {
          yield Optional.empty();
        }
        String rest = resource.substring("function:".length());
        int colon = rest.indexOf(':');
        yield lookup("aws.lambda", colon < 0 ? rest : rest.substring(0, colon));
      }
      case "sqs" -> lookup("aws.sqs", resource);
      case "sns" -> lookup("aws.sns", resource.contains(":") ? resource.substring(0, resource.indexOf(':')) : resource);
      case "dynamodb" -> resource.startsWith("table/") ? lookup("aws.dynamodb", segment(resource.substring(6))) : Optional.empty();
      case "s3" -> lookup("aws.s3", segment(resource.startsWith(":") ? resource.substring(1) : resource));
      case "states" -> resource.startsWith("stateMachine:") ? lookup("aws.stepfunctions", segment2(resource.substring(13))) : Optional.empty();
      case "events" -> resource.startsWith("event-bus/") ? lookup("aws.eventbridge", segment(resource.substring(10))) : Optional.empty();
      case "kinesis" -> resource.startsWith("stream/") ? lookup("aws.kinesis", segment(resource.substring(7))) : Optional.empty();
      case "firehose" -> resource.startsWith("deliverystream/") ? lookup("aws.firehose", segment(resource.substring(15))) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static String segment(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }

  private static String segment2(String s) {
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }
}
