package dev.costflow.importers.arch;

import dev.costflow.model.Problems;
import dev.costflow.yaml.Position;
import dev.costflow.yaml.YEntry;
import dev.costflow.yaml.YList;
import dev.costflow.yaml.YMap;
import dev.costflow.yaml.YNode;
import dev.costflow.yaml.YScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the Serverless Framework's variables in a serverless.yml: {@code ${self:path}},
 * {@code ${opt:stage}} and {@code ${opt:region}} (from the command line or the provider),
 * {@code ${sls:stage}}, {@code ${aws:region}}, {@code ${aws:accountId}},
 * {@code ${file(./other.yml):key}} (files next to serverless.yml), with fallbacks
 * ({@code ${opt:stage, self:provider.stage, 'dev'}}) and nesting. Sources only a deployment
 * knows ({@code env}, {@code ssm}, {@code cf}, {@code s3}) use their fallback, or stay as written
 * with a warning — an import never depends on the machine it runs on.
 */
final class ServerlessVariables {
  private static final int MAX_DEPTH = 20;

  private final YNode root;
  private final Map<String, String> options;
  private final Path baseDir;
  private final String displayName;
  private final Problems problems;
  private final Set<String> warned = new HashSet<>();
  private final Set<String> resolving = new HashSet<>();

  ServerlessVariables(YNode root, Map<String, String> options, Path baseDir, String displayName, Problems problems) {
    this.root = root;
    this.options = options;
    this.baseDir = baseDir;
    this.displayName = displayName;
    this.problems = problems;
  }

  /** The tree with every variable it can resolve replaced. */
  YNode resolveAll() {
    return resolve(root, 0);
  }

  private YNode resolve(YNode n, int depth) {
    if (n instanceof YScalar s && s.kind() == YScalar.Kind.STRING && s.text().contains("${")) {
      return resolveString(s, depth);
    }
    if (n instanceof YList l) {
      List<YNode> items = new ArrayList<>();
      for (YNode i : l.items()) {
        items.add(resolve(i, depth));
      }
      return new YList(items, l.pos());
    }
    if (n instanceof YMap m) {
      List<YEntry> entries = new ArrayList<>();
      for (YEntry e : m.entries()) {
        entries.add(new YEntry(e.key(), e.keyPos(), resolve(e.value(), depth)));
      }
      return new YMap(entries, m.pos());
    }
    return n;
  }

  /** A string with variables: a whole-string variable may yield a mapping or list, else text. */
  private YNode resolveString(YScalar s, int depth) {
    if (depth > MAX_DEPTH) {
      problems.error(s.pos(), "variables nested more than " + MAX_DEPTH + " deep (a variable that refers to itself?)");
      return s;
    }
    String text = s.text();
    int start = text.indexOf("${");
    int end = matchingBrace(text, start);
    if (start == 0 && end == text.length() - 1) {
      Optional<YNode> v = evaluate(text.substring(2, end), s.pos(), depth);
      return v.map(node -> node instanceof YScalar vs ? vs : resolve(node, depth + 1)).orElse(s);
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int st = text.indexOf("${", i);
      if (st < 0) {
        b.append(text, i, text.length());
        break;
      }
      int en = matchingBrace(text, st);
      if (en < 0) {
        b.append(text, i, text.length());
        break;
      }
      b.append(text, i, st);
      Optional<YNode> v = evaluate(text.substring(st + 2, en), s.pos(), depth);
      if (v.isPresent() && v.get() instanceof YScalar vs) {
        b.append(vs.text());
      } else {
        b.append(text, st, en + 1);
      }
      i = en + 1;
    }
    return new YScalar(b.toString(), YScalar.Kind.STRING, s.pos());
  }

