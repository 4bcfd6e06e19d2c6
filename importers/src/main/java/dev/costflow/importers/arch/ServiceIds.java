package dev.costflow.importers.arch;

import dev.costflow.model.ModelReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Turns template logical ids ({@code OrdersTable}, {@code SQSQueue}) into model service ids ({@code orders-table}, {@code sqs-queue}). */
public final class ServiceIds {
  private final Set<String> used = new HashSet<>();

  /** The kebab-case form of a name: words split at case changes, acronyms kept together. */
  /** Product names kept as one word ({@code DynamoDBTable} → {@code dynamodb-table}). */
  private static final String[] WORDS = {"DynamoDB", "EventBridge", "CloudWatch", "CloudFront", "CloudFormation", "OpenSearch", "ElastiCache",
      "AppSync", "GraphQL", "WebSocket", "OAuth", "MySQL", "PostgreSQL", "MongoDB", "GitHub"};

  public static String kebab(String name) {
    for (String w : WORDS) {
      name = name.replace(w, w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT));
    }
    StringBuilder b = new StringBuilder();
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) || c > 127) {
        b.append('-');
        continue;
      }
      if (Character.isUpperCase(c) && i > 0) {
        char prev = name.charAt(i - 1);
        boolean next = i + 1 < n && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && next)) {
          b.append('-');
        }
      }
      b.append(Character.toLowerCase(c));
    }
    String s = b.toString().replaceAll("-+", "-").replaceAll("^-|-$", "").toLowerCase(Locale.ROOT);
    return s;
  }

  /** A valid, unused service id for a name (suffixed -2, -3 … when taken). */
  public String idFor(String name) {
    String base = kebab(name);
    if (base.isEmpty()) {
      base = "service";
    }
    if (!ModelReader.SERVICE_ID.matcher(base).matches()) {
      base = "s-" + base;
    }
    if (base.length() > 64) {
      base = base.substring(0, 64).replaceAll("-$", "");
    }
    String id = base;
    for (int k = 2; !used.add(id); k++) {
      id = base + "-" + k;
    }
    return id;
  }
}