  private static int matchingBrace(String text, int start) {
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** One variable expression (without ${ }), with its fallbacks. */
  private Optional<YNode> evaluate(String expr, Position at, int depth) {
    List<String> unknown = new ArrayList<>();
    for (String alternative : splitTopLevel(expr)) {
      String a = alternative.strip();
      if (a.isEmpty()) {
        continue;
      }
      Optional<YNode> v = alternativeValue(a, at, depth, unknown);
      if (v.isPresent()) {
        return v;
      }
    }
    for (String u : unknown) {
      warnOnce(at, u);
    }
    return Optional.empty();
  }

  private Optional<YNode> alternativeValue(String a, Position at, int depth, List<String> unknown) {
    if ((a.startsWith("'") && a.endsWith("'") || a.startsWith("\"") && a.endsWith("\"")) && a.length() >= 2) {
      return Optional.of(Nodes.str(a.substring(1, a.length() - 1), at));
    }
    if (a.matches("^-?[0-9]+(\\.[0-9]+)?$")) {
      return Optional.of(new YScalar(a, a.contains(".") ? YScalar.Kind.FLOAT : YScalar.Kind.INT, at));
    }
    if (a.equals("true") || a.equals("false")) {
      return Optional.of(new YScalar(a, YScalar.Kind.BOOL, at));
    }
    if (a.startsWith("${")) {
      YNode v = resolveString(Nodes.str(a, at), depth + 1);
      return v instanceof YScalar s && s.text().contains("${") ? Optional.empty() : Optional.of(v);
    }
    int colon = a.indexOf(':');
    String source = colon < 0 ? a : a.substring(0, colon);
    String address = colon < 0 ? "" : a.substring(colon + 1).strip();
    switch (source) {
      case "self" -> {
        return self(address, at, depth);
      }
      case "opt" -> {
        return Optional.ofNullable(options.get(address)).map(v -> Nodes.str(v, at));
      }
      case "sls" -> {
        return address.equals("stage") ? Optional.ofNullable(options.get("stage")).map(v -> Nodes.str(v, at)) : Optional.empty();
      }
      case "aws" -> {
        return switch (address) {
          case "region" -> Optional.ofNullable(options.get("region")).map(v -> Nodes.str(v, at));
          case "accountId" -> Optional.of(Nodes.str("123456789012", at));
          default -> Optional.empty();
        };
      }
      case "env", "ssm", "cf", "s3", "param", "secret" -> {
        unknown.add("${" + a + "}: a value known only where the service is deployed; left as written (give a fallback, e.g. ${" + a + ", 'value'})");
        return Optional.empty();
      }
      default -> {
        if (a.startsWith("file(")) {
          return file(a, at, depth);
        }
        if (a.startsWith("strToBool(")) {
          String inner = a.substring("strToBool(".length(), a.length() - 1);
          return Optional.of(new YScalar(Boolean.toString(inner.strip().equalsIgnoreCase("true")), YScalar.Kind.BOOL, at));
        }
        unknown.add("${" + a + "}: unknown variable source; left as written");
        return Optional.empty();
      }
    }
  }

  private Optional<YNode> self(String address, Position at, int depth) {
    if (!resolving.add(address)) {
      problems.error(at, "${self:" + address + "} refers to itself");
      return Optional.empty();
    }
    try {
      YNode n = root;
      if (!address.isEmpty()) {
        for (String part : address.split("\\.")) {
          if (n instanceof YMap m) {
            Optional<YNode> next = m.get(part);
            if (next.isEmpty()) {
              return defaults(address, at);
            }
            n = next.get();
          } else if (n instanceof YList l && part.matches("[0-9]+") && Integer.parseInt(part) < l.items().size()) {
            n = l.items().get(Integer.parseInt(part));
          } else {
            return defaults(address, at);
          }
        }
      }
      return Optional.of(resolve(n, depth + 1));
    } finally {
      resolving.remove(address);
    }
  }

  /** The framework's own defaults, for self:provider.stage and self:provider.region when the file sets none. */
  private Optional<YNode> defaults(String address, Position at) {
    return switch (address) {
      case "provider.stage" -> Optional.of(Nodes.str(options.getOrDefault("stage", "dev"), at));
      case "provider.region" -> Optional.of(Nodes.str(options.getOrDefault("region", "us-east-1"), at));
      default -> Optional.empty();
    };
  }

  private Optional<YNode> file(String a, Position at, int depth) {
    int close = a.indexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String path = a.substring(5, close).strip().replaceAll("^['\"]|['\"]$", "");
    String key = close + 1 < a.length() && a.charAt(close + 1) == ':' ? a.substring(close + 2).strip() : "";
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = base.resolve(path).normalize();
    if (!file.startsWith(base) || !Files.isRegularFile(file)) {
      warnOnce(at, "${" + a + "}: file " + path + " not found next to " + displayName + " (or outside its folder); left as written");
      return Optional.empty();
    }
    String shown = Path.of(displayName).resolveSibling(path).normalize().toString();
    if (!(shown.endsWith(".yml") || shown.endsWith(".yaml") || shown.endsWith(".json"))) {
      warnOnce(at, "${" + a + "}: only YAML and JSON files are read; left as written");
      return Optional.empty();
    }
    YNode content = Templates.read(file, shown);
    ServerlessVariables inner = new ServerlessVariables(content, options, file.getParent(), shown, problems);
    YNode resolved = inner.resolveAll();
    if (key.isEmpty()) {
      return Optional.of(resolved);
    }
    YNode n = resolved;
    for (String part : key.split("\\.")) {
      Optional<YNode> next = Nodes.get(n, part);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      n = next.get();
    }
    return Optional.of(n);
  }

  /** Splits "a, b, 'c, d'" at top-level commas (not inside quotes or nested ${…}). */
  static List<String> splitTopLevel(String expr) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int last = 0;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '{' || c == '(') {
        depth++;
      } else if (c == '}' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(expr.substring(last, i));
        last = i + 1;
      }
    }
    out.add(expr.substring(last));
    return out;
  }

  private void warnOnce(Position at, String message) {
    if (warned.add(message)) {
      problems.warning(at, message);
    }
  }
}
